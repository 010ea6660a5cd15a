import Foundation
import PolicyKit
import PolicyLua
import Testing

/// Plugins and lib modules given as text, as an editor or a server would.
@Suite("Plugins from memory")
struct PluginsFromMemoryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func project() throws -> Project {
        try #require(ProjectLoader.load(directory: root.appendingPathComponent("instruments")).project)
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The shipped plugins and lib modules, read by the test and given to the evaluator as text.
    static func shippedInMemory(_ project: Project) throws -> PluginEvaluator {
        let folder = root.appendingPathComponent("plugins")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lua") }.sorted()
        let plugins = try files.map { file in
            PluginEvaluator.PluginSource(name: String(file.dropLast(4)), source: try text("plugins/\(file)"))
        }
        let libFiles = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("lib").path).filter { $0.hasSuffix(".lua") }
        var modules: [String: String] = [:]
        for file in libFiles { modules[String(file.dropLast(4))] = try text("plugins/lib/\(file)") }
        return PluginEvaluator(project: project, plugins: plugins, modules: .texts(modules, displayFolder: "plugins/lib"), jobs: 2)
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    @Test("The shipped plugins and modules given as text give the same results as from their files, at every period end")
    func sameAsFiles() throws {
        let project = try Self.project()
        let fromFiles = try PluginEvaluator(project: project, pluginsDirectory: Self.root.appendingPathComponent("plugins"), jobs: 2, displayPath: "plugins")
        let fromMemory = try Self.shippedInMemory(project)
        #expect(fromMemory.checkPlugins() == fromFiles.checkPlugins())
        for period in project.calendar.periods {
            let dates = try #require(EvaluationDates(period: period.id, calendar: project.calendar))
            #expect(try Self.json(fromMemory.evaluate(dates: dates)) == Self.json(fromFiles.evaluate(dates: dates)), "\(period.id)")
        }
    }

    @Test("A rule typed at run time: evaluated, its error located at its display name and line")
    func ruleTypedAtRunTime() throws {
        let project = try Self.project()
        let dates = try #require(EvaluationDates(period: "P6", calendar: project.calendar))
        let good = PluginEvaluator.PluginSource(name: "peloponnese", source: """
            return { name = "peloponnese", api_level = 1, instruments = { "gr-peloponnese-rop" },
              indicator = function(indicator, ctx) return { status = "at-risk", note = "typed by hand" } end }
            """)
        let result = try #require(PluginEvaluator(project: project, plugins: [good], jobs: 1).evaluate(dates: dates).instrument(id: "gr-peloponnese-rop"))
        #expect(result.indicators.allSatisfy { $0.status == .atRisk && $0.note == "typed by hand" })

        let broken = PluginEvaluator.PluginSource(name: "peloponnese", file: "editor/peloponnese.lua", source: """
            return { name = "peloponnese", api_level = 1, instruments = { "gr-peloponnese-rop" },
              indicator = function(indicator, ctx)
                return { status = indicator.nothing.here }
              end }
            """)
        let failed = try #require(PluginEvaluator(project: project, plugins: [broken], jobs: 1).evaluate(dates: dates).instrument(id: "gr-peloponnese-rop"))
        let message = try #require(failed.indicators.first?.findings.first { $0.severity == .error }?.message)
        #expect(failed.indicators.first?.status == .error)
        #expect(message.hasPrefix("editor/peloponnese.lua:3: attempt to index a nil value (field 'nothing')"), "\(message)")
    }

    @Test("A syntax error in a plugin given as text is a load error at its display name")
    func syntaxError() throws {
        let project = try Self.project()
        let broken = PluginEvaluator.PluginSource(name: "peloponnese", source: "return { name = 'peloponnese',\n  api_level = = 1 }")
        let problems = PluginEvaluator(project: project, plugins: [broken], jobs: 1).checkPlugins()
        #expect(problems.contains { $0.hasPrefix("plugins/peloponnese.lua:2:") && $0.contains("unexpected symbol near '='") }, "\(problems)")
    }

    @Test("Modules in memory: required by name, errors at their display path, unknown names refused")
    func modulesInMemory() throws {
        let lua = try LuaRuntime(modules: .texts([
            "shared.util": "return { twice = function(x) return 2 * x end }",
            "broken": "return {\n  oops = = 1 }",
        ]))
        #expect(try lua.run("return require('shared.util').twice(21)", chunkName: "t.lua") == [.int(42)])
        #expect(throws: LuaError.self) { try lua.run("return require('broken')", chunkName: "t.lua") }
        do {
            _ = try lua.run("return require('broken')", chunkName: "t.lua")
        } catch let error as LuaError {
            #expect(error.message.contains("lib/broken.lua:2:"), "\(error.message)")
        }
        do {
            _ = try lua.run("return require('missing')", chunkName: "t.lua")
            Issue.record("require of a missing module succeeded")
        } catch let error as LuaError {
            #expect(error.message.contains("require: module 'missing' not found (modules given: broken, shared.util)"), "\(error.message)")
        }
    }

    @Test("A plugin given as text runs under the same limits: a loop is stopped by the time budget")
    func limitsHold() throws {
        let project = try Self.project()
        let dates = try #require(EvaluationDates(period: "P6", calendar: project.calendar))
        let looping = PluginEvaluator.PluginSource(name: "peloponnese", source: """
            return { name = "peloponnese", api_level = 1, instruments = { "gr-peloponnese-rop" },
              indicator = function() while true do end end }
            """)
        let limits = LuaLimits(timeBudget: .milliseconds(50))
        let result = try #require(PluginEvaluator(project: project, plugins: [looping], jobs: 1, limits: limits).evaluate(dates: dates).instrument(id: "gr-peloponnese-rop"))
        #expect(result.indicators.allSatisfy { $0.status == .error })
        let message = try #require(result.indicators.first?.findings.first { $0.severity == .error }?.message)
        #expect(message.contains("plugins/peloponnese.lua"), "\(message)")
        #expect(message.contains("time"), "\(message)")
    }
}

@Suite("The results in error, listed")
struct ResultErrorTests {
    @Test("A failing hook's items are listed with their located messages; a good run lists none")
    func errorsListed() throws {
        let project = try PluginsFromMemoryTests.project()
        let dates = try #require(EvaluationDates(period: "P6", calendar: project.calendar))
        let failing = PluginEvaluator.PluginSource(name: "peloponnese", source: """
            return { name = "peloponnese", api_level = 1, instruments = { "gr-peloponnese-rop" },
              action = function(action) error("no action rule yet") end }
            """)
        let evaluation = PluginEvaluator(project: project, plugins: [failing], jobs: 1).evaluate(dates: dates)
        let instrument = try #require(project.instrument(id: "gr-peloponnese-rop"))
        let errors = evaluation.errors.filter { $0.instrumentID == instrument.id }
        // the instrument's own result (its status rolls the errors up), then each action
        #expect(errors.map(\.itemID) == [nil] + instrument.actions.map(\.id))
        #expect(errors.map(\.itemKind) == [nil] + instrument.actions.map { _ in .action })
        #expect(errors.dropFirst().allSatisfy { $0.messages.first?.hasPrefix("plugins/peloponnese.lua:2: no action rule yet") == true }, "\(errors)")
        let fromFiles = try PluginEvaluator(project: project, pluginsDirectory: PluginsFromMemoryTests.root.appendingPathComponent("plugins"), jobs: 1, displayPath: "plugins")
        #expect(fromFiles.evaluate(dates: dates).errors.isEmpty)
    }
}
