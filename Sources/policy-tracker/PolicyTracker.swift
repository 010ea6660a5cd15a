import ArgumentParser
import Foundation
import PolicyKit

/// The `policy-tracker` command: parses, calls the libraries, prints.
@main
struct PolicyTracker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy-tracker",
        abstract: "Track how regional policy instruments improve: check, evaluate, test rules, build the progress matrix, see who has reported.",
        version: PolicyTrackerVersion.current,
        subcommands: [
            CheckCommand.self,
            EvaluateCommand.self,
            ExplainCommand.self,
            TestCommand.self,
            MatrixCommand.self,
            StatusCommand.self,
            NewCommand.self,
            DiffCommand.self,
            ImpactCommand.self,
        ]
    )

    /// Runs the command; usage errors exit with 2 (as the tool documents), not ArgumentParser's 64.
    static func main() async {
        ProcessMemory.keepFreedMemory()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
