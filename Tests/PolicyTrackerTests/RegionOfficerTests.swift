import Foundation
import Testing

/// The defects a new region's officer met (issue 16), each with the full message.
@Suite("region officers: rule tests and messages")
struct RegionOfficerTests {
    /// The riga fixture with a typo in the expected status of its first case.
    @Test func aCaseWithAnInvalidExpectationFails() throws {
        let copy = try ProjectCopy()
        try copy.replace("instrument: { status: at-risk, improved: false }", with: "instrument: { status: at risk, improved: false }",
                         in: "plugins/tests/riga.yaml")
        let output = try copy.run(["test", "riga"])
        #expect(output.status == 1)
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(2) == [
            "FAIL plugins/tests/riga.yaml:5 riga: shipped data at the end of P7, an action without a recent update",
            "    plugins/tests/riga.yaml:9:29: error: `status` must be one of achieved | on-track | at-risk | off-track | not-started | no-data | error, found `at risk`; did you mean `at-risk`?",
        ])
        #expect(lines.contains("3 passed, 1 failed"))
    }

    @Test func aFilteredRunOfAPassingCaseExitsWithZero() throws {
        let output = try ToolRunner.run(["test", "a small lag on the allocated indicator"])
        #expect(output.status == 0, "\(output.standardOutput)")
        #expect(output.standardOutput == """
            PASS plugins/tests/peloponnese.yaml:74 peloponnese: a small lag on the allocated indicator is at-risk

            Outcome coverage: statuses produced by each plugin's own hooks (+ produced, - declared but not produced, . neither)
            plugin                        hook       achieved    on-track    at-risk     off-track   not-started no-data
            plugins/peloponnese.lua       action     .           -           .           .           .           .
            plugins/peloponnese.lua       instrument -           -           +           -           -           .
            coverage of plugins/peloponnese.lua not checked: 1 of its 7 cases ran (the filter left out the others)

            1 passed, 0 failed

            """)
    }

    @Test func aFilterThatSelectsAllOfAPluginsCasesChecksItsCoverage() throws {
        let copy = try ProjectCopy()
        // a status that no case of riga produces
        try copy.replace("action = { \"at-risk\" }", with: "action = { \"at-risk\", \"off-track\" }", in: "plugins/riga.lua")
        let output = try copy.run(["test", "riga"])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("\nnot covered: plugins/riga.lua action: off-track\n"))
        #expect(!output.standardOutput.contains("not checked"))
    }

    @Test func errorsInAnEmbeddedInstrumentAreShownInTheFixtureFile() throws {
        let copy = try ProjectCopy()
        // riga.yaml's third case embeds a file: its first value entry's date becomes impossible
        try copy.replace("reported_on: 2025-08-10, quality: estimated", with: "reported_on: 2025-02-30, quality: estimated",
                         in: "plugins/tests/riga.yaml")
        let text = try copy.read("plugins/tests/riga.yaml")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("2025-02-30") }) + 1
        let column = try #require(lines[line - 1].range(of: "2025-02-30")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        let output = try copy.run(["test", "riga"])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("""
            FAIL plugins/tests/riga.yaml:27 riga: unconfirmed figures judged with the cautious band
                plugins/tests/riga.yaml:\(line):\(column): error: instrument_yaml: `reported_on` is `2025-02-30`, which is not a day: February 2025 has 28 days

            """))
    }

    @Test func aPluginThatDoesNotLoadIsReportedOnceAtItsColumn() throws {
        let copy = try ProjectCopy()
        try copy.replace("  api_level = 1,", with: "  api_level = 1", in: "plugins/riga.lua")
        let text = try copy.read("plugins/riga.lua")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("  api_level = 1") }) + 2
        let output = try copy.run(["test", "riga"])
        #expect(output.status == 1)
        let message = "plugins/riga.lua:\(line):3: error: '}' expected (to close '{' at line \(line - 3)) near 'instruments'"
        #expect(output.standardOutput.hasPrefix(message + "\nFAIL plugins/tests/riga.yaml:5 riga: "))
        #expect(output.standardOutput.components(separatedBy: "'}' expected").count == 2)
        #expect(output.standardOutput.components(separatedBy: "    plugins/riga.lua cannot be loaded (see its errors above)\n").count == 5)
        let check = try copy.run(["check"])
        #expect(check.status == 1)
        #expect(check.standardOutput.contains(message + "\n"))
    }

    @Test func aMissingPluginFileIsReportedAtThePluginLine() throws {
        let copy = try ProjectCopy()
        try copy.replace("plugin: riga", with: "plugin: rigga", in: "instruments/lv-riga-development-programme.yaml")
        let lines = try copy.read("instruments/lv-riga-development-programme.yaml").split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0 == "plugin: rigga" }) + 1
        let output = try copy.run(["check"])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains(
            "instruments/lv-riga-development-programme.yaml:\(line):9: error: `plugin` names `rigga`, but there is no plugins/rigga.lua; did you mean `riga`?\n"))
        #expect(!output.standardOutput.contains("plugins:1:1"))
    }

    // MARK: - statuses, shipped modules, messages

    @Test func aStatusesTypoIsNamedAndDoesNotStopTheEvaluation() throws {
        let copy = try ProjectCopy()
        try copy.replace("indicator = { \"on-track\", \"at-risk\", \"off-track\", \"not-started\" },",
                         with: "indicator = { \"on-track\", \"at-risk\", \"offtrack\", \"not-started\" },", in: "plugins/riga.lua")
        let lines = try copy.read("plugins/riga.lua").split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"offtrack\"") })
        let column = try #require(lines[line].range(of: "\"offtrack\"")).lowerBound.utf16Offset(in: lines[line]) + 1
        let warning = "plugins/riga.lua:\(line + 1):\(column): warning: 'statuses.indicator' entry 3, 'offtrack', is not a status; did you mean 'off-track'?"
        let check = try copy.run(["check"])
        #expect(check.status == 0)
        #expect(check.standardOutput == "\(warning)\nchecked 19 files: 0 errors, 1 warning\n")
        let evaluate = try copy.run(["evaluate", "--as-of", "P7", "lv-riga-development-programme"])
        #expect(evaluate.status == 0)
        #expect(evaluate.standardOutput.hasSuffix("\n1 instrument, 8 items evaluated, no errors\n"), "\(evaluate.standardOutput)")
        let test = try copy.run(["test", "riga"])
        #expect(test.status == 1)
        #expect(test.standardOutput.hasPrefix(warning.replacingOccurrences(of: "warning:", with: "error:") + "\nPASS "))
    }

    @Test func theScoringModuleRejectsAnUnknownStatusAtTheCallersLine() throws {
        let copy = try ProjectCopy()
        try copy.replace("local status = scoring.worse(standard.status, of_actions)", with: "local status = scoring.worse(standard.status, \"ontrack\")",
                         in: "plugins/haskovo.lua")
        let line = try #require(copy.read("plugins/haskovo.lua").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("\"ontrack\"") }) + 1
        let output = try copy.run(["evaluate", "--as-of", "P7", "bg-haskovo-idp"])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("\n  error: plugins/haskovo.lua:\(line): scoring.worse: the second status is 'ontrack', which is not a status (achieved, on-track, at-risk, off-track, not-started, no-data) (instrument hook for bg-haskovo-idp)\n"))
    }

    @Test func aSandboxMissSaysWhatToUseInstead() throws {
        let copy = try ProjectCopy()
        try copy.replace("  local latest = policy.latest(indicator)\n", with: "  local latest = policy.latest(indicator)\n  local today = os.date()\n",
                         in: "plugins/riga.lua")
        let line = try #require(copy.read("plugins/riga.lua").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("os.date") }) + 1
        let output = try copy.run(["evaluate", "--as-of", "P7", "lv-riga-development-programme"])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("\n    error: plugins/riga.lua:\(line): attempt to index a nil value (global 'os') (indicator hook for lv-riga-development-programme/cooperation-group-meetings); `os` (clock, date, environment) is not available in the sandbox: the evaluation date is ctx.as_of (and ctx.known_on); count days with policy.days_between, policy.add_days and policy.compare_dates (plugins/README.md, \"The sandbox\")\n"), "\(output.standardOutput)")
        #expect(output.standardOutput.hasSuffix("\n1 instrument, 8 items evaluated, errors in 5 items and 1 instrument\n"), "\(output.standardOutput)")
    }

    @Test func aDayThatDoesNotExistSaysWhy() throws {
        let copy = try ProjectCopy()
        try copy.replace("reported_on: 2025-04-16", with: "reported_on: 2025-02-30", in: "instruments/lv-riga-development-programme.yaml")
        let output = try copy.run(["check"])
        #expect(output.status == 1)
        #expect(output.standardOutput == """
            instruments/lv-riga-development-programme.yaml:31:46: error: `reported_on` is `2025-02-30`, which is not a day: February 2025 has 28 days
            checked 19 files: 1 error, 0 warnings

            """)
        let option = try ToolRunner.run(["evaluate", "--as-of", "2024-02-30"])
        #expect(option.status == 2)
        #expect(option.standardError.hasPrefix("Error: --as-of '2024-02-30' is not a day: February 2024 has 29 days\n"))
    }

    @Test func anIndentationMistakeIsSaidInPlainWords() throws {
        let copy = try ProjectCopy()
        try copy.replace("      - { period: P2, value: 1, reported_on: 2024-04-17, source: illustrative }",
                         with: "       - { period: P2, value: 1, reported_on: 2024-04-17, source: illustrative }",
                         in: "instruments/lv-riga-development-programme.yaml")
        let output = try copy.run(["check"])
        #expect(output.status == 1)
        // (and nothing in plugins/riga.lua, which lists the instrument)
        #expect(output.standardOutput == """
            instruments/lv-riga-development-programme.yaml:29:8: error: invalid YAML: wrong indentation: this line is indented by 7 spaces, but the entries of the list that begins at line 28 start with `- ` after 6 spaces; line it up with them (or indent it by 8 spaces for a key of the entry above)
            checked 19 files: 1 error, 0 warnings

            """)
    }

    @Test func theJobsHelpGivesTheDefaultOnce() throws {
        let output = try ToolRunner.run(["evaluate", "--help"])
        let help = output.standardOutput.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("--jobs <n> Worker threads; the default is the number of cores of this machine. The output is the same for any number. (default: "))
        #expect(!help.contains("(default: the number of cores)"))
    }

    @Test func aFixtureNamingAMissingPluginIsShownAtItsPluginLine() throws {
        let copy = try ProjectCopy()
        try copy.replace("plugin: riga", with: "plugin: rigga", in: "plugins/tests/riga.yaml")
        let output = try copy.run(["test", "riga"])
        #expect(output.status == 1)
        #expect(output.standardOutput.hasPrefix("""
            plugins/tests/riga.yaml:2:9: error: `plugin` names `rigga`, but there is no plugins/rigga.lua; did you mean `riga`?
            FAIL plugins/tests/riga.yaml:5 rigga: shipped data at the end of P7, an action without a recent update
                there is no plugins/rigga.lua (see above)

            """))
    }
}
