import Foundation
import Testing
@testable import PolicyLua

/// The places and hints added to Lua's and the plugin table's messages.
@Suite("Plugin messages: columns, places and sandbox hints")
struct PluginMessageTests {
    @Test(arguments: [
        ("return {\n  name = 'x'\n  api_level = 1,\n}", "p.lua:3: '}' expected (to close '{' at line 1) near 'api_level'",
         "p.lua:3:3: '}' expected (to close '{' at line 1) near 'api_level'"),
        ("local s = \"abc\n", "p.lua:1: unfinished string near '\"abc'", "p.lua:1:11: unfinished string near '\"abc'"),
        ("return {\n  x = 1", "p.lua:2: '}' expected (to close '{' at line 1) near <eof>", "p.lua:2:8: '}' expected (to close '{' at line 1) near <eof>"),
        ("local s = \"ü\" x = = 2", "p.lua:1: unexpected symbol near '='", "p.lua:1:19: unexpected symbol near '='"),
        ("local s = 1\nf(b c, b)", "p.lua:2: ')' expected near 'c'", "p.lua:2:5: ')' expected near 'c'"),
        ("local s = 1\nf(a b, b)", "p.lua:2: ')' expected near 'b'", "p.lua:2:5: ')' expected near 'b'"),
        ("return 1", "p.lua:9: something near 'x'", "p.lua:9: something near 'x'"),
        ("return 1", "other.lua:1: near 'return'", "other.lua:1: near 'return'"),
    ])
    func aSyntaxErrorGetsTheColumnOfItsToken(source: String, message: String, located: String) {
        #expect(LuaSyntaxColumn.locate(message, source: source, file: "p.lua") == located)
    }

    @Test func entriesAndKeysOfAStatusesTableAreFound() {
        let source = """
            -- statuses = { indicator = { "offtrack" } }
            return {
              name = "x",
              statuses = { indicator = { "at-risk", "offtrack" },
                actoin = { "at-risk" } },
            }
            """
        #expect(LuaSourceLocator.place(of: "offtrack", isKey: false, under: "statuses", in: source) == (4, 41))
        #expect(LuaSourceLocator.place(of: "actoin", isKey: true, under: "statuses", in: source) == (5, 5))
        #expect(LuaSourceLocator.place(of: "missing", isKey: true, under: "statuses", in: source) == (4, 3))
        #expect(LuaSourceLocator.place(of: nil, isKey: false, under: "nothing", in: source) == (1, 1))
    }

    @Test(arguments: [
        ("p.lua:3: attempt to call a nil value (global 'print')", "`print` is not available in the sandbox"),
        ("p.lua:3: attempt to call a nil value (field 'random')", "math.random is not available in the sandbox"),
        ("p.lua:3: attempt to index a nil value (global 'io')", "`io` is not available in the sandbox"),
        ("require: module 'lfs' not found (looked for plugins/lib/lfs.lua)", "require loads only the Lua modules of plugins/lib/"),
    ])
    func aSandboxMissGetsItsHint(message: String, hint: String) {
        let annotated = SandboxHint.annotate(message)
        #expect(annotated.hasPrefix(message + "; " + hint))
        #expect(annotated.hasSuffix(" (plugins/README.md, \"The sandbox\")"))
    }

    @Test func otherErrorsAreLeftAlone() {
        for message in ["p.lua:3: attempt to index a nil value (global 'cost')", "p.lua:3: attempt to index a nil value (field 'random')"] {
            #expect(SandboxHint.annotate(message) == message)
        }
    }
}
