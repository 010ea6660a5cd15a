import Foundation
import PolicyKit
import Testing

/// libyaml's messages for the usual indentation, bracket and quote slips, said in plain words.
@Suite("YAML mistakes in plain words")
struct YAMLPlainWordsTests {
    @Test(arguments: [
        ("a:\n  - x: 1\n    y: 2\n   - z: 3\n",
         "x.yaml:4:4: error: invalid YAML: wrong indentation: this line is indented by 3 spaces, but the entries of the list that begins at line 2 start with `- ` after 2 spaces; line it up with them (or indent it by 4 spaces for a key of the entry above)"),
        ("a:\n  - b: 1\n  c: 2\n",
         "x.yaml:3:3: error: invalid YAML: this line is indented like the entries of the list that begins at line 2 (2 spaces), but does not start with `- `: start it with `- ` to make it an entry, indent it by 4 spaces to make it a key of the entry above, or indent it less to end the list"),
        ("a:\n  b: 1\n c: 2\n",
         "x.yaml:3:2: error: invalid YAML: wrong indentation: this line is indented by 1 space, but the keys of the mapping that begins at line 1 are indented by 0 spaces; line it up with them"),
        ("a:\n  b: 1\n  - c\n",
         "x.yaml:3:3: error: invalid YAML: this line is at the indentation of the keys of the mapping that begins at line 2 (2 spaces), but is not a key (`name: value`); a list (`- `) that belongs to a key goes on the lines after it, indented more"),
        ("a:\n  b: 1\n    c: 2\n",
         "x.yaml:3:6: error: invalid YAML: unexpected `:`: this line is indented more than line 2 (4 spaces against 2 spaces), so it is read as the continuation of the value above; indent it by 2 spaces to make it a key of its own, or put a value that holds `: ` in quotes"),
        ("a: { b: 1\nc: 2\n",
         "x.yaml:2:2: error: invalid YAML: the `{` at line 1, column 4 is not closed: a `,` between two entries or the closing `}` is missing before this point"),
        ("a:\n  - b\n  - c: [1, 2\n",
         "x.yaml:4:1: error: invalid YAML: the `[` at line 3, column 8 is not closed: a `,` between two entries or the closing `]` is missing before this point"),
        ("a: \"abc\nb: 1\n",
         "x.yaml:3:1: error: invalid YAML: the quoted text that starts at line 1, column 4 is never closed: its closing quote is missing"),
    ])
    func theMistakeIsSaidPlainly(text: String, message: String) {
        let loaded = ProjectLoader.load(project: nil, instruments: [("x.yaml", Array(text.utf8))])
        #expect(loaded.diagnostics.map(\.description) == [message])
    }
}
