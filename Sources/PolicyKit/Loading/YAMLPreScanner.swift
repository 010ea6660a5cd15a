/// A light scan of YAML text before it is composed, refusing what could make composing or
/// walking the document explode: anchors and aliases (billion laughs) and excessive nesting.
///
/// The scan follows quotes, comments, flow brackets and block scalars well enough to find
/// the start of each node; it does not validate YAML (the parser does that afterwards).
///
/// It reads UTF-8 bytes: every character it looks for is ASCII, and no byte of a multi-byte
/// character is ASCII, so a character outside ASCII acts as it would as one scalar (it ends a
/// node start, and is neither a space nor a delimiter). Columns are counted in Unicode scalars.
enum YAMLPreScanner {
    /// The longest run of indentation and block indicators accepted at the start of a line.
    static let maximumIndentation = 200

    private enum Quote { case none, single, double }

    /// Returns `false` after reporting a problem that makes the file unsafe to compose.
    static func scan(_ text: String, sink: DiagnosticSink) -> Bool {
        var text = text
        return text.withUTF8 { scan(bytes: $0, sink: sink) }
    }

    private static let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// `,[]{}`: the bytes that end a token inside flow brackets.
    private static func isFlowDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    private static func scan(bytes: UnsafeBufferPointer<UInt8>, sink: DiagnosticSink) -> Bool {
        var quote = Quote.none
        var flowDepth = 0
        var blockScalarIndent: Int?
        var problems = 0
        var lineNumber = 0
        var lineStart = 0

        while true {
            // Lines end at each "\n" that does not follow "\r" (a "\r\n" left after the CRLF
            // conversion is one Character, as when the text was split by Characters).
            var lineEnd = lineStart
            while lineEnd < bytes.count,
                  bytes[lineEnd] != newline || (lineEnd > 0 && bytes[lineEnd - 1] == carriageReturn) {
                lineEnd += 1
            }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            lineNumber += 1

            /// The column of the byte at `index`, in Unicode scalars from 1.
            func column(_ index: Int) -> Int {
                var scalars = 1
                for byte in line[..<min(index, line.count)] where byte & 0xC0 != 0x80 { scalars += 1 }
                return scalars + max(0, index - line.count)
            }
            func report(_ message: String, _ index: Int) {
                if problems < 20 { sink.error(message, line: lineNumber, column: column(index)) }
                problems += 1
            }

            /// Scans one line; `false` stops the scan.
            func scanLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
                var indent = 0
                while indent < line.count, line[indent] == space { indent += 1 }
                if let parentIndent = blockScalarIndent, quote == .none {
                    if indent == line.count || indent > parentIndent { return true }
                    blockScalarIndent = nil
                }
                var index = 0
                var nodeStart = quote == .none
                if quote == .none {
                    // Indentation and block indicators (`- `, `? `, `: `) at the start of the line.
                    index = indent
                    while index < line.count,
                          line[index] == UInt8(ascii: "-") || line[index] == UInt8(ascii: "?") || line[index] == UInt8(ascii: ":"),
                          index + 1 == line.count || line[index + 1] == space {
                        index += 1
                        while index < line.count, line[index] == space { index += 1 }
                    }
                    if index > maximumIndentation {
                        report("the nesting is too deep: more than \(maximumIndentation) columns of indentation", index)
                        return false
                    }
                }
                while index < line.count {
                    let byte = line[index]
                    switch quote {
                    case .double:
                        if byte == UInt8(ascii: "\\") { index += 2; continue }
                        if byte == UInt8(ascii: "\"") { quote = .none; nodeStart = false }
                        index += 1
                        continue
                    case .single:
                        if byte == UInt8(ascii: "'") {
                            if index + 1 < line.count, line[index + 1] == UInt8(ascii: "'") { index += 2; continue }
                            quote = .none
                            nodeStart = false
                        }
                        index += 1
                        continue
                    case .none:
                        break
                    }
                    let next: UInt8? = index + 1 < line.count ? line[index + 1] : nil
                    let nextEndsToken = next == nil || next == space || (flowDepth > 0 && next.map(isFlowDelimiter) == true)
                    if byte == UInt8(ascii: "#"), index == 0 || line[index - 1] == space { break }
                    if byte == space { index += 1; continue }
                    if nodeStart {
                        switch byte {
                        case UInt8(ascii: "\""): quote = .double
                        case UInt8(ascii: "'"): quote = .single
                        case UInt8(ascii: "*"):
                            report("aliases (`*name`) are not supported in policy-tracker files; repeat the value instead", index)
                            nodeStart = false
                        case UInt8(ascii: "&"), UInt8(ascii: "!"):
                            if byte == UInt8(ascii: "&") {
                                report("anchors (`&name`) are not supported in policy-tracker files; repeat the value instead", index)
                            }
                            while index + 1 < line.count, line[index + 1] != space,
                                  !(flowDepth > 0 && isFlowDelimiter(line[index + 1])) {
                                index += 1
                            }
                        case UInt8(ascii: "["), UInt8(ascii: "{"):
                            flowDepth += 1
                            if flowDepth > YAMLSource.maximumDepth {
                                report("the nesting is too deep: more than \(YAMLSource.maximumDepth) levels of brackets", index)
                                return false
                            }
                        case UInt8(ascii: "]"), UInt8(ascii: "}"):
                            flowDepth = max(0, flowDepth - 1)
                            nodeStart = false
                        case UInt8(ascii: ","):
                            break
                        case UInt8(ascii: "|"), UInt8(ascii: ">"):
                            if flowDepth == 0 {
                                blockScalarIndent = indent
                                return true
                            }
                            nodeStart = false
                        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                            if !nextEndsToken { nodeStart = false }
                        default:
                            nodeStart = false
                        }
                    } else {
                        if byte == UInt8(ascii: ":"), nextEndsToken {
                            nodeStart = true
                        } else if flowDepth > 0, byte == UInt8(ascii: ",") {
                            nodeStart = true
                        } else if flowDepth > 0, byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                            flowDepth -= 1
                        }
                    }
                    index += 1
                }
                return true
            }

            if !scanLine(line) { return false }
            if lineEnd >= bytes.count { break }
            lineStart = lineEnd + 1
        }
        return problems == 0
    }
}
