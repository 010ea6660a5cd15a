import Foundation
import PolicyKit
import Testing
import PolicyLua

/// The shipped project, with two instruments whose plugins the tests write.
private func project(first: String = "alpha", second: String = "beta") throws -> Project {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let loaded = ProjectLoader.load(directory: root.appendingPathComponent("instruments"))
    var project = try #require(loaded.project)
    var gr = try #require(project.instrument(id: "gr-peloponnese-rop"))
    var de = try #require(project.instrument(id: "de-rhein-neckar-connect-innovation"))
    gr.plugin = first
    de.plugin = second
    project.instruments = [gr, de]
    return project
}

private func dates(_ project: Project) -> EvaluationDates {
    EvaluationDates(asOf: Day("2026-11-23")!, calendar: project.calendar)!
}

/// A temporary plugins folder with the given files.
private func pluginFolder(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugins-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder
}

private let goodBeta = """
return {
  name = "beta", api_level = 1, instruments = { "de-rhein-neckar-connect-innovation" },
  indicator = function(indicator, ctx)
    policy.explain("beta looked at " .. indicator.id)
    return { status = "on-track", progress = 0.5, note = "fine" }
  end,
}
"""

private func evaluate(_ files: [String: String], limits: LuaLimits = .default) throws -> ProjectEvaluation {
    let folder = try pluginFolder(files)
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = try project()
    let evaluator = try PluginEvaluator(project: project, pluginsDirectory: folder, jobs: 2, limits: limits, displayPath: "plugins")
    return evaluator.evaluate(dates: dates(project))
}

/// The error findings of the first instrument's first indicator.
private func firstError(_ evaluation: ProjectEvaluation) -> String? {
    evaluation.instruments.first?.indicators.first?.findings.first { $0.severity == .error }?.message
}

