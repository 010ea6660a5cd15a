import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua

/// `policy-tracker test`: runs the rule fixtures of plugins/tests/ through the real plugins.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule fixtures in plugins/tests/ and show which statuses each plugin's hooks produced.",
        discussion: """
            Exits with 0 when every case passes and every status a plugin declares is covered, else 1. \
            With a filter, coverage is shown for the cases that ran, and checked only for the plugins \
            whose cases all ran.
            """
    )

    @Option(help: ArgumentHelp("The folder with the Lua evaluation plugins (fixtures in its tests/).", valueName: "dir"))
    var plugins: String = "plugins"

    @Option(help: ArgumentHelp("The folder with project.yaml and the instrument files.", valueName: "dir"))
    var instruments: String = "instruments"

    @Argument(help: ArgumentHelp("Only cases whose file, plugin or name contains this text.", valueName: "filter"))
    var filter: String?

    @OptionGroup var source: SourceOptions

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: plugins, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no plugins folder '\(plugins)'")
        }
    }

    func run() throws {
        let runner = RuleTestRunner(instrumentsDirectory: URL(fileURLWithPath: instruments),
                                    pluginsDirectory: URL(fileURLWithPath: plugins), pluginsDisplayPath: plugins)
        let report = try runner.run(filter: filter)
        print(RuleTestReport.text(report, excerpt: source.showSource.enabled(for: STDOUT_FILENO) ? SourceExcerpt() : nil), terminator: "")
        if !report.succeeded { throw ExitCode(1) }
    }
}

/// Renders a rule test report.
enum RuleTestReport {
    /// The report; with `excerpt`, each located problem is followed by its source line and a caret.
    static func text(_ report: RuleTestRunner.Report, excerpt: SourceExcerpt? = nil) -> String {
        func located(_ diagnostic: Diagnostic, indent: String) -> [String] {
            excerpt?.lines(for: diagnostic, indent: indent) ?? [indent + diagnostic.description]
        }
        var lines: [String] = report.diagnostics.flatMap { located($0, indent: "") }
        for outcome in report.cases {
            let fixture = outcome.fixture
            lines.append("\(outcome.passed ? "PASS" : "FAIL") \(fixture.file):\(fixture.line) \(fixture.plugin): \(fixture.name)")
            lines += outcome.diagnostics.flatMap { located($0, indent: "    ") }
            lines += outcome.differences.map { "    \($0)" }
        }
        lines.append("")
        lines.append("Outcome coverage: statuses produced by each plugin's own hooks (+ produced, - declared but not produced, . neither)")
        let statuses = EvaluationStatus.ruleStatuses
        let files = Set(report.produced.keys).union(report.declared.keys).sorted()
        let width = max(30, (files.map(\.count).max() ?? 0) + 2)
        let header = "plugin".padding(toLength: width, withPad: " ", startingAt: 0) + "hook".padding(toLength: 11, withPad: " ", startingAt: 0)
            + statuses.map { $0.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined()
        lines.append(header.trimmingTrailingSpaces)
        for file in files {
            for hook in PluginHook.allCases {
                let produced = report.produced[file]?[hook] ?? []
                let declared = report.declared[file]?[hook] ?? []
                if produced.isEmpty && declared.isEmpty { continue }
                var row = file.padding(toLength: width, withPad: " ", startingAt: 0) + hook.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
                for status in statuses {
                    let mark = produced.contains(status) ? "+" : declared.contains(status) ? "-" : "."
                    row += mark.padding(toLength: 12, withPad: " ", startingAt: 0)
                }
                lines.append(row.trimmingTrailingSpaces)
            }
        }
        for missing in report.missingCoverage { lines.append("not covered: \(missing)") }
        for file in report.partlyRun.keys.sorted() {
            let count = report.partlyRun[file]!
            lines.append("coverage of \(file) not checked: \(count.ran) of its \(count.of) cases ran (the filter left out the others)")
        }
        let passed = report.cases.filter(\.passed).count
        lines.append("")
        lines.append("\(passed) passed, \(report.cases.count - passed) failed")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
