import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua

/// The options every evaluating command shares: where the files are, the dates, the workers.
struct ProjectOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The project folder, which holds instruments/ and plugins/; paths in outputs are relative to it. Default: the folder that holds --instruments, else the current folder.", valueName: "dir"))
    var project: String?

    @Option(help: ArgumentHelp("The folder with project.yaml and the instrument files. Default: instruments/ of the project folder.", valueName: "dir"))
    var instruments: String?

    @Option(help: ArgumentHelp("The folder with the Lua evaluation plugins. Default: plugins/ of the project folder.", valueName: "dir"))
    var plugins: String?

    /// Where the folders are and how they are shown.
    var paths: ProjectPaths { ProjectPaths(project: project, instruments: instruments, plugins: plugins) }

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date: YYYY-MM-DD or a period id such as P6 (its last day). Default: today, clamped to the project.", valueName: "date|period"))
    var asOf: String?

    @Option(name: .customLong("known-on"), help: ArgumentHelp("Knowledge date: only what was reported on or before it counts. Default: the evaluation date.", valueName: "date"))
    var knownOn: String?

    @Option(help: ArgumentHelp("Worker threads; the default is the number of cores of this machine. The output is the same for any number.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("show-source"), help: ArgumentHelp(
        "Show, under each problem of the files (and, in evaluate's text report, each plugin error), its source line with a caret: auto (on a terminal only), always or never.",
        valueName: "when"))
    var showSource: ShowSource = .auto

    func validate() throws {
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        for (option, value) in [("--as-of", asOf), ("--known-on", knownOn)] {
            if let value, let reason = Day.whyNotADay(value) { throw ValidationError("\(option) '\(value)' is not a day: \(reason)") }
        }
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
        let paths = self.paths
        let result = ProjectLoader.load(directory: paths.instruments, displayPath: paths.instrumentsShown, jobs: jobs)
        let excerpt = showSource.enabled(for: STDERR_FILENO) ? SourceExcerpt(root: paths.root) : nil
        let diagnostics = result.diagnostics.map { diagnostic in
            (excerpt?.lines(for: diagnostic) ?? [diagnostic.description]).map { $0 + "\n" }.joined()
        }.joined()
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
            return try PluginEvaluator(project: project, pluginsDirectory: paths.plugins, jobs: jobs, displayPath: paths.pluginsShown,
                                       unloadedInstruments: Set(failed.map(\.id)))
        } catch {
            throw ValidationError("cannot read the plugins folder '\(paths.pluginsShown)': \(error.localizedDescription)")
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
