internal import Foundation
package import Yams

/// Turns the bytes of one file into a YAML node tree, reporting every problem with a location
/// instead of crashing: invalid UTF-8, control characters, excessive nesting, anchors and
/// aliases, duplicate keys and YAML syntax errors.
package enum YAMLSource {
    /// The largest file read, in bytes.
    package static let maximumFileSize = 4 * 1024 * 1024
    /// The deepest nesting accepted (block indentation indicators plus flow brackets).
    package static let maximumDepth = 48
    /// Marks a duplicate key renamed so that the rest of the file can still be checked.
    package static let duplicateKeyPrefix = "__policy_tracker_duplicate_"

    /// Reads `bytes` and composes the YAML document, or returns `nil` after reporting why not.
    /// An empty document gives `.some(nil)`.
    package static func compose(bytes: [UInt8], sink: DiagnosticSink) -> Node?? {
        guard bytes.count <= maximumFileSize else {
            sink.error("the file is \(bytes.count) bytes long; files of more than \(maximumFileSize) bytes are refused", line: 1, column: 1)
            return nil
        }
        guard let text = decodeUTF8(bytes, sink: sink) else { return nil }
        return compose(text: text, sink: sink)
    }

    /// Composes the YAML document of `text`, or returns `nil` after reporting why not.
    package static func compose(text original: String, sink: DiagnosticSink) -> Node?? {
        var text = original
        if text.unicodeScalars.first == "\u{FEFF}" {
            text.unicodeScalars.removeFirst()
        }
        if contains(UInt8(ascii: "\r"), in: &text) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
        }
        guard checkCharacters(text, sink: sink) else { return nil }
        guard YAMLPreScanner.scan(text, sink: sink) else { return nil }

        var renamed = 0
        var resolver = fastResolver(for: text)
        while true {
            do {
                // UTF-8 given, not Parser.Encoding.default: that one reads the whole process
                // environment at every call (for YAMS_DEFAULT_ENCODING, printing to standard
                // output when it is set).
                return .some(try Yams.compose(yaml: text, resolver, .default, .utf8))
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                if resolver !== Resolver.default {
                    // Maybe a key that only the default resolver tells apart (`1` and "1"):
                    // compose again as Yams does by default, and report what it finds.
                    resolver = .default
                    continue
                }
                guard renamed < 32, let key = duplicates.first,
                      let second = secondOccurrence(of: key, after: context.mark, in: text)
                else {
                    sink.error("duplicate key `\(duplicates.first ?? "")` in this mapping", line: context.mark.line, column: context.mark.column)
                    return nil
                }
                sink.error("duplicate key `\(key)`; it is already defined at line \(context.mark.line), column \(context.mark.column)",
                           line: second.line, column: second.column)
                renamed += 1
                text = rename(in: text, line: second.line, utf8Offset: second.utf8Offset, length: second.utf8Length,
                              to: "\(duplicateKeyPrefix)\(renamed)")
            } catch let error as YamlError {
                report(error, text: text, sink: sink)
                return nil
            } catch {
                sink.error("cannot read the YAML: \(error)", line: 1, column: 1)
                return nil
            }
        }
    }

    /// The resolver to compose `text` with: the loader reads every scalar from its text and
    /// style, so Yams's tags matter only where Yams compares mapping keys to find duplicates,
    /// and resolving a plain scalar's tag with the default resolver costs up to seven
    /// `NSRegularExpression` matches (every key of every mapping is resolved).
    ///
    /// `Resolver.basic` (every plain scalar a text) finds the same duplicates or more when no
    /// key has an explicit tag: two keys are duplicates when their texts and tags are equal; a
    /// plain key and a quoted one of the same text are always equal for `basic` and equal for
    /// `default` only when the plain text resolves to a string. A text without `!` has no
    /// explicit tag. So when composing with `basic` succeeds, composing with `default` gives the
    /// same tree (but for the resolver inside its tags) and the same syntax errors; when `basic`
    /// reports a duplicate, the caller composes again with `default`. Any `!` in the text
    /// (a tag, or only a `!` in a note) selects `default` from the start.
    package static func fastResolver(for text: String) -> Resolver {
        var text = text
        return contains(UInt8(ascii: "!"), in: &text) ? .default : .basic
    }

    /// Whether the UTF-8 of `text` contains `byte` (`memchr`, not the slower `text.utf8.contains`).
    private static func contains(_ byte: UInt8, in text: inout String) -> Bool {
        text.withUTF8 { $0.isEmpty ? false : memchr($0.baseAddress!, Int32(byte), $0.count) != nil }
    }

    /// Decodes UTF-8, reporting the location of the first invalid byte.
    package static func decodeUTF8(_ bytes: [UInt8], sink: DiagnosticSink) -> String? {
        // Decoding repairs invalid UTF-8 with U+FFFD, so the result has the same bytes exactly
        // when there was nothing to repair; only then is the scalar by scalar walk skipped.
        var decoded = String(decoding: bytes, as: UTF8.self)
        let unchanged = decoded.withUTF8 { decodedBytes in
            bytes.withUnsafeBytes { original in
                decodedBytes.count == original.count
                    && (original.isEmpty || memcmp(decodedBytes.baseAddress!, original.baseAddress!, original.count) == 0)
            }
        }
        if unchanged { return decoded }
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        var line = 1, column = 1
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return String(scalars)
            case .error:
                sink.error("the file is not valid UTF-8 text; save it as UTF-8", line: line, column: column)
                return nil
            }
        }
    }

    /// Reports the first character YAML does not allow (control characters, U+FFFE, U+FFFF), or
    /// a line break other than a line feed: a carriage return alone (CR LF is read as LF before),
    /// U+0085, U+2028 or U+2029. YAML ends a line at each of them, and so would its line numbers,
    /// while the lines of a file, of its excerpts and of every tool that shows it end at LF.
    package static func checkCharacters(_ text: String, sink: DiagnosticSink) -> Bool {
        var text = text
        if text.withUTF8(allCharactersAllowed) { return true }
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if let name = otherLineBreaks[value] {
                sink.error("\(name) is not allowed: YAML would end a line there, where other tools see none; end lines with a line feed (LF, or CR LF)",
                           line: line, column: column)
                return false
            }
            let allowed = value == 0x09 || value == 0x0A || (0x20...0x7E).contains(value)
                || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                || value >= 0x10000
            if !allowed {
                let code = String(value, radix: 16, uppercase: true)
                sink.error("the character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code) is not allowed in a YAML file",
                           line: line, column: column)
                return false
            }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return true
    }

    /// The line breaks YAML knows besides the line feed, refused (see `checkCharacters`).
    private static let otherLineBreaks: [UInt32: String] = [
        0x0D: "a carriage return (U+000D) not followed by a line feed",
        0x85: "the next-line character U+0085",
        0x2028: "the line separator U+2028",
        0x2029: "the paragraph separator U+2029",
    ]

    /// Whether valid UTF-8 holds only characters allowed (the test of `checkCharacters`, on
    /// bytes): the ASCII controls but tab and line feed (a carriage return is left only where no
    /// line feed follows it), DEL, U+0080 to U+009F (`C2 80` to `C2 9F`), U+2028 and U+2029
    /// (`E2 80 A8`, `E2 80 A9`), U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`) are refused;
    /// surrogates cannot occur in valid UTF-8.
    private static func allCharactersAllowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 {
                guard byte == 0x09 || byte == 0x0A else { return false }
            } else if byte == 0x7F {
                return false
            } else if byte == 0xC2 {
                if bytes[index + 1] < 0xA0 { return false }
            } else if byte == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return false
            } else if byte == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                return false
            }
            // Other bytes (ASCII, later bytes of a character, leads of allowed characters) pass.
            index += 1
        }
        return true
    }

    /// Turns a Yams error into a located diagnostic.
    package static func report(_ error: YamlError, text: String, sink: DiagnosticSink) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let plain = YAMLPlainWords.message(problem: problem, context: context?.text, contextLine: context?.mark.line ?? 0,
                                                  contextColumn: context?.mark.column ?? 0, line: mark.line, column: mark.column, text: text) {
                message = "invalid YAML: \(plain)"
            } else if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            if lineHasTab(text, line: mark.line) || lineHasTab(text, line: mark.line - 1) {
                message += "; tabs are not allowed for indentation, use spaces"
            }
            sink.error(message, line: mark.line, column: mark.column)
        case let .reader(problem, offset, _, _):
            let (line, column) = location(ofCharacterOffset: offset ?? 0, in: text)
            sink.error("cannot read the file: \(problem)", line: line, column: column)
        case let .duplicatedKeysInMapping(duplicates, context):
            sink.error("duplicate key `\(duplicates.first ?? "")` in this mapping", line: context.mark.line, column: context.mark.column)
        default:
            sink.error("cannot read the YAML: \(error)", line: 1, column: 1)
        }
    }

    private static func lineHasTab(_ text: String, line: Int) -> Bool {
        guard line >= 1 else { return false }
        var current = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                current += 1
                if current > line { return false }
            } else if current == line, scalar == "\t" {
                return true
            }
        }
        return false
    }

    private static func location(ofCharacterOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for character in text.prefix(max(0, offset)) {
            if character == "\n" { line += 1; column = 1 } else { column += character.unicodeScalars.count }
        }
        return (line, column)
    }

    private struct Occurrence {
        var line: Int
        var column: Int
        var utf8Offset: Int
        var utf8Length: Int
    }

    /// Finds the second occurrence of a duplicate key: the same key at the same indentation in
    /// the same block mapping, or later in the same flow mapping.
    private static func secondOccurrence(of key: String, after mark: Mark, in text: String) -> Occurrence? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        let firstLine = Array(lines[mark.line - 1].unicodeScalars)
        let before = firstLine.prefix(max(0, mark.column - 1)).reversed().first { $0 != " " }
        let isFlow = before == "{" || before == ","

        func keyMatch(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
            for spelling in spellings {
                let candidate = Array(spelling.unicodeScalars)
                guard scalars.count >= candidate.count, Array(scalars.prefix(candidate.count)) == candidate else { continue }
                let rest = scalars.dropFirst(candidate.count).drop { $0 == " " }
                if rest.first == ":" { return String(String.UnicodeScalarView(candidate)).utf8.count }
            }
            return nil
        }

        if isFlow {
            // Search the rest of the flow mapping, from just after the first key.
            var lineIndex = mark.line - 1
            var start = mark.column
            var depth = 0
            while lineIndex < lines.count {
                let scalars = Array(lines[lineIndex].unicodeScalars)
                var index = min(start, scalars.count)
                var previous: Unicode.Scalar? = index > 0 ? scalars[index - 1] : nil
                while index < scalars.count {
                    let scalar = scalars[index]
                    if scalar == "{" || scalar == "[" { depth += 1 }
                    if scalar == "}" || scalar == "]" {
                        if depth == 0 { return nil }
                        depth -= 1
                    }
                    if depth == 0, previous == "," || previous == " " || previous == "{",
                       let length = keyMatch(scalars[index...]),
                       scalars[..<index].reversed().first(where: { $0 != " " }) == "," {
                        let offset = String(String.UnicodeScalarView(scalars[..<index])).utf8.count
                        return Occurrence(line: lineIndex + 1, column: index + 1, utf8Offset: offset, utf8Length: length)
                    }
                    previous = scalar
                    index += 1
                }
                lineIndex += 1
                start = 0
            }
            return nil
        }

        let indent = mark.column - 1
        var lineIndex = mark.line
        while lineIndex < lines.count {
            let scalars = Array(lines[lineIndex].unicodeScalars)
            let leading = scalars.prefix { $0 == " " }.count
            let content = scalars.dropFirst(leading)
            if content.isEmpty || content.first == "#" {
                lineIndex += 1
                continue
            }
            if leading < indent { return nil }
            if leading == indent, let length = keyMatch(content) {
                return Occurrence(line: lineIndex + 1, column: indent + 1, utf8Offset: indent, utf8Length: length)
            }
            lineIndex += 1
        }
        return nil
    }

    private static func rename(in text: String, line: Int, utf8Offset: Int, length: Int, to replacement: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let bytes = Array(lines[line - 1].utf8)
        guard utf8Offset + length <= bytes.count else { return text }
        let newBytes = bytes[..<utf8Offset] + Array(replacement.utf8) + bytes[(utf8Offset + length)...]
        lines[line - 1] = String(decoding: newBytes, as: UTF8.self)
        return lines.joined(separator: "\n")
    }
}
