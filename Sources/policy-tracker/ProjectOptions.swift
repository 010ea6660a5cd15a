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

    /// Loads the project; on errors prints every diagnostic to standard error and exits with 1.
    func loadProject() throws -> Project {
        let paths = self.paths
        let result = ProjectLoader.load(directory: paths.instruments, displayPath: paths.instrumentsShown, jobs: jobs)
        if result.hasErrors || result.project == nil {
            FileHandle.standardError.write(Data(result.report.utf8))
            throw ExitCode(1)
        }
        for warning in result.diagnostics where warning.severity == .warning {
            FileHandle.standardError.write(Data((warning.description + "\n").utf8))
        }
        return result.project!
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
    func evaluator(for project: Project) throws -> PluginEvaluator {
        do {
            return try PluginEvaluator(project: project, pluginsDirectory: paths.plugins, jobs: jobs, displayPath: paths.pluginsShown)
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
