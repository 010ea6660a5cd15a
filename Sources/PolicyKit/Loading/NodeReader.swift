package import Yams

/// Reads typed values out of YAML nodes, reporting every mismatch with its location.
///
/// Scalars are read from their source text: Yams's own type resolution (timestamps, YAML 1.1
/// booleans, sexagesimal numbers) is never used.
package struct NodeReader {
    package let sink: DiagnosticSink

    package init(sink: DiagnosticSink) {
        self.sink = sink
    }

    /// Whether `node` is YAML's null: an empty plain scalar, `~` or `null`.
    package static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        let text = scalar.string
        switch text.utf8.count {
        case 0: return true
        case 1: return text == "~"
        case 4: return text == "null" || text == "Null" || text == "NULL"
        default: return false
        }
    }

    /// A short description of what a node is, for messages.
    package static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            let text = scalar.string
            let short = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "..." : text
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            let shown = UntrustedText.escapingControls(short, keepingLineFeeds: false)
            return quoted ? "the text \"\(shown)\"" : "`\(shown)`"
        }
    }

    /// Opens a mapping, reporting unknown keys (with a suggestion) and non-scalar keys.
    package func mapping(_ node: Node, _ what: String, keys: [String]) -> MappingReader? {
        MappingReader(node, what: what, keys: keys, reader: self)
    }

    /// The scalar text of a node, reporting anything else.
    package func scalar(_ node: Node, _ label: String, expected: @autoclosure () -> String) -> Node.Scalar? {
        guard case .scalar(let scalar) = node, !NodeReader.isNull(node) else {
            sink.error("\(label) must be \(expected()), found \(NodeReader.describe(node))", at: node)
            return nil
        }
        return scalar
    }

    /// A non-empty single-line-or-more text.
    package func string(_ node: Node, _ label: String) -> String? {
        guard let scalar = scalar(node, label, expected: "a text"), isText(scalar, node, label, expected: "a text") else {
            return nil
        }
        if !NodeReader.startsWithVisibleASCII(scalar.string), scalar.string.allSatisfy(\.isWhitespace) {
            sink.error("\(label) must not be empty", at: node)
            return nil
        }
        if let control = NodeReader.firstControlCharacter(in: scalar.string) {
            sink.error("\(label) contains the \(control.kind) U+\(control.code), which is not allowed in a text (however it is written); remove it", at: node)
            return nil
        }
        return scalar.string
    }

    /// The first character a text must not hold, wherever it came from (a YAML escape such as
    /// `"\u001b"` included): C0 controls but the line feed, DEL, C1 controls, and the bidi
    /// embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) that can make a
    /// text read differently from what it holds. A byte scan: most texts are plain ASCII.
    package static func firstControlCharacter(in text: String) -> (code: String, kind: String)? {
        var iterator = text.utf8.makeIterator()
        var found: UInt32?
        while let byte = iterator.next() {
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { found = UInt32(byte); break }
            } else if byte == 0xC2 {
                if let next = iterator.next(), next >= 0x80 && next <= 0x9F { found = UInt32(next); break }
            } else if byte == 0xE2 {
                guard let second = iterator.next(), let third = iterator.next() else { break }
                if second == 0x80 && third >= 0xAA && third <= 0xAE { found = 0x2000 + UInt32(third - 0x80); break }
                if second == 0x81 && third >= 0xA6 && third <= 0xA9 { found = 0x2040 + UInt32(third - 0x80); break }
            }
        }
        guard let found else { return nil }
        let hex = String(found, radix: 16, uppercase: true)
        let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return (code, found >= 0x2000 ? "bidirectional control character" : "control character")
    }

    /// Whether `text` starts with a printable ASCII character other than the space: then its
    /// first Character is not white space (a quick answer before `allSatisfy(\.isWhitespace)`).
    package static func startsWithVisibleASCII(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first > 0x20 && first < 0x7F
    }

    /// Whether a scalar where text is expected is text: a plain scalar that YAML (and so the
    /// JSON Schema in editors) reads as a number or a boolean is reported with a hint to quote it.
    package func isText(_ scalar: Node.Scalar, _ node: Node, _ label: String, expected: String) -> Bool {
        guard let kind = NodeReader.nonTextKind(scalar) else { return true }
        sink.error("\(label) must be \(expected), found the \(kind) `\(scalar.string)`; put it in quotes (\"\(scalar.string)\") to write it as text", at: node)
        return false
    }

    /// `number` or `boolean` when a plain scalar is one for YAML 1.2's core schema (decimal
    /// numbers, `true`, `false`), otherwise `nil`. `validate.py` resolves scalars the same way.
    package static func nonTextKind(_ scalar: Node.Scalar) -> String? {
        guard scalar.style == .plain || scalar.style == .any else { return nil }
        let text = scalar.string
        switch text {
        case "true", "True", "TRUE", "false", "False", "FALSE": return "boolean"
        default: return isDecimalNumber(text) ? "number" : nil
        }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    package static func isDecimalNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let first = scalars.first, ("0"..."9").contains(first) {
                scalars.removeFirst()
                count += 1
            }
            return count
        }
        if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
        let whole = digits()
        if scalars.first == "." {
            scalars.removeFirst()
            let fraction = digits()
            if whole == 0, fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars.removeFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
            if digits() == 0 { return false }
        }
        return scalars.isEmpty
    }

    /// An id: lower-case letters, digits and `-`, starting with a letter or digit, at most 64.
    package func identifier(_ node: Node, _ label: String) -> String? {
        guard let scalar = scalar(node, label, expected: "an id"), isText(scalar, node, label, expected: "an id") else {
            return nil
        }
        let text = scalar.string
        guard NodeReader.isIdentifier(text) else {
            sink.error("\(label) must be an id (lower-case letters, digits and `-`, starting with a letter or digit, at most 64 characters), found \(NodeReader.describe(node))", at: node)
            return nil
        }
        return text
    }

    package static func isIdentifier(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count <= 64, first != "-" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A day written `YYYY-MM-DD`.
    package func day(_ node: Node, _ label: String) -> Day? {
        guard let scalar = scalar(node, label, expected: "a day written YYYY-MM-DD") else { return nil }
        guard let day = Day(scalar.string) else {
            if let reason = Day.whyNotADay(scalar.string) {
                sink.error("\(label) is `\(scalar.string)`, which is not a day: \(reason)", at: node)
                return nil
            }
            sink.error("\(label) must be a valid day written YYYY-MM-DD, found \(NodeReader.describe(node))", at: node)
            return nil
        }
        return day
    }

    /// A finite number written in decimal.
    package func number(_ node: Node, _ label: String) -> Double? {
        guard let scalar = scalar(node, label, expected: "a number") else { return nil }
        let text = scalar.string
        let isPlain = scalar.style == .plain || scalar.style == .any
        let characters = "0123456789+-.eE".unicodeScalars
        guard isPlain, text.unicodeScalars.allSatisfy({ characters.contains($0) }),
              text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }), let value = Double(text)
        else {
            let lowered = text.lowercased()
            if isPlain, [".inf", "+.inf", "-.inf", ".nan"].contains(lowered) {
                sink.error("\(label) must be a finite number, found \(NodeReader.describe(node))", at: node)
            } else {
                sink.error("\(label) must be a number, found \(NodeReader.describe(node))", at: node)
            }
            return nil
        }
        guard value.isFinite else {
            sink.error("\(label) must be a finite number, found \(NodeReader.describe(node)) (too large)", at: node)
            return nil
        }
        return value
    }

    /// A whole number within `range`.
    package func integer(_ node: Node, _ label: String, in range: ClosedRange<Int>) -> Int? {
        guard let scalar = scalar(node, label, expected: "a whole number") else { return nil }
        let isPlain = scalar.style == .plain || scalar.style == .any
        guard isPlain, scalar.string.unicodeScalars.count <= 18, let value = Int(scalar.string) else {
            sink.error("\(label) must be a whole number, found \(NodeReader.describe(node))", at: node)
            return nil
        }
        guard range.contains(value) else {
            sink.error("\(label) must be from \(range.lowerBound) to \(range.upperBound), found \(value)", at: node)
            return nil
        }
        return value
    }

    /// `true` or `false`.
    package func bool(_ node: Node, _ label: String) -> Bool? {
        guard let scalar = scalar(node, label, expected: "true or false") else { return nil }
        let isPlain = scalar.style == .plain || scalar.style == .any
        switch (isPlain, scalar.string) {
        case (true, "true"), (true, "True"), (true, "TRUE"): return true
        case (true, "false"), (true, "False"), (true, "FALSE"): return false
        default:
            sink.error("\(label) must be true or false, found \(NodeReader.describe(node))", at: node)
            return nil
        }
    }

    /// One of the raw values of `Choice`, with a suggestion when misspelt.
    package func choice<Choice: RawRepresentable & CaseIterable>(_ node: Node, _ label: String, _ type: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        var names: [String] { Choice.allCases.map(\.rawValue) }
        var list: String { names.joined(separator: " | ") }
        guard let scalar = scalar(node, label, expected: "one of \(list)") else { return nil }
        if let value = Choice(rawValue: scalar.string) { return value }
        var message = "\(label) must be one of \(list), found \(NodeReader.describe(node))"
        if let suggestion = EditDistance.suggestion(for: scalar.string, among: names) {
            message += "; did you mean `\(suggestion)`?"
        }
        sink.error(message, at: node)
        return nil
    }

    /// A multilingual text: a mapping from language code to text with `en`, or a plain string.
    package func text(_ node: Node, _ label: String) -> LocalizedText? {
        if case .scalar = node {
            return string(node, label).map { LocalizedText(en: $0) }
        }
        guard case .mapping(let mapping) = node else {
            sink.error("\(label) must be a text or a mapping from language code to text, found \(NodeReader.describe(node))", at: node)
            return nil
        }
        var translations: [String: String] = [:]
        var valid = true
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                sink.error("language codes must be words like `en`, found \(NodeReader.describe(key))", at: key)
                valid = false
                continue
            }
            let code = keyScalar.string
            if code.hasPrefix(YAMLSource.duplicateKeyPrefix) { continue }
            guard NodeReader.isLanguageCode(code) else {
                sink.error("`\(code)` is not an ISO 639-1 language code (two lower-case letters, like `en`)", at: key)
                valid = false
                continue
            }
            if let text = string(value, "the `\(code)` text") {
                translations[code] = text
            } else {
                valid = false
            }
        }
        guard valid else { return nil }
        guard let text = LocalizedText(translations: translations) else {
            sink.error("\(label) must have an English text (`en`)", at: node)
            return nil
        }
        return text
    }

    package static func isLanguageCode(_ code: String) -> Bool {
        code.unicodeScalars.count == 2 && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
    }

    /// A provenance: `illustrative` or a citation.
    package func provenance(_ node: Node, _ label: String) -> Provenance? {
        string(node, label).map(Provenance.init)
    }

    /// A list whose elements are read by `element`; `nil` when it is not a list. Elements that
    /// fail are left out (their errors are reported), so that checks across the elements that
    /// did load still run; callers compare the sink's error count to know whether all loaded.
    package func list<Element>(_ node: Node, _ label: String, _ element: (Node, Int) -> Element?) -> [Element]? {
        guard case .sequence(let sequence) = node else {
            sink.error("\(label) must be a list, found \(NodeReader.describe(node))", at: node)
            return nil
        }
        return sequence.enumerated().compactMap { element($1, $0) }
    }

    /// A list of texts.
    package func strings(_ node: Node, _ label: String) -> [String]? {
        list(node, label) { item, _ in string(item, "each entry of \(label)") }
    }

    /// A list of ids, keeping each id's location for later reference checks; an id listed twice
    /// is reported at its second place.
    package func identifiers(_ node: Node, _ label: String) -> [(id: String, location: Location)]? {
        let ids: [(id: String, location: Location)]? = list(node, label) { item, _ in
            identifier(item, "each entry of \(label)").map { ($0, Location(item)) }
        }
        reportRepeats(ids?.map { ($0.id, $0.location) } ?? [], label)
        return ids
    }

    /// A list of texts in which no text is repeated.
    package func distinctStrings(_ node: Node, _ label: String) -> [String]? {
        guard case .sequence(let sequence) = node else { return strings(node, label) }
        var texts: [(String, Location)] = []
        var failed = false
        for item in sequence {
            if let text = string(item, "each entry of \(label)") { texts.append((text, Location(item))) } else { failed = true }
        }
        reportRepeats(texts, label)
        return failed ? nil : texts.map(\.0)
    }

    private func reportRepeats(_ items: [(String, Location)], _ label: String) {
        var seen = Set<String>()
        for (text, location) in items where !seen.insert(text).inserted {
            sink.error("\(label) lists `\(text)` twice", at: location)
        }
    }
}