@Suite("Plugin contract at load")
struct PluginLoadTests {
    @Test(arguments: [
        ("return { api_level = 1, instruments = { 'gr-peloponnese-rop' } }",
         "plugins/alpha.lua:1: the plugin table has no 'name' (a string, here 'alpha')"),
        ("return { name = 'alpha', api_level = 2, instruments = { 'gr-peloponnese-rop' } }",
         "plugins/alpha.lua:1: api_level 2 is newer than this policy-tracker supports (1); update policy-tracker or write the plugin for api_level 1"),
        ("return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' }, indicator = 'rules' }",
         "plugins/alpha.lua:1: 'indicator' must be a function (got a string)"),
        ("return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' }, indicatr = function() end }",
         "plugins/alpha.lua:1: unknown key 'indicatr' in the plugin table; did you mean 'indicator'?"),
        ("return { name = 'alpha', api_level = 1 }",
         "plugins/alpha.lua:1: the plugin table has no 'instruments' (a list of instrument ids)"),
        ("return 42", "plugins/alpha.lua:1: the plugin must return a table (it returned a number)"),
        // each problem at the line of its key; a missing key at the `return`
        ("-- alpha\nreturn {\n  name = 'alpha',\n  api_level = 2,\n  instruments = { 'gr-peloponnese-rop' },\n}",
         "plugins/alpha.lua:4: api_level 2 is newer than this policy-tracker supports (1); update policy-tracker or write the plugin for api_level 1"),
        ("local t = {\n  name = 'alpha', api_level = 1,\n  instruments = { 'gr-peloponnese-rop' },\n  [\"indicatr\"] = function() end,\n}\nreturn t",
         "plugins/alpha.lua:4: unknown key 'indicatr' in the plugin table; did you mean 'indicator'?"),
        ("\nreturn {\n  api_level = 1,\n  instruments = { 'gr-peloponnese-rop' },\n}",
         "plugins/alpha.lua:2: the plugin table has no 'name' (a string, here 'alpha')"),
        ("return {\n  name = 'alpha',,\n}", "plugins/alpha.lua:2:18: unexpected symbol near ','"),
        ("local x = nil\nreturn x.y", "plugins/alpha.lua:2: attempt to index a nil value (local 'x')"),
        ("counter = 0\nreturn {}", "plugins/alpha.lua:1: attempt to write global 'counter' (globals are read-only in the sandbox: declare it 'local')"),
        ("return { name = 'alpha', api_level = 1, instruments = { 'be-flemish-brabant-multiannual-plan' } }",
         "plugins/alpha.lua:1: the plugin does not list instrument 'gr-peloponnese-rop' in its 'instruments', but the instrument names it"),
    ])
    func brokenPluginMarksOnlyItsInstrument(source: String, message: String) throws {
        let evaluation = try evaluate(["alpha.lua": source, "beta.lua": goodBeta])
        let alpha = try #require(evaluation.instruments.first)
        #expect(alpha.status == .error)
        #expect(alpha.indicators.allSatisfy { $0.status == .error })
        #expect(alpha.actions.allSatisfy { $0.status == .error })
        #expect(firstError(evaluation) == message)
        let beta = try #require(evaluation.instruments.last)
        #expect(!beta.hasErrors)
        #expect(beta.indicators.allSatisfy {
            $0.status == .onTrack && $0.note == "fine" && $0.evaluatedBy == EvaluatedBy(plugin: "plugins/beta.lua", hook: "indicator")
                && $0.decidedBy.status == .plugin("plugins/beta.lua", line: 5) && $0.decidedBy.progress == .plugin("plugins/beta.lua", line: 5)
        })
        #expect(beta.indicators.first?.explanation.contains("plugins/beta.lua:4: beta looked at \(beta.indicators.first!.id)") == true)
    }

    @Test func anInstrumentClaimedByTwoPluginsIsAnError() throws {
        let alpha = "return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop', 'de-rhein-neckar-connect-innovation' } }"
        let evaluation = try evaluate(["alpha.lua": alpha, "beta.lua": goodBeta])
        let beta = try #require(evaluation.instruments.last)
        #expect(beta.status == .error)
        #expect(beta.findings.first?.message == "plugins/beta.lua: instrument 'de-rhein-neckar-connect-innovation' is claimed by 2 plugins: plugins/alpha.lua, plugins/beta.lua")
        #expect(evaluation.instruments.first?.hasErrors == false)
    }

    @Test func checkPluginsReportsUnknownInstrumentsAndMissingFiles() throws {
        let folder = try pluginFolder(["alpha.lua": "return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop', 'xx-nowhere' } }"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let evaluator = try PluginEvaluator(project: try project(), pluginsDirectory: folder, jobs: 1, displayPath: "plugins")
        #expect(evaluator.checkPlugins() == ["plugins/alpha.lua: unknown instrument 'xx-nowhere' in 'instruments'"])
        #expect(evaluator.missingPlugins.map { "\($0.instrument) \($0.plugin) \($0.suggestion ?? "-")" } == ["de-rhein-neckar-connect-innovation beta -"])
    }

    @Test func aMissingPluginFileMarksItsInstrument() throws {
        let evaluation = try evaluate(["beta.lua": goodBeta])
        #expect(firstError(evaluation) == "plugins/alpha.lua: no such plugin file (named by the instrument's 'plugin')")
    }
}

@Suite("Hook results")
struct HookResultTests {
    private func alpha(indicator body: String) -> String {
        "return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' },\n  indicator = function(indicator, ctx)\n    \(body)\n  end,\n}"
    }

    @Test(arguments: [
        ("return { status = 'done' }", "status must be one of achieved, on-track, at-risk, off-track, not-started, no-data (got 'done')"),
        ("return { status = 'error' }", "status must be one of achieved, on-track, at-risk, off-track, not-started, no-data (got 'error')"),
        ("return { progress = 0.5 }", "the result has no status (one of achieved, on-track, at-risk, off-track, not-started, no-data)"),
        ("return { status = 'on-track', progress = 0/0 }", "progress must be a finite number or nil (got nan)"),
        ("return { status = 'on-track', progress = math.huge }", "progress must be a finite number or nil (got inf)"),
        ("return { status = 'on-track', progress = '50%' }", "progress must be a finite number or nil (got '50%')"),
        ("return { status = 'on-track', progress = -10.5 }", "progress must be between -10 and 10, the fraction of the way from the baseline (0) to the target (1) (got -10.5)"),
        ("return { status = 'on-track', progress = 50 }", "progress must be between -10 and 10, the fraction of the way from the baseline (0) to the target (1) (got 50)"),
        ("return { status = 'on-track', note = 42 }", "note must be a string or nil (got 42)"),
        ("return { status = 'on-track', colour = 'green' }", "unknown key 'colour' in the result (allowed: expected, note, progress, status)"),
        ("return 'on-track'", "a string ('on-track'); expected a table { status = ..., progress = ..., note = ... } or nil"),
    ])
    func contractViolationsNameFileHookInstrumentAndItem(body: String, message: String) throws {
        let evaluation = try evaluate(["alpha.lua": alpha(indicator: body), "beta.lua": goodBeta])
        let first = try #require(evaluation.instruments.first?.indicators.first)
        #expect(first.status == .error)
        // located at the line of the hook's `return`, naming the hook, the instrument and the item
        #expect(firstError(evaluation) == "plugins/alpha.lua:3: the indicator hook for gr-peloponnese-rop/\(first.id) returned an invalid result: \(message)")
        #expect(first.decidedBy.status == .plugin("plugins/alpha.lua", line: 3))
        #expect(evaluation.instruments.first?.actions.allSatisfy { $0.status != .error } == true)
        #expect(evaluation.instruments.last?.hasErrors == false)
    }

    @Test func runtimeErrorsCarryFileAndLine() throws {
        let evaluation = try evaluate(["alpha.lua": alpha(indicator: "return indicator.baseline.missing.value"), "beta.lua": goodBeta])
        let first = try #require(evaluation.instruments.first?.indicators.first)
        #expect(firstError(evaluation) == "plugins/alpha.lua:3: attempt to index a nil value (field 'missing') (indicator hook for gr-peloponnese-rop/\(first.id))")
    }

    @Test func aLoopingHookEndsWithTheTimeBudgetAndTheRestIsEvaluated() throws {
        let limits = LuaLimits(timeBudget: .milliseconds(100))
        let evaluation = try evaluate(["alpha.lua": alpha(indicator: "while true do end"), "beta.lua": goodBeta], limits: limits)
        let alpha = try #require(evaluation.instruments.first)
        #expect(alpha.indicators.allSatisfy { $0.status == .error })
        #expect(firstError(evaluation)?.hasPrefix("plugins/alpha.lua:3: time budget exceeded") == true)
        #expect(evaluation.instruments.last?.hasErrors == false)
    }

    @Test func nilMeansTheStandardRules() throws {
        let evaluation = try evaluate(["alpha.lua": alpha(indicator: "policy.explain('nothing to add') return nil"), "beta.lua": goodBeta])
        let project = try project()
        let standard = StandardEvaluator.evaluate(project, dates: dates(project))
        let got = try #require(evaluation.instruments.first?.indicators.first)
        let want = try #require(standard.instruments.first?.indicators.first)
        #expect(got.status == want.status)
        #expect(got.progress == want.progress)
        #expect(got.evaluatedBy == EvaluatedBy(plugin: "plugins/alpha.lua", hook: "indicator"))
        #expect(got.decidedBy == want.decidedBy)
        #expect(got.explanation == want.explanation + [
            "plugins/alpha.lua:3: nothing to add", "plugins/alpha.lua:3: the indicator hook returned nil: the standard result stands",
        ])
    }

    @Test func thePolicyLibraryAnswersInsideHooks() throws {
        let body = """
        local standard = policy.standard.indicator(indicator, ctx)
            local latest = policy.latest(indicator)
            policy.log("info", "checked " .. indicator.id)
            assert(policy.API_LEVEL == 1 and policy.VERSION == "\(PolicyTrackerVersion.current)")
            assert(policy.days_between("2026-01-01", "2026-03-01") == 59)
            assert(policy.add_days("2026-02-28", 1) == "2026-03-01")
            assert(policy.compare_dates("2026-01-01", "2025-12-31") == 1)
            assert(policy.period_of("2026-11-23") == "P8" and policy.period("P4").index == 4)
            assert(policy.THRESHOLDS.on_track_gap == 0.10)
            assert(ctx.period.id == "P8" and ctx.as_of == "2026-11-23" and ctx.partner.role == "lead-partner")
            local p = latest and policy.progress(indicator, latest.value)
            return { status = standard.status, progress = p, note = tostring(policy.expected(indicator, ctx) ~= nil) }
        """
        let evaluation = try evaluate(["alpha.lua": alpha(indicator: body), "beta.lua": goodBeta])
        let alpha = try #require(evaluation.instruments.first)
        #expect(!alpha.hasErrors, "\(alpha.indicators.flatMap(\.findings))")
        #expect(alpha.indicators.allSatisfy { $0.evaluatedBy.plugin == "plugins/alpha.lua" && $0.note == "true" })
        #expect(alpha.log.map(\.message) == alpha.indicators.map { "checked \($0.id)" })
        #expect(alpha.log.first?.item == alpha.indicators.first?.id)
    }
}

