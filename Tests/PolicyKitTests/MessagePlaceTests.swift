import Testing
@testable import PolicyKit

/// The place a message leads with, one parser for the traces of plugin failures and for the
/// command line's excerpts.
private func parts(_ message: String) -> String? {
    MessagePlace(leading: message).map { "\($0.file) | \($0.line) | \($0.column.map(String.init) ?? "-") | \($0.text.map(String.init) ?? "-")" }
}

@Suite("The place a message leads with")
struct MessagePlaceTests {
    @Test func aRuntimeErrorHasALineAndText() {
        #expect(parts("plugins/x.lua:47: attempt to index a nil value (local 'x')") == "plugins/x.lua | 47 | - | attempt to index a nil value (local 'x')")
    }

    @Test func aSyntaxErrorHasAColumn() {
        #expect(parts("plugins/x.lua:102:31: '}' expected near 'judge'") == "plugins/x.lua | 102 | 31 | '}' expected near 'judge'")
    }

    @Test func theLineIsTheFirstAllDigitField() {
        // a file name with ':' in it, and digits in the text that do not make a column
        #expect(parts("odd:name.lua:3: 12:30 is not a day") == "odd:name.lua | 3 | - | 12:30 is not a day")
        #expect(parts("x.lua:12:5:rest") == "x.lua | 12 | 5 | -")
    }

    @Test func messagesWithoutAPlace() {
        #expect(MessagePlace(leading: "plugins/x.lua: instrument 'a' is claimed by 2 plugins") == nil)
        #expect(MessagePlace(leading: ":12: no file") == nil)
        #expect(MessagePlace(leading: "no place at all") == nil)
    }
}
