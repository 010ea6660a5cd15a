import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua

/// `policy-tracker evaluate`: the full results, with every finding and explanation line.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate instruments (all when none is named) through their region's rules.",
        discussion: "Exits with 0 when every item was evaluated, 1 when any item is `error`."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("Instrument ids to evaluate (default: all).", valueName: "instrument"))
    var instrumentIDs: [String] = []

    @OptionGroup var options: ProjectOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let loaded = try options.loadProject()
        var (project, failed) = (loaded.project, loaded.failed)
        if !instrumentIDs.isEmpty {
            let unknown = instrumentIDs.filter { id in project.instrument(id: id) == nil && !failed.contains { $0.id == id } }
            if !unknown.isEmpty {
                let known = (project.instruments.map(\.id) + failed.map(\.id)).sorted()
                throw ValidationError("unknown instrument \(unknown.map { "'\($0)'" }.joined(separator: ", ")); known: \(known.joined(separator: ", "))")
            }
            project.instruments = project.instruments.filter { instrumentIDs.contains($0.id) }
            failed = failed.filter { instrumentIDs.contains($0.id) }
        }
        let dates = try options.dates(for: project)
        var evaluation = try options.evaluator(for: project, failed: failed).evaluate(dates: dates)
        evaluation = evaluation.including(failed: failed, project: project)
        switch format {
        case .text:
            let excerpt = options.showSource.enabled(for: STDOUT_FILENO) ? SourceExcerpt(root: options.paths.root) : nil
            print(EvaluationReport.text(evaluation, project: project, excerpt: excerpt), terminator: "")
        case .json: print(EvaluationReport.json(evaluation), terminator: "")
        }
        if evaluation.hasErrors { throw ExitCode(1) }
        try loaded.exitIfProjectFileHasErrors()
    }
}
