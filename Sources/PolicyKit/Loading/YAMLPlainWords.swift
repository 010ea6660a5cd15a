/// libyaml's messages for the usual indentation and bracket mistakes, said in plain words: what
/// is wrong on the line, and where the block it breaks began (`did not find expected '-'
/// indicator (while parsing a block collection at line 31, column 7)` becomes a sentence about the
/// list that begins on line 31 and how its entries are indented).
enum YAMLPlainWords {
    /// The plain message, or nil when the problem is not one of those explained here.
    static func message(problem: String, context: String?, contextLine: Int, contextColumn: Int, line: Int, column: Int,
                        text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func indentation(_ number: Int) -> Int? {
            guard number >= 1, number <= lines.count else { return nil }
            return lines[number - 1].prefix { $0 == " " }.count
        }
        func spaces(_ count: Int) -> String { count == 1 ? "1 space" : "\(count) spaces" }
        let here = indentation(line) ?? max(0, column - 1)
        switch (problem, context) {
        case ("did not find expected '-' indicator", "while parsing a block collection"?):
            let entries = contextColumn - 1
            if here == entries {
                return "this line is indented like the entries of the list that begins at line \(contextLine) (\(spaces(entries))), but does not start with `- `: start it with `- ` to make it an entry, indent it by \(spaces(entries + 2)) to make it a key of the entry above, or indent it less to end the list"
            }
            return "wrong indentation: this line is indented by \(spaces(here)), but the entries of the list that begins at line \(contextLine) start with `- ` after \(spaces(entries)); line it up with them (or indent it by \(spaces(entries + 2)) for a key of the entry above)"
        case ("did not find expected key", "while parsing a block mapping"?):
            let keys = contextColumn - 1
            if here == keys {
                return "this line is at the indentation of the keys of the mapping that begins at line \(contextLine) (\(spaces(keys))), but is not a key (`name: value`); a list (`- `) that belongs to a key goes on the lines after it, indented more"
            }
            return "wrong indentation: this line is indented by \(spaces(here)), but the keys of the mapping that begins at line \(contextLine) are indented by \(spaces(keys)); line it up with them"
        case ("mapping values are not allowed in this context", _):
            var above = line - 1
            while above >= 1, lines[above - 1].allSatisfy({ $0 == " " }) { above -= 1 }
            if let previous = indentation(above), previous < here {
                return "unexpected `:`: this line is indented more than line \(above) (\(spaces(here)) against \(spaces(previous))), so it is read as the continuation of the value above; indent it by \(spaces(previous)) to make it a key of its own, or put a value that holds `: ` in quotes"
            }
            return "unexpected `:` in a value: put the value in quotes (\"...\") when it holds `: `"
        case ("did not find expected ',' or '}'", "while parsing a flow mapping"?):
            return "the `{` at line \(contextLine), column \(contextColumn) is not closed: a `,` between two entries or the closing `}` is missing before this point"
        case ("did not find expected ',' or ']'", "while parsing a flow sequence"?):
            return "the `[` at line \(contextLine), column \(contextColumn) is not closed: a `,` between two entries or the closing `]` is missing before this point"
        case ("found unexpected end of stream", "while scanning a quoted scalar"?):
            return "the quoted text that starts at line \(contextLine), column \(contextColumn) is never closed: its closing quote is missing"
        case ("could not find expected ':'", "while scanning a simple key"?):
            return "the line \(contextLine) looks like a key but has no `: ` after it: add `: ` after the key, or indent the line more to continue the value above"
        default:
            return nil
        }
    }
}
