import Foundation
import PolicyKit
import PolicyLua
import Testing

/// The repository's folders, found from this file: Tests/PolicyLuaTests/ShippedPluginTests.swift.
private enum Shipped {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // PolicyLuaTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // the repository
    static let plugins = root.appendingPathComponent("plugins")
    static let instruments = root.appendingPathComponent("instruments")

    /// The shipped plugin files (`*.lua` directly in plugins/), sorted.
    static let pluginFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: plugins.path)) ?? []
        return names.filter { $0.hasSuffix(".lua") }.sorted()
    }()

    static func project() throws -> Project {
        let loaded = ProjectLoader.load(directory: instruments)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "instruments/ does not load:\n\(errors.map(\.description).joined(separator: "\n"))")
        return try #require(loaded.project)
    }

    /// One run of every fixture in plugins/tests/ through the real plugins, shared by the tests.
    static let report: Result<RuleTestRunner.Report, any Error> = Result {
        try RuleTestRunner(instrumentsDirectory: instruments, pluginsDirectory: plugins, pluginsDisplayPath: "plugins").run()
    }
}

@Suite("Shipped plugins")
struct ShippedPluginTests {
    @Test func theNinePluginsAreFound() {
        #expect(Shipped.pluginFiles.count == 9, "plugins/*.lua: \(Shipped.pluginFiles)")
    }

    @Test func everyFixturePassesWithFullCoverage() throws {
        let report = try Shipped.report.get()
        #expect(report.diagnostics.isEmpty, "fixture files:\n\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(!report.cases.isEmpty, "no fixture found in plugins/tests/")
        let failed = report.cases.filter { !$0.passed }
        #expect(failed.isEmpty, """
            \(failed.count) of \(report.cases.count) cases failed:
            \(failed.map { "\($0.fixture.file):\($0.fixture.line) \($0.fixture.name)\n    " + $0.differences.joined(separator: "\n    ") }.joined(separator: "\n"))
            """)
        #expect(report.missingCoverage.isEmpty, "declared statuses not produced by any fixture:\n\(report.missingCoverage.joined(separator: "\n"))")
    }

    @Test(arguments: Shipped.pluginFiles)
    func pluginLoadsAndHasFixtures(file: String) throws {
        let name = String(file.dropLast(".lua".count))
        var project = try Shipped.project()
        // evaluate only this plugin's instruments, so a problem is reported against its own file
        project.instruments = project.instruments.filter { $0.plugin == name }
        #expect(!project.instruments.isEmpty, "no instrument names plugin '\(name)'")
        // a plugins folder holding only this plugin and the shared lib/, so that checkPlugins()
        // speaks of this plugin alone
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipped-plugin-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Shipped.plugins.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        try FileManager.default.copyItem(at: Shipped.plugins.appendingPathComponent("lib"), to: folder.appendingPathComponent("lib"))
        let evaluator = try PluginEvaluator(project: project, pluginsDirectory: folder, jobs: 1, displayPath: "plugins")
        let problems = evaluator.checkPlugins()
        #expect(problems.isEmpty, "plugins/\(file):\n\(problems.joined(separator: "\n"))")
        #expect(evaluator.plugins.map(\.name) == [name])

        let report = try Shipped.report.get()
        let cases = report.cases.filter { $0.fixture.plugin == name }
        #expect(!cases.isEmpty, "plugins/\(file) has no fixture in plugins/tests/")
        #expect(report.declared["plugins/\(file)"]?.isEmpty == false, "plugins/\(file) declares no `statuses`")
    }
}
