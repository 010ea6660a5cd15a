import ArgumentParser
import PolicyKit

/// The `policy-tracker` command: parses, calls the libraries, prints.
@main
struct PolicyTracker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy-tracker",
        abstract: "Track how regional policy instruments improve: check, evaluate, test rules, build the progress matrix.",
        version: PolicyTrackerVersion.current,
        subcommands: [
            CheckCommand.self,
        ]
    )
}