/// The keys and values of one mapping, checked against the keys it may hold.
package final class MappingReader {
    package let node: Node
    package let what: String
    package let reader: NodeReader
    /// The names of the known keys found, in file order, and their key nodes and values: a short list,
    /// searched from its end, so that a name found twice (only explicit tags get a repeated
    /// key past Yams's duplicate check) reads as its last value.
    private var names: [String] = []
    private var entries: [(key: Node, value: Node)] = []

    package init?(_ node: Node, what: String, keys: [String], reader: NodeReader) {
        self.node = node
        self.what = what
        self.reader = reader
        guard case .mapping(let mapping) = node else {
            reader.sink.error("\(what) must be a mapping of keys to values, found \(NodeReader.describe(node))", at: node)
            return nil
        }
        names.reserveCapacity(mapping.count)
        entries.reserveCapacity(mapping.count)
        // By index: iterating a Node.Mapping first copies all its pairs into a new array.
        for index in mapping.indices {
            let (key, value) = mapping[index]
            guard case .scalar(let scalar) = key, !NodeReader.isNull(key) else {
                reader.sink.error("keys of \(what) must be words, found \(NodeReader.describe(key))", at: key)
                continue
            }
            let name = scalar.string
            if name.hasPrefix(YAMLSource.duplicateKeyPrefix) { continue }
            guard keys.contains(name) else {
                var message = "unknown key `\(name)` in \(what)"
                if let suggestion = EditDistance.suggestion(for: name, among: keys) {
                    message += "; did you mean `\(suggestion)`?"
                } else {
                    message += "; known keys: \(keys.joined(separator: ", "))"
                }
                reader.sink.error(message, at: key)
                continue
            }
            names.append(name)
            entries.append((key, value))
        }
    }

    package var sink: DiagnosticSink { reader.sink }

    /// The position in `entries` of the last key named `name`.
    private func index(of name: String) -> Int? {
        names.lastIndex(of: name)
    }

    /// The value of `key` when present (even null).
    private func rawValue(_ key: String) -> Node? {
        index(of: key).map { entries[$0].value }
    }

    /// The value of `key` when present and not null.
    package func value(_ key: String) -> Node? {
        guard let value = rawValue(key), !NodeReader.isNull(value) else { return nil }
        return value
    }

    /// Whether `key` is written (even with an empty value).
    package func contains(_ key: String) -> Bool {
        index(of: key) != nil
    }

    /// The location of `key` itself, or of the mapping when absent.
    package func location(of key: String) -> Location {
        Location(index(of: key).map { entries[$0].key } ?? node)
    }

    /// Reads a required key, reporting it when missing or empty.
    package func required<T>(_ key: String, _ read: (Node, String) -> T?) -> T? {
        guard let value = rawValue(key) else {
            sink.error("missing required key `\(key)` in \(what)", at: node)
            return nil
        }
        guard !NodeReader.isNull(value) else {
            sink.error("`\(key)` needs a value", at: location(of: key))
            return nil
        }
        return read(value, "`\(key)`")
    }

    /// Reads an optional key; absent or empty gives `nil` without a diagnostic.
    package func optional<T>(_ key: String, _ read: (Node, String) -> T?) -> T? {
        guard let value = value(key) else { return nil }
        return read(value, "`\(key)`")
    }
}
