import Foundation
import Testing

/// Located problems shown as a compiler shows them: on a terminal (or with `--show-source
/// always`), the source line and a caret under the column; in a pipe or a log, one line each.
@Suite("source excerpts under located problems")
struct SourceExcerptTests {
    private func brokenCopy() throws -> ProjectCopy {
        let copy = try ProjectCopy()
        try copy.replace("instrument: { status: at-risk, improved: false }", with: "instrument: { status: at risk, improved: false }",
                         in: "plugins/tests/riga.yaml")
        try copy.replace("  api_level = 1,", with: "\tapi_level = 1", in: "plugins/riga.lua")
        return copy
    }

    @Test func alwaysShowsTheLineAndACaretUnderTheColumn() throws {
        let copy = try brokenCopy()
        let lines = try copy.read("plugins/riga.lua").split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("\tapi_level = 1") }) + 2
        let check = try copy.run(["check", "--show-source", "always"])
        #expect(check.status == 1)
        #expect(check.standardOutput == """
            plugins/riga.lua:\(line):3: error: '}' expected (to close '{' at line \(line - 3)) near 'instruments'
              \(line) |   instruments = { "lv-riga-development-programme" },
                 |   ^
            checked 19 files: 1 error, 0 warnings

            """)
        let test = try copy.run(["test", "an action without a recent update", "--show-source", "always"])
        #expect(test.status == 1)
        #expect(test.standardOutput.hasPrefix("""
            plugins/riga.lua:\(line):3: error: '}' expected (to close '{' at line \(line - 3)) near 'instruments'
              \(line) |   instruments = { "lv-riga-development-programme" },
                 |   ^
            FAIL plugins/tests/riga.yaml:5 riga: shipped data at the end of P7, an action without a recent update
                plugins/tests/riga.yaml:9:29: error: `status` must be one of achieved | on-track | at-risk | off-track | not-started | no-data | error, found `at risk`; did you mean `at-risk`?
                   9 |       instrument: { status: at risk, improved: false }   # no instrument hook: standard roll-up
                     |                             ^
                plugins/riga.lua cannot be loaded (see its errors above)

            """))
    }

    /// `evaluate`: a plugin error in the report is followed by its line (a runtime error has no
    /// column: the caret is under the line's first character), read from the project folder
    /// whatever the current folder; and a file error on standard error too.
    @Test func evaluateShowsThePlaceOfAPluginErrorFromTheProjectFolder() throws {
        let copy = try ProjectCopy()
        let riga = try copy.read("plugins/riga.lua")
        let hook = try #require(riga.range(of: "local function judge_indicator(indicator, ctx)\n"))
        try copy.write(riga.replacingCharacters(in: hook, with: "local function judge_indicator(indicator, ctx)\n    local missing = nil; local x = missing.field\n"),
                       to: "plugins/riga.lua")
        let line = riga[..<hook.upperBound].split(separator: "\n", omittingEmptySubsequences: false).count
        try copy.replace("schema: 1\n", with: "schema: 1\nbogus: 2\n", in: "instruments/es-esf-action6.yaml")
        let elsewhere = try ToolRunner.run(["evaluate", "--project", copy.root.path, "--as-of", "P7", "--show-source", "always"],
                                           in: FileManager.default.temporaryDirectory)
        let report = elsewhere.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let error = try #require(report.firstIndex { $0.hasPrefix("    error: plugins/riga.lua:\(line): attempt to index a nil value (local 'missing')") })
        #expect(report[error + 1] == String(repeating: " ", count: 6 + max(0, 4 - String(line).count)) + "\(line) |     local missing = nil; local x = missing.field")
        #expect(report[error + 2] == String(repeating: " ", count: 6) + String(repeating: " ", count: max(4, String(line).count)) + " |     ^")
        #expect(elsewhere.standardError.contains("instruments/es-esf-action6.yaml:3:1: error: unknown key `bogus`"))
        #expect(elsewhere.standardError.contains("   3 | bogus: 2\n     | ^\n"), "\(elsewhere.standardError)")
        // in a pipe, by default: one line per problem
        let piped = try copy.run(["evaluate", "--as-of", "P7"])
        #expect(!piped.standardOutput.contains(" |     local missing = nil"))
    }

    @Test func aTabBeforeTheColumnIsKeptSoTheCaretLinesUp() throws {
        let copy = try ProjectCopy()
        try copy.write("plugin: riga\ncases:\n\t- name: x\n", to: "plugins/tests/tabs.yaml")
        let output = try copy.run(["test", "tabs", "--show-source", "always"])
        #expect(output.status == 1)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count >= 3)
        #expect(lines[0].hasPrefix("plugins/tests/tabs.yaml:3:1: error: "))
        #expect(lines[1] == "   3 | \t- name: x")
        #expect(lines[2] == "     | ^")
    }

    @Test func aPipeGetsOneLinePerProblemByDefault() throws {
        let copy = try brokenCopy()
        let check = try copy.run(["check"])
        #expect(check.standardOutput.split(separator: "\n").count == 2)
        let never = try copy.run(["check", "--show-source", "never"])
        #expect(never.standardOutput == check.standardOutput)
    }

    @Test func aTerminalGetsTheExcerptsByDefault() throws {
        let copy = try brokenCopy()
        // script(1) runs the tool on a pseudo-terminal
        let command = "\(ToolRunner.executable.path) check"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = copy.root
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(process.terminationStatus == 1)
        #expect(text.split(separator: "\n").count == 4, "\(text)")
        #expect(text.contains("\n    |   ^\n") || text.contains("\n     |   ^\n"), "\(text)")
    }
}
