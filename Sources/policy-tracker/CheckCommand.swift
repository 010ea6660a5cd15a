import ArgumentParser
import Foundation
import PolicyKit

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
    var plugins: String?

    func run() throws {
        var result = ProjectLoader.load(directory: URL(fileURLWithPath: instruments), displayPath: instruments)
        if let plugins {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: plugins, isDirectory: &isDirectory) || !isDirectory.boolValue {
                let missing = Diagnostic(path: plugins, line: 1, column: 1, severity: .error, message: "no such plugins folder")
                result = ProjectLoadResult(project: result.project, diagnostics: result.diagnostics + [missing],
                                           filesChecked: result.filesChecked)
            }
        }
        print(result.report, terminator: "")
        if result.hasErrors {
            throw ExitCode(1)
        }
    }
}
