/// A light scan of YAML text before it is composed, refusing what could make composing or
/// walking the document explode: anchors and aliases (billion laughs) and excessive nesting.
///
/// The scan follows quotes, comments, flow brackets and block scalars well enough to find
/// the start of each node; it does not validate YAML (the parser does that afterwards).
enum YAMLPreScanner {
    /// The longest run of indentation and block indicators accepted at the start of a line.
    static let maximumIndentation = 200

    private enum Quote { case none, single, double }

    /// Returns `false` after reporting a problem that makes the file unsafe to compose.
    static func scan(_ text: String, sink: DiagnosticSink) -> Bool {
        var quote = Quote.none
        var flowDepth = 0
        var blockScalarIndent: Int?
        var problems = 0
        var lineNumber = 0

        func report(_ message: String, _ column: Int) {
            if problems < 20 { sink.error(message, line: lineNumber, column: column) }
            problems += 1
        }

        for lineText in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Array(lineText.unicodeScalars)
            let indent = line.prefix { $0 == " " }.count
            if let parentIndent = blockScalarIndent, quote == .none {
                if indent == line.count || indent > parentIndent { continue }
                blockScalarIndent = nil
            }
            var index = 0
            var nodeStart = quote == .none
            if quote == .none {
                // Indentation and block indicators (`- `, `? `, `: `) at the start of the line.
                index = indent
                while index < line.count, "-?:".unicodeScalars.contains(line[index]),
                      index + 1 == line.count || line[index + 1] == " " {
                    index += 1
                    while index < line.count, line[index] == " " { index += 1 }
                }
                if index > maximumIndentation {
                    report("the nesting is too deep: more than \(maximumIndentation) columns of indentation", index + 1)
                    return false
                }
            }
            while index < line.count {
                let scalar = line[index]
                switch quote {
                case .double:
                    if scalar == "\\" { index += 2; continue }
                    if scalar == "\"" { quote = .none; nodeStart = false }
                    index += 1
                    continue
                case .single:
                    if scalar == "'" {
                        if index + 1 < line.count, line[index + 1] == "'" { index += 2; continue }
                        quote = .none
                        nodeStart = false
                    }
                    index += 1
                    continue
                case .none:
                    break
                }
                let next: Unicode.Scalar? = index + 1 < line.count ? line[index + 1] : nil
                let nextEndsToken = next == nil || next == " " || (flowDepth > 0 && next.map { ",[]{}".unicodeScalars.contains($0) } == true)
                if scalar == "#", index == 0 || line[index - 1] == " " { break }
                if scalar == " " { index += 1; continue }
                if nodeStart {
                    switch scalar {
                    case "\"": quote = .double
                    case "'": quote = .single
                    case "*":
                        report("aliases (`*name`) are not supported in policy-tracker files; repeat the value instead", index + 1)
                        nodeStart = false
                    case "&", "!":
                        if scalar == "&" {
                            report("anchors (`&name`) are not supported in policy-tracker files; repeat the value instead", index + 1)
                        }
                        while index + 1 < line.count, line[index + 1] != " ",
                              !(flowDepth > 0 && ",[]{}".unicodeScalars.contains(line[index + 1])) {
                            index += 1
                        }
                    case "[", "{":
                        flowDepth += 1
                        if flowDepth > YAMLSource.maximumDepth {
                            report("the nesting is too deep: more than \(YAMLSource.maximumDepth) levels of brackets", index + 1)
                            return false
                        }
                    case "]", "}":
                        flowDepth = max(0, flowDepth - 1)
                        nodeStart = false
                    case ",":
                        break
                    case "|", ">":
                        if flowDepth == 0 {
                            blockScalarIndent = indent
                            index = line.count
                            continue
                        }
                        nodeStart = false
                    case "-", "?", ":":
                        if !nextEndsToken { nodeStart = false }
                    default:
                        nodeStart = false
                    }
                } else {
                    if scalar == ":", nextEndsToken {
                        nodeStart = true
                    } else if flowDepth > 0, scalar == "," {
                        nodeStart = true
                    } else if flowDepth > 0, scalar == "]" || scalar == "}" {
                        flowDepth -= 1
                    }
                }
                index += 1
            }
        }
        return problems == 0
    }
}
