import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua

/// `policy-tracker explain INSTRUMENT[/ITEM]`: one result as a tree of who decided what, from
/// which values and rule steps.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one result: who decided each field, and every step with its origin.",
        discussion: """
            INSTRUMENT explains an instrument's roll-up (and lists its items); INSTRUMENT/ITEM one \
            indicator or action. Input values are shown with the file:line of their entry, plugin \
            steps with the plugin's file:line, standard steps with the rule and its thresholds. \
            Exits with 0, or 1 when the result explained is `error`.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: ArgumentHelp("The instrument id, or INSTRUMENT/ITEM for an indicator or action.", valueName: "instrument[/item]"))
    var subject: String

    @OptionGroup var options: ProjectOptions

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    func run() throws {
        let loaded = try options.loadProject()
        var project = loaded.project
        let instrumentID = String(subject.split(separator: "/", maxSplits: 1).first ?? "")
        if let failed = loaded.failed.first(where: { $0.id == instrumentID }) {
            // its file has errors: nothing was evaluated, the diagnostics are on standard error
            print("\(instrumentID): error, not evaluated: \(failed.summary)")
            throw ExitCode(1)
        }
        guard let instrument = project.instrument(id: instrumentID) else {
            let known = (project.instruments.map(\.id) + loaded.failed.map(\.id)).sorted()
            throw ValidationError("unknown instrument '\(instrumentID)'; known: \(known.joined(separator: ", "))")
        }
        let itemIDs = instrument.indicators.map(\.id) + instrument.actions.map(\.id)
        if subject.contains("/"), !itemIDs.contains(String(subject.drop { $0 != "/" }.dropFirst())) {
            throw ValidationError("\(instrumentID) has no indicator or action '\(subject.drop { $0 != "/" }.dropFirst())'; it has \(itemIDs.joined(separator: ", "))")
        }
        project.instruments = [instrument]
        let dates = try options.dates(for: project)
        let evaluation = try options.evaluator(for: project).evaluate(dates: dates)
        guard let report = TraceReport(subject, in: evaluation, title: { _ in instrument.title.english }) else {
            throw ValidationError("'\(subject)' was not evaluated")
        }
        switch format {
        case .text: print(report.text, terminator: "")
        case .markdown: print(report.markdown, terminator: "")
        case .json: print(report.json, terminator: "")
        }
        let failed: Bool
        switch report.subject {
        case .instrument(let result): failed = result.status == .error
        case .item(let item, _): failed = item.status == .error
        }
        if failed { throw ExitCode(1) }
        try loaded.exitIfProjectFileHasErrors()
    }
}
