import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua

/// The options every evaluating command shares: where the files are, the dates, the workers.
struct ProjectOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder with project.yaml and the instrument files.", valueName: "dir"))
    var instruments: String = "instruments"

    @Option(help: ArgumentHelp("The folder with the Lua evaluation plugins.", valueName: "dir"))
    var plugins: String = "plugins"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date: YYYY-MM-DD or a period id such as P6 (its last day). Default: today, clamped to the project.", valueName: "date|period"))
    var asOf: String?

    @Option(name: .customLong("known-on"), help: ArgumentHelp("Knowledge date: only what was reported on or before it counts. Default: the evaluation date.", valueName: "date"))
    var knownOn: String?

    @Option(help: ArgumentHelp("Worker threads (default: the number of cores). The output is the same for any number.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        if let asOf, Day(asOf) == nil, ReportingPeriod.number(fromID: asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD or a period id such as P6, not '\(asOf)'")
        }
        if let knownOn, Day(knownOn) == nil {
            throw ValidationError("--known-on must be a date YYYY-MM-DD, not '\(knownOn)'")
        }
    }

    /// What a command evaluates: the project, the instrument files that failed to load, and
    /// whether project.yaml has errors that did not stop the run (the command then exits with 1).
    struct Loaded {
        var project: Project
        var failed: [FailedInstrument]
        var projectFileHasErrors: Bool

        /// Exits with 1 when project.yaml has errors, after the command's output.
        func exitIfProjectFileHasErrors() throws {
            if projectFileHasErrors { throw ExitCode(1) }
        }
    }

    /// Loads the project and prints every diagnostic to standard error. Instrument files with
    /// errors are returned as failed (the commands show them as errors and exit with 1); only a
    /// project.yaml without usable dates, calendar and partners stops here, with the reason in one
    /// line (exit 1).
    func loadProject() throws -> Loaded {
        let result = ProjectLoader.load(directory: URL(fileURLWithPath: instruments), displayPath: instruments, jobs: jobs)
        let diagnostics = result.diagnostics.map { $0.description + "\n" }.joined()
        FileHandle.standardError.write(Data(diagnostics.utf8))
        guard let project = result.project else {
            FileHandle.standardError.write(Data("policy-tracker: \(result.projectFailure ?? "the project could not be loaded")\n".utf8))
            throw ExitCode(1)
        }
        if !result.failedInstruments.isEmpty {
            let files = result.failedInstruments.map(\.path)
            FileHandle.standardError.write(Data("policy-tracker: \(files.count) instrument file\(files.count == 1 ? "" : "s") with errors, not evaluated: \(files.joined(separator: ", "))\n".utf8))
        }
        if result.projectFileHasErrors {
            FileHandle.standardError.write(Data("policy-tracker: project.yaml has errors outside the calendar and partners; the reports use what could be read\n".utf8))
        }
        return Loaded(project: project, failed: result.failedInstruments, projectFileHasErrors: result.projectFileHasErrors)
    }

    /// The evaluation dates: as_of (today when absent; a period id means its last day), clamped
    /// to the project, and known_on.
    func dates(for project: Project, today: Day = Day.today) throws -> EvaluationDates {
        var day = today
        if let asOf {
            if let parsed = Day(asOf) {
                day = parsed
            } else if let period = project.calendar.period(id: asOf) {
                day = period.end
            } else {
                throw ValidationError("--as-of: the project has no period '\(asOf)' (it has \(project.calendar.periods.first?.id ?? "")...\(project.calendar.periods.last?.id ?? ""))")
            }
        }
        guard let dates = EvaluationDates(asOf: day, knownOn: knownOn.flatMap(Day.init), calendar: project.calendar) else {
            throw ValidationError("the project has no reporting period")
        }
        return dates
    }

    /// The evaluator over the plugins folder.
    func evaluator(for project: Project, failed: [FailedInstrument] = []) throws -> PluginEvaluator {
        do {
            return try PluginEvaluator(project: project, pluginsDirectory: URL(fileURLWithPath: plugins), jobs: jobs, displayPath: plugins,
                                       unloadedInstruments: Set(failed.map(\.id)))
        } catch {
            throw ValidationError("cannot read the plugins folder '\(plugins)': \(error.localizedDescription)")
        }
    }
}

extension Day {
    /// Today in UTC.
    static var today: Day {
        let seconds = Int(Date().timeIntervalSince1970)
        return Day(daysSince1970: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
