import ArgumentParser
import Foundation
import PolicyKit
import PolicyWorkbook

/// `policy-tracker status`: who has not reported yet, for one period.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show who has reported for a period: what is due and received per partner and instrument.",
        discussion: """
            For the period (default: the latest whose report is due as of the evaluation date), per \
            partner and instrument: the indicator values due (following each indicator's reporting \
            frequency) and the action updates due (actions running in the period), what was received \
            and when, the evidence cited, what is missing, the due date (3 months after the period \
            ends; the last on the project end date) and how many days late (counted to --as-of, which \
            status does not clamp to the project). Exits with 0 when \
            everything due was received, 1 when anything is missing (or an instrument file has \
            errors), 2 on usage errors.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: ArgumentHelp("The period whose report to look at, such as P7 (default: the latest whose report is due).", valueName: "period"))
    var period: String?

    @Option(name: .customLong("format"), help: ArgumentHelp("Output format: \(Workbook.formatNames). xlsx: a workbook with the sheets Reporting and About; it needs --output or a redirection.", valueName: "format"))
    var formatName: String = MatrixFormat.text.rawValue

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        try Workbook.validate(formatName: formatName, output: output)
        if let period, ReportingPeriod.number(fromID: period) == nil {
            throw ValidationError("--period must be a period id such as P7, not '\(period)'")
        }
    }

    func run() throws {
        let loaded = try options.loadProject()
        let (project, failed) = (loaded.project, loaded.failed)
        var asOf = Day.today
        if let given = options.asOf {
            if let day = Day(given) {
                asOf = day
            } else if let chosen = project.calendar.period(id: given) {
                asOf = chosen.end
            } else {
                throw ValidationError("--as-of: the project has no period '\(given)'")
            }
        }
        let chosen: ReportingPeriod
        if let period {
            guard let found = project.calendar.period(id: period) else {
                throw ValidationError("--period: the project has no period '\(period)' (it has \(project.calendar.periods.map(\.id).joined(separator: ", ")))")
            }
            chosen = found
        } else {
            guard let latest = ReportingCompleteness.latestDuePeriod(in: project.calendar, asOf: asOf) ?? project.calendar.periods.first else {
                throw ValidationError("the project has no reporting period")
            }
            chosen = latest
        }
        let status = ReportingCompleteness.build(project: project, failedInstruments: failed, period: chosen, asOf: asOf,
                                                 knownOn: options.knownOn.flatMap(Day.init))
        if formatName == Workbook.format {
            try Workbook.write(MatrixWorkbook.make(status: status), to: output)
        } else {
            try Output.write(Data(status.rendered(as: MatrixFormat(rawValue: formatName) ?? .text).utf8), to: output)
        }
        if !status.isComplete { throw ExitCode(1) }
        try loaded.exitIfProjectFileHasErrors()
    }
}
