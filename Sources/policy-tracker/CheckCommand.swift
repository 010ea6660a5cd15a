import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua

/// `policy-tracker check`: validates the project folder and prints every problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check project.yaml and every instrument file, reporting all problems at once.",
        discussion: """
            Prints one line per problem (path:line:column: error: message), then a summary. \
            Exits with 0 when there is no error, 1 when there is any.
            """
    )

    @Option(help: ArgumentHelp("The folder with project.yaml and the instrument files.", valueName: "dir"))
    var instruments: String = "instruments"

    @Option(help: ArgumentHelp("The folder with the Lua evaluation plugins.", valueName: "dir"))
    var plugins: String = "plugins"

    @OptionGroup var source: SourceOptions

    func run() throws {
        var result = ProjectLoader.load(directory: URL(fileURLWithPath: instruments), displayPath: instruments)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: plugins, isDirectory: &isDirectory) || !isDirectory.boolValue {
            let missing = Diagnostic(path: plugins, line: 1, column: 1, severity: .error, message: "no such plugins folder")
            result = ProjectLoadResult(project: result.project, failedInstruments: result.failedInstruments,
                                       diagnostics: result.diagnostics + [missing],
                                       filesChecked: result.filesChecked)
        } else if let project = result.project {
            // every plugin against the contract and the project's instruments
            // (instruments whose file failed are not unknown: their own diagnostics say why)
            let evaluator = try PluginEvaluator(project: project, pluginsDirectory: URL(fileURLWithPath: plugins), jobs: 1, displayPath: plugins,
                                                unloadedInstruments: Set(result.failedInstruments.map(\.id)))
            var problems = evaluator.checkPlugins().map { CheckCommand.diagnostic(fromPluginProblem: $0, plugins: plugins) }
            problems += CheckCommand.missingPluginDiagnostics(evaluator, instruments: instruments, plugins: plugins)
            problems += evaluator.pluginWarnings.map {
                var warning = CheckCommand.diagnostic(fromPluginProblem: $0, plugins: plugins)
                warning.severity = .warning
                return warning
            }
            result = ProjectLoadResult(project: project, failedInstruments: result.failedInstruments,
                                       diagnostics: (result.diagnostics + problems).sorted(),
                                       filesChecked: result.filesChecked + evaluator.plugins.count)
        }
        if source.showSource.enabled(for: STDOUT_FILENO) {
            let excerpt = SourceExcerpt()
            print((result.diagnostics.flatMap { excerpt.lines(for: $0) } + [result.summary]).joined(separator: "\n"))
        } else {
            print(result.report, terminator: "")
        }
        if result.hasErrors {
            throw ExitCode(1)
        }
    }

    /// An instrument whose `plugin:` names no plugin file, at that line of the instrument file.
    static func missingPluginDiagnostics(_ evaluator: PluginEvaluator, instruments: String, plugins: String) -> [Diagnostic] {
        evaluator.missingPlugins.map { missing in
            let path = "\(instruments)/\(missing.instrument).yaml"
            let place = KeyLocator.location(ofKey: "plugin", inFileAt: URL(fileURLWithPath: path)) ?? (1, 1)
            let hint = missing.suggestion.map { "; did you mean `\($0)`?" } ?? " (add \(plugins)/\(missing.plugin).lua, or remove `plugin:` to use the standard rules)"
            return Diagnostic(path: path, line: place.line, column: place.column, severity: .error,
                              message: "`plugin` names `\(missing.plugin)`, but there is no \(plugins)/\(missing.plugin).lua\(hint)")
        }
    }

    /// A plugin problem (`file:line: message`, `file: message` or a message about the set) as a
    /// located diagnostic.
    static func diagnostic(fromPluginProblem problem: String, plugins: String) -> Diagnostic {
        if let colon = problem.firstIndex(of: ":"), problem[..<colon].hasSuffix(".lua") {
            return PluginLoadError.diagnostic(fromProblem: problem, file: String(problem[..<colon]))
        }
        return Diagnostic(path: plugins, line: 1, column: 1, severity: .error, message: problem)
    }
}