@Suite("Isolation and determinism")
struct IsolationTests {
    @Test func pluginsDoNotShareState() throws {
        let folder = try pluginFolder([
            "alpha.lua": """
            local shared = require("shared")
            shared.seen = "alpha was here"
            local ok = pcall(function() getmetatable("").__index = {} end)
            local ok2 = pcall(function() string.upper = nil end)
            return { name = "alpha", api_level = 1, instruments = { "gr-peloponnese-rop" },
              indicator = function() return { status = "on-track", note = tostring(ok) .. tostring(ok2) } end }
            """,
            "beta.lua": """
            local shared = require("shared")
            return { name = "beta", api_level = 1, instruments = { "de-rhein-neckar-connect-innovation" },
              indicator = function() return { status = "on-track", note = tostring(shared.seen) .. " " .. string.upper("x") } end }
            """,
        ])
        try "return {}".write(to: folder.appendingPathComponent("lib/shared.lua"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project()
        for jobs in [1, 2] {
            let evaluation = try PluginEvaluator(project: project, pluginsDirectory: folder, jobs: jobs, displayPath: "plugins").evaluate(dates: dates(project))
            #expect(evaluation.instruments.first?.indicators.first?.note == "falsefalse")
            #expect(evaluation.instruments.last?.indicators.first?.note == "nil X")
        }
    }

    @Test(arguments: [(1, 32), (32, 32), (1_024, 32), (1_025, 33), (2_048, 64), (12_500, 391), (100_000, 3_125)])
    func batchesGrowWithThePluginsList(instruments: Int, batch: Int) {
        #expect(PluginEvaluator.batchSize(instruments: instruments) == batch)
        #expect((instruments + batch - 1) / batch <= PluginEvaluator.unitsPerPlugin)
    }

    /// A plugin keeps a counter between calls: it counts the instruments its sandbox has seen, so
    /// the counts show where each unit starts, for any number of workers.
    @Test func aUnitIsTheSameBatchOfInstrumentsForAnyNumberOfWorkers() throws {
        var project = try project()
        let template = project.instruments[0]
        func id(_ number: Int) -> String { "gr-copy-\(number < 10 ? "0" : "")\(number)" }
        project.instruments = (1...70).map { number in
            var copy = template
            copy.id = id(number)
            copy.plugin = "counting"
            return copy
        }
        // 2,000 listed ids (most unknown to the project): batches of 63, so units of 63 and 7
        let listed = (1...2_000).map { "'\(id($0))'" }.joined(separator: ", ")
        let folder = try pluginFolder(["counting.lua": """
            local seen = 0
            return { name = "counting", api_level = 1, instruments = { \(listed) },
              instrument = function() seen = seen + 1; return { status = "on-track", note = tostring(seen) } end }
            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(PluginEvaluator.batchSize(instruments: 2_000) == 63)
        for jobs in [1, 2, 3] {
            let evaluator = try PluginEvaluator(project: project, pluginsDirectory: folder, jobs: jobs, displayPath: "plugins")
            let notes = evaluator.evaluate(dates: dates(project)).instruments.map(\.note)
            #expect(notes == (1...63).map { String($0) } + (1...7).map { String($0) }, "jobs \(jobs)")
        }
    }

    @Test func resultsAreIdenticalForAnyNumberOfWorkers() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let project = try #require(ProjectLoader.load(directory: root.appendingPathComponent("instruments")).project)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var outputs: [Data] = []
        for jobs in [1, 2, 3] {
            let evaluator = try PluginEvaluator(project: project, pluginsDirectory: root.appendingPathComponent("plugins"), jobs: jobs, displayPath: "plugins")
            outputs.append(try encoder.encode(evaluator.evaluate(dates: dates(project))))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }
}

@Suite("Hook return lines in traces")
struct HookReturnLineTests {
    private func first(_ source: String) throws -> ItemResult {
        let evaluation = try evaluate(["alpha.lua": source, "beta.lua": goodBeta])
        return try #require(evaluation.instruments.first?.indicators.first)
    }

    @Test func theReturnThatRanIsTheOrigin() throws {
        let item = try first("""
        local function judge(indicator, ctx)
          if indicator.id == "nothing-like-this" then
            return { status = "off-track" }
          end
          return {
            status = "at-risk",
            progress = 0.25,
            expected = 0.5,
          }
        end
        return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' }, indicator = judge }
        """)
        // a return spread over lines 5-9 is located at its `return` keyword
        #expect(item.decidedBy.status == .plugin("plugins/alpha.lua", line: 5))
        #expect(item.decidedBy.progress == .plugin("plugins/alpha.lua", line: 5))
        #expect(item.decidedBy.expected == .plugin("plugins/alpha.lua", line: 5))
        #expect(item.expected == 0.5 && item.progress == 0.25 && item.status == .atRisk)
        #expect(item.trace.steps.last?.line == "plugins/alpha.lua:5: expected: standard \(RuleText.fixed(try #require(item.trace.steps.first { $0.origin.rule == "expected-progress" }?.number("expected")))) → 0.50, returned by the indicator hook")
    }

    @Test func aHookThatFallsOffItsEndReturnedThere() throws {
        let item = try first("""
        return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' },
          indicator = function(indicator, ctx)
            if false then return { status = "off-track" } end
          end,
        }
        """)
        #expect(item.trace.steps.last?.line == "plugins/alpha.lua:4: the indicator hook returned nil: the standard result stands")
        #expect(item.decidedBy.status?.isPlugin == false)
    }

    @Test func aTailCallIsLocatedAtItsReturn() throws {
        let item = try first("""
        local function helper() return { status = "no-data" } end
        return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' },
          indicator = function(indicator, ctx)
            return helper()
          end,
        }
        """)
        #expect(item.status == .noData)
        #expect(item.decidedBy.status == .plugin("plugins/alpha.lua", line: 4))
        // a tail call spread over lines, through a module's function
        let spread = try first("""
        local function helper(status) return { status = status } end
        return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' },
          indicator = function(indicator, ctx)
            local s = "at-risk"
            return helper(
              s)
          end,
        }
        """)
        #expect(spread.status == .atRisk)
        #expect(spread.decidedBy.status == .plugin("plugins/alpha.lua", line: 5))
    }

    /// Tail calls on several lines: the frame is followed line by line, and the tail call that
    /// ran is the origin, whichever branch it is in.
    @Test(arguments: [(true, 6), (false, 8)])
    func tailCallsOnSeveralLinesAreTellApart(first branch: Bool, line: Int) throws {
        let item = try first("""
        local function helper(status) return { status = status } end
        local function other(status) local t = { status = status }; return t end
        return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' },
          indicator = function(indicator, ctx)
            if \(branch) then
              return helper("at-risk")
            end
            return other("no-data")
          end,
        }
        """)
        #expect(item.status == (branch ? .atRisk : .noData))
        #expect(item.decidedBy.status == .plugin("plugins/alpha.lua", line: line))
    }

    /// Only the hook's own frame returns to the host: the returns of the Lua and C functions it
    /// calls do not count, nor a tail call on a line that did not run.
    @Test func theReturnsOfCalleesAreNotTheHooks() throws {
        let item = try first("""
        local function helper() return { status = "off-track" } end
        return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' },
          indicator = function(indicator, ctx)
            local n = math.max(1, 2)
            local t = { status = tostring(n) }
            local r = helper()
            local s = select(1, "no-data")
            if s == "never" then return tostring(s) end
            return { status = s }
          end,
        }
        """)
        #expect(item.status == .noData)
        #expect(item.decidedBy.status == .plugin("plugins/alpha.lua", line: 9))
    }
}

/// Texts from plugins are escaped and capped before any renderer sees them; progress outside
/// 0...1 is kept as it is and clamped only by the roll-up (issue 11).
@Suite("Plugin texts and progress")
struct PluginTextAndProgressTests {
    private func alpha(indicator body: String, instrument: String = "return nil") -> String {
        "return { name = 'alpha', api_level = 1, instruments = { 'gr-peloponnese-rop' },\n  indicator = function(indicator, ctx)\n    \(body)\n  end,\n  instrument = function(instrument, results, ctx)\n    \(instrument)\n  end,\n}"
    }

    @Test func notesExplanationsLogsAndErrorsAreEscapedAndCapped() throws {
        let body = """
        policy.explain('explained \\27[2J' .. string.rep('e', 5000))
        policy.log('info', 'logged \\226\\128\\174 reversed ' .. string.rep('l', 5000))
        if indicator.id == 'unemployment-vulnerable' then error('bad \\27]0;title\\7 ' .. string.rep('x', 5000)) end
        return { status = 'on-track', note = 'red \\27[31m' .. string.rep('n', 16 * 1024 * 1024) }
        """
        let evaluation = try evaluate(["alpha.lua": alpha(indicator: body), "beta.lua": goodBeta])
        let instrument = try #require(evaluation.instruments.first)
        var texts: [String] = instrument.log.map(\.message)
        for item in instrument.indicators {
            texts += item.explanation + item.findings.map(\.message) + [item.note].compactMap { $0 }
        }
        #expect(texts.count > 3)
        for text in texts {
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(text.prefix(80))")
            #expect(text.utf8.count <= UntrustedText.maximumLength + UntrustedText.truncationMark.utf8.count + 40)
        }
        let noted = try #require(instrument.indicators.first { $0.note != nil }?.note)
        #expect(noted.hasPrefix("red \\u{001B}[31mnnn"))
        #expect(noted.hasSuffix("nnn" + UntrustedText.truncationMark))
        #expect(instrument.log.first?.message.hasPrefix("logged \\u{202E} reversed lll") == true)
        let failed = try #require(instrument.indicators.first { $0.status == .error })
        #expect(failed.findings.first?.message.hasPrefix("plugins/alpha.lua:5: bad \\u{001B}]0;title\\u{0007} xxx") == true, "\(failed.findings.first?.message.prefix(60) ?? "")")
    }

    @Test func progressOutsideZeroToOneIsKeptAndTheRollUpClampsIt() throws {
        let evaluation = try evaluate(["alpha.lua": alpha(indicator: "return { status = 'off-track', progress = -5 }"), "beta.lua": goodBeta])
        let instrument = try #require(evaluation.instruments.first)
        #expect(instrument.indicators.allSatisfy { $0.progress == -5 })
        #expect(instrument.progress == 0)
        let beyond = try evaluate(["alpha.lua": alpha(indicator: "return { status = 'achieved', progress = 1.3 }"), "beta.lua": goodBeta])
        #expect(beyond.instruments.first?.indicators.allSatisfy { $0.progress == 1.3 } == true)
        #expect(beyond.instruments.first?.progress == 1)
    }
}

/// A plugin's failure in the trace: the place its message leads with is the step's origin, and
/// the step's text is the rest (every renderer shows the origin before the text: the place once).
@Suite("Plugin failures in traces")
struct PluginFailureTraceTests {
    /// The finding step of a result's trace, with the decision after it.
    private func failureSteps(_ trace: Trace) -> (finding: TraceStep, decision: TraceStep)? {
        guard let index = trace.steps.firstIndex(where: { $0.kind == .finding }), index + 1 < trace.steps.count else { return nil }
        return (trace.steps[index], trace.steps[index + 1])
    }

    @Test func aHookErrorIsLocatedOnceInTheTrace() throws {
        let alpha = """
        return {
          name = "alpha", api_level = 1, instruments = { "gr-peloponnese-rop" },
          indicator = function(indicator, ctx)
            local missing = nil
            return missing.status
          end,
        }
        """
        let evaluation = try evaluate(["alpha.lua": alpha, "beta.lua": goodBeta])
        let indicator = try #require(evaluation.instruments.first?.indicators.first)
        let message = "plugins/alpha.lua:5: attempt to index a nil value (local 'missing') (indicator hook for gr-peloponnese-rop/\(indicator.id))"
        #expect(indicator.findings.first { $0.severity == .error }?.message == message)
        let steps = try #require(failureSteps(indicator.trace))
        #expect(steps.finding.origin == .plugin("plugins/alpha.lua", line: 5))
        #expect(steps.finding.text == "attempt to index a nil value (local 'missing') (indicator hook for gr-peloponnese-rop/\(indicator.id))")
        #expect(steps.decision.text == "status: error, the result cannot be used")
    }

    @Test(arguments: [
        // a syntax error: the column is dropped from the step (the origin has a line only), the finding keeps it
        ("return {\n  name = 'alpha' 'x',\n}", "plugins/alpha.lua:2:", 2),
        // an error while the file runs
        ("local t = nil\nlocal x = t.field\nreturn {}", "plugins/alpha.lua:2: attempt to index a nil value (local 't')", 2),
    ])
    func aPluginThatCannotBeUsedIsLocatedOnceInTheTrace(source: String, messagePrefix: String, line: Int) throws {
        let evaluation = try evaluate(["alpha.lua": source, "beta.lua": goodBeta])
        let alpha = try #require(evaluation.instruments.first)
        let message = try #require(alpha.findings.first { $0.severity == .error }?.message)
        #expect(message.hasPrefix(messagePrefix), "\(message)")
        // no hook ran: not "no hook: standard rules"
        #expect(alpha.evaluatedBy == EvaluatedBy(plugin: "plugins/alpha.lua", pluginUnusable: true))
        #expect(alpha.evaluatedBy.description == "plugins/alpha.lua (cannot be used)")
        #expect(alpha.indicators.allSatisfy { $0.evaluatedBy.description == "plugins/alpha.lua (cannot be used)" })
        for trace in [alpha.trace] + alpha.indicators.map(\.trace) {
            let steps = try #require(failureSteps(trace))
            #expect(steps.finding.origin == .plugin("plugins/alpha.lua", line: line))
            #expect(!steps.finding.text.hasPrefix("plugins/alpha.lua"), "\(steps.finding.text)")
            #expect(message.hasSuffix(steps.finding.text))
            #expect(steps.decision.text == "status: error, the plugin cannot be used")
        }
    }
}
