import Foundation
import PolicyKit
import Testing

@Suite("The built tool")
struct CommandLineTests {
    @Test func versionIsPrinted() throws {
        let output = try ToolRunner.run(["--version"])
        #expect(output.status == 0)
        #expect(output.standardOutput == PolicyTrackerVersion.current + "\n")
    }

    @Test func helpListsTheCommands() throws {
        let output = try ToolRunner.run(["--help"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("check"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let output = try ToolRunner.run(["check", "--no-such-option"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("Unknown option '--no-such-option'"))
    }

    @Test func checkIsCleanOnTheShippedFiles() throws {
        let output = try ToolRunner.run(["check"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "checked 19 files: 0 errors, 0 warnings\n")
    }

    @Test func checkReportsBrokenPlugins() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-cp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "return { name = 'other', api_level = 9, instruments = { 'xx' } }".write(to: folder.appendingPathComponent("riga.lua"), atomically: true, encoding: .utf8)
        let output = try ToolRunner.run(["check", "--plugins", folder.path])
        #expect(output.status == 1)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(folder.path)/riga.lua:1:1: error: name 'other' must equal the file name 'riga'"))
        #expect(lines.contains("\(folder.path)/riga.lua:1:1: error: api_level 9 is newer than this policy-tracker supports (1); update policy-tracker or write the plugin for api_level 1"))
        #expect(lines.contains("instruments/gr-peloponnese-rop.yaml:13:9: error: `plugin` names `peloponnese`, but there is no \(folder.path)/peloponnese.lua (add \(folder.path)/peloponnese.lua, or remove `plugin:` to use the standard rules)"))
    }

    @Test func checkReportsLocatedProblemsAndExitsWithOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-check-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("instruments/project.yaml"), encoding: .utf8)
        try project.replacingOccurrences(of: "period_months: 6", with: "period_months: 6\n  period_month: 6")
            .write(to: folder.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        let output = try ToolRunner.run(["check", "--instruments", folder.path])
        #expect(output.status == 1)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix(folder.path + "/project.yaml:") == true)
        #expect(lines.first?.hasSuffix(":16:3: error: unknown key `period_month` in `calendar`; did you mean `period_months`?") == true)
        #expect(lines.last == "checked 1 file: 1 error, 0 warnings")
    }
}

@Suite("policy-tracker evaluate")
struct EvaluateCommandTests {
    @Test func jsonIsByteIdenticalForOneAndTwoWorkers() throws {
        let one = try ToolRunner.run(["evaluate", "--as-of", "2026-11-23", "--format", "json", "--jobs", "1"])
        let two = try ToolRunner.run(["evaluate", "--as-of", "2026-11-23", "--format", "json", "--jobs", "2"])
        #expect(one.status == 0)
        #expect(one.standardOutput == two.standardOutput)
        #expect(one.standardOutput.contains("\"instrument_id\": \"bg-haskovo-idp\""))
    }

    @Test func jsonIsVersionedWithSnakeCaseKeysAndTraces() throws {
        let output = try ToolRunner.run(["evaluate", "gr-peloponnese-rop", "--as-of", "P7", "--format", "json"])
        #expect(output.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(document["schema_version"] as? Int == 1)
        // every key of every object is snake_case
        var keys: Set<String> = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                keys.formUnion(object.keys)
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(document)
        let odd = keys.filter { $0.range(of: "^[a-z]+(_[a-z]+)*$", options: .regularExpression) == nil }
        #expect(odd.isEmpty, "keys not in snake_case: \(odd.sorted())")
        let instrument = try #require((document["instruments"] as? [[String: Any]])?.first)
        let evaluatedBy = try #require(instrument["evaluated_by"] as? [String: Any])
        #expect(evaluatedBy["plugin"] as? String == "plugins/peloponnese.lua")
        #expect(evaluatedBy["hook"] as? String == "instrument")
        #expect(evaluatedBy["plugin_unusable"] as? Bool == false)
        let decided = try #require(instrument["decided_by"] as? [String: [String: Any]])
        for field in ["status", "progress", "expected"] {
            #expect(decided[field]?["file"] as? String == "plugins/peloponnese.lua", "\(field)")
            #expect(decided[field]?["line"] as? Int == 85, "\(field)")
        }
        #expect(decided["improved"]?["rule"] as? String == "improvement")
        let trace = try #require(instrument["trace"] as? [[String: Any]])
        #expect(trace.contains { $0["kind"] as? String == "override" && ($0["sets"] as? [String]) == ["status"] })
    }

    @Test func everyInstrumentGoesThroughItsRegionsPlugin() throws {
        let output = try ToolRunner.run(["evaluate", "--as-of", "P7"])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("SECON: evaluated as of 2026-08-31 (P7), as known on 2026-08-31\n"))
        #expect(output.standardOutput.hasSuffix("9 instruments, 63 items evaluated, no errors\n"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let unknown = try ToolRunner.run(["evaluate", "xx-nowhere"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("unknown instrument 'xx-nowhere'"))
        let badDate = try ToolRunner.run(["evaluate", "--as-of", "tomorrow"])
        #expect(badDate.status == 2)
        #expect(badDate.standardError.contains("--as-of must be a date YYYY-MM-DD or a period id such as P6, not 'tomorrow'"))
    }

    @Test func aBrokenPluginGivesErrorCellsAndExitOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-plugins-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plugins = ToolRunner.repositoryRoot.appendingPathComponent("plugins")
        for name in try FileManager.default.contentsOfDirectory(atPath: plugins.path) {
            try FileManager.default.copyItem(at: plugins.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let haskovo = folder.appendingPathComponent("haskovo.lua")
        try FileManager.default.removeItem(at: haskovo)
        try "return { name = 'haskovo', api_level = 1, instruments = { 'bg-haskovo-idp' },\n  indicator = function(i) return i.nothing.here end }\n"
            .write(to: haskovo, atomically: true, encoding: .utf8)
        let output = try ToolRunner.run(["evaluate", "--as-of", "P7", "--plugins", folder.path])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("haskovo.lua:2: attempt to index a nil value (field 'nothing') (indicator hook for bg-haskovo-idp/"))
        #expect(output.standardOutput.contains("gr-peloponnese-rop \u{2014}"))
        let summary = output.standardOutput.split(separator: "\n").last ?? ""
        #expect(summary.hasPrefix("9 instruments, 63 items evaluated, ") && summary.hasSuffix(" errors in 5 items and 1 instrument"), "\(summary)")
    }
}

@Suite("policy-tracker test")
struct TestCommandTests {
    @Test func everyShippedPluginPassesItsFixturesWithFullCoverage() throws {
        let output = try ToolRunner.run(["test"])
        #expect(output.status == 0, "\(output.standardOutput)")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.hasPrefix("FAIL") || $0.hasPrefix("not covered") })
        for plugin in try FileManager.default.contentsOfDirectory(atPath: ToolRunner.repositoryRoot.appendingPathComponent("plugins").path)
        where plugin.hasSuffix(".lua") {
            #expect(lines.contains { $0.hasPrefix("PASS plugins/tests/") && $0.contains(" \(plugin.dropLast(4)): ") }, "no case for \(plugin)")
        }
        #expect(lines.last?.hasSuffix(" passed, 0 failed") == true)
    }

    @Test func aFailingCaseShowsTheDifferenceAndExitsWithOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tests"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plugins = ToolRunner.repositoryRoot.appendingPathComponent("plugins")
        for name in try FileManager.default.contentsOfDirectory(atPath: plugins.path) where name != "tests" {
            try FileManager.default.copyItem(at: plugins.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try """
        plugin: riga
        cases:
          - name: a wrong expectation
            instrument: lv-riga-development-programme
            as_of: P7
            expect:
              instrument: { status: achieved }
        """.write(to: folder.appendingPathComponent("tests/riga.yaml"), atomically: true, encoding: .utf8)
        let output = try ToolRunner.run(["test", "--plugins", folder.path])
        #expect(output.status == 1)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "FAIL \(folder.path)/tests/riga.yaml:3 riga: a wrong expectation")
        #expect(lines.dropFirst().first?.hasPrefix("    instrument.status: expected achieved, got ") == true)
        #expect(lines.last == "0 passed, 1 failed")
    }
}
