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
            let problems = evaluator.checkPlugins().map { CheckCommand.diagnostic(fromPluginProblem: $0, plugins: plugins) }
            result = ProjectLoadResult(project: project, failedInstruments: result.failedInstruments,
                                       diagnostics: (result.diagnostics + problems).sorted(),
                                       filesChecked: result.filesChecked + evaluator.plugins.count)
        }
        print(result.report, terminator: "")
        if result.hasErrors {
            throw ExitCode(1)
        }
    }

    /// A plugin problem (`file:line: message`, `file: message` or a message about the set) as a
    /// located diagnostic.
    static func diagnostic(fromPluginProblem problem: String, plugins: String) -> Diagnostic {
        let parts = problem.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[0].hasSuffix(".lua"), let line = Int(parts[1]) {
            return Diagnostic(path: parts[0], line: line, column: 1, severity: .error, message: parts[2].trimmingCharacters(in: .whitespaces))
        }
        if parts.count >= 2, parts[0].hasSuffix(".lua") {
            let message = parts.dropFirst().joined(separator: ":").trimmingCharacters(in: .whitespaces)
            return Diagnostic(path: parts[0], line: 1, column: 1, severity: .error, message: message)
        }
        return Diagnostic(path: plugins, line: 1, column: 1, severity: .error, message: problem)
    }
}
