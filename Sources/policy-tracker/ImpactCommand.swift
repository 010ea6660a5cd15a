import ArgumentParser
import Foundation
import PolicyKit

/// `policy-tracker impact`: which cells a rule change would rewrite, before it is adopted.
struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Preview a rule change: the current data under the earlier and the later rules, every cell that would flip.",
        discussion: """
            Evaluates the data of --to (default: the working folders) under the plugins of --from (default: \
            git:HEAD) and under its own, for every period up to --as-of and every instrument. Cells of periods \
            already reported (their report due date has passed, or up to --reported-up-to) are history being \
            rewritten: the command then exits with 1, unless each such cell is acknowledged with \
            --accept INSTRUMENT:PERIOD (or INSTRUMENT:* for all its periods), or listed in --accept-file \
            (one per line, # starts a comment). Exits with 0 when no reported period would change (the other \
            changes are still listed), 2 on usage errors.
            """
    )

    @Option(help: ArgumentHelp("The edition with the earlier rules: git:REV or a folder (default: git:HEAD).", valueName: "edition"))
    var from: String = "git:HEAD"

    @Option(help: ArgumentHelp("The edition with the data and the later rules (default: the working folders).", valueName: "edition"))
    var to: String?

    @Option(name: .customLong("reported-up-to"), help: ArgumentHelp("The last period already reported (default: every period whose report is due by today).", valueName: "period"))
    var reportedUpTo: String?

    @Option(help: ArgumentHelp("Acknowledge a change of reported history: INSTRUMENT:PERIOD or INSTRUMENT:* (repeatable).", valueName: "cell"))
    var accept: [String] = []

    @Option(name: .customLong("accept-file"), help: ArgumentHelp("A file of acknowledged changes, one INSTRUMENT:PERIOD or INSTRUMENT:* per line.", valueName: "file"))
    var acceptFile: String?

    @OptionGroup var options: ProjectOptions
    @OptionGroup var output: EditionOutputOptions

    func validate() throws {
        if let reportedUpTo, ReportingPeriod.number(fromID: reportedUpTo) == nil {
            throw ValidationError("--reported-up-to must be a period id such as P6, not '\(reportedUpTo)'")
        }
        for cell in accept { try Self.checkAccepted(cell, source: "--accept") }
    }

    static func checkAccepted(_ cell: String, source: String) throws {
        let parts = cell.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1] == "*" || ReportingPeriod.number(fromID: String(parts[1])) != nil else {
            throw ValidationError("\(source): '\(cell)' must be INSTRUMENT:PERIOD (such as pl-mazowsze-efm:P5) or INSTRUMENT:*")
        }
    }

    func run() throws {
        var accepted = Set(accept)
        if let acceptFile {
            guard let data = FileManager.default.contents(atPath: acceptFile) else {
                throw EditionComparisonRun.usageFailure("--accept-file: cannot read \(acceptFile)")
            }
            for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let entry = (line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                    .trimmingCharacters(in: .whitespaces)
                guard !entry.isEmpty else { continue }
                do {
                    try Self.checkAccepted(entry, source: "\(acceptFile):\(number + 1)")
                } catch let error as ValidationError {
                    throw EditionComparisonRun.usageFailure(error.message)
                }
                accepted.insert(entry)
            }
        }
        let rulesEdition = try EditionComparisonRun.open(from, options: options)
        let dataEdition = try EditionComparisonRun.open(to, options: options)
        let later = try EditionComparisonRun.load(dataEdition, jobs: options.jobs)
        let earlier = later.withRules(of: rulesEdition)
        let (columns, dates) = try EditionComparisonRun.columns(for: later.project, options: options, period: output.period)
        let reported: Set<String>
        if let reportedUpTo {
            guard let last = later.project.calendar.period(id: reportedUpTo) else {
                throw EditionComparisonRun.usageFailure("--reported-up-to: the project has no period '\(reportedUpTo)'")
            }
            reported = Set(later.project.calendar.periods.filter { $0.index <= last.index }.map(\.id))
        } else {
            let today = Day.today
            reported = Set(later.project.calendar.periods.filter { $0.reportDue <= today }.map(\.id))
        }
        let base = try EditionComparisonRun.evaluate(later, rules: rulesEdition, pluginsDisplay: later.pluginsDisplay,
                                                     columns: columns, knownOn: dates.knownOn, jobs: options.jobs)
        let both = earlier.ruleFiles == later.ruleFiles ? base
            : try EditionComparisonRun.evaluate(later, rules: dataEdition, pluginsDisplay: later.pluginsDisplay,
                                                columns: columns, knownOn: dates.knownOn, jobs: options.jobs)
        let evaluations = CounterfactualEvaluations(base: base, dataOnly: base, rulesOnly: both, both: both)
        let diff = EditionDiff.compare(from: earlier, to: later, evaluations: evaluations, mode: .rules, asOf: dates.asOf,
                                       knownOn: dates.knownOn, reported: reported, accepted: accepted)
        try EditionComparisonRun.write(diff.rendered(as: output.format, language: output.language, color: output.color), to: output.output)
        if !diff.rewrittenHistory.isEmpty {
            let cells = diff.rewrittenHistory.map { "\($0.instrumentID):\($0.period)" }
            FileHandle.standardError.write(Data("policy-tracker impact: the rule change rewrites \(cells.count) cell\(cells.count == 1 ? "" : "s") of reported periods (\(cells.joined(separator: ", "))); acknowledge each with --accept INSTRUMENT:PERIOD or --accept-file\n".utf8))
            throw ExitCode(1)
        }
    }
}
