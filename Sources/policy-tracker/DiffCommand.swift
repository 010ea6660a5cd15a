import ArgumentParser
import Foundation
import PolicyKit

/// `policy-tracker diff`: what changed between two editions of the project files, and why.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show every cell that changed between two editions of the files, with its causes.",
        discussion: """
            An edition is git:REV (a tag such as git:report-P6, a branch, a commit of the repository that \
            holds --instruments, read from git's objects: the work tree and the index are not touched), or a \
            folder holding instruments/ and plugins/. Both editions are evaluated for every period up to \
            --as-of, the way `matrix` builds its columns; each changed cell and item is attributed by \
            evaluating the data of each edition under the rules of the other. Causes: new-report, correction, \
            definition, rule, evidence, instrument, interaction. Exits with 0 when nothing changed, 1 when \
            anything changed, 2 on usage errors (an unreadable edition included).
            """
    )

    @Option(help: ArgumentHelp("The earlier edition: git:REV or a folder holding instruments/ and plugins/.", valueName: "edition"))
    var from: String

    @Option(help: ArgumentHelp("The later edition (default: the working folders, --instruments and --plugins).", valueName: "edition"))
    var to: String?

    @OptionGroup var options: ProjectOptions
    @OptionGroup var output: EditionOutputOptions

    func run() throws {
        let fromEdition = try EditionComparisonRun.open(from, options: options)
        let toEdition = try EditionComparisonRun.open(to, options: options)
        let earlier = try EditionComparisonRun.load(fromEdition, jobs: options.jobs)
        let later = try EditionComparisonRun.load(toEdition, jobs: options.jobs)
        let (columns, dates) = try EditionComparisonRun.columns(for: later.project, options: options, period: output.period)
        let evaluations = try EditionComparisonRun.counterfactuals(
            from: earlier, fromEdition: fromEdition, to: later, toEdition: toEdition, columns: columns,
            knownOn: dates.knownOn, jobs: options.jobs)
        let diff = EditionDiff.compare(from: earlier, to: later, evaluations: evaluations, asOf: dates.asOf, knownOn: dates.knownOn)
        try EditionComparisonRun.write(diff.rendered(as: output.format, language: output.language, color: output.color), to: output.output)
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
