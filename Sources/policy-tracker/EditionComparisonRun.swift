import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua

/// What `diff` and `impact` share: opening and loading editions, running the counterfactual
/// evaluations, writing the result.
enum EditionComparisonRun {
    /// Prints `policy-tracker: message` on standard error and exits with 2.
    static func usageFailure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("policy-tracker: \(message)\n".utf8))
        return ExitCode(2)
    }

    /// Opens the edition `spec`, or the working folders when `nil`.
    static func open(_ spec: String?, options: ProjectOptions) throws -> Edition {
        do {
            let paths = options.paths
            guard let spec else {
                return try Edition.working(instruments: paths.instruments.path, plugins: paths.plugins.path,
                                           instrumentsDisplay: paths.instrumentsShown, pluginsDisplay: paths.pluginsShown)
            }
            return try Edition.open(spec, workingInstruments: paths.instruments.path, workingPlugins: paths.plugins.path)
        } catch {
            throw usageFailure(error.description)
        }
    }

    /// Loads an edition as far as it loads; its diagnostics go to standard error, prefixed by
    /// the edition. (One place, so that it can switch to the library's partial-load API.)
    static func load(_ edition: Edition, jobs: Int) throws -> EditionSnapshot {
        do {
            let snapshot = try EditionSnapshot.load(edition, jobs: jobs)
            let text = snapshot.diagnostics.map { "\(edition.name): \($0.description)\n" }.joined()
            FileHandle.standardError.write(Data(text.utf8))
            return snapshot
        } catch {
            let text = error.diagnostics.map { "\(edition.name): \($0.description)\n" }.joined()
            FileHandle.standardError.write(Data(text.utf8))
            throw usageFailure("\(edition.name): project.yaml cannot give a project, so this edition cannot be compared")
        }
    }

    /// The evaluation of `data` under the plugins of `rules`, for every column.
    static func evaluate(_ data: EditionSnapshot, rules: Edition, pluginsDisplay: String, columns: [MatrixColumn],
                         knownOn: Day, jobs: Int) throws -> EditionEvaluation {
        do {
            return try EditionEvaluator.evaluate(data, plugins: rules.plugins, pluginsDisplay: pluginsDisplay, columns: columns,
                                                 knownOn: knownOn, jobs: jobs)
        } catch {
            throw usageFailure("\(rules.name): cannot read the plugins folder: \(error.localizedDescription)")
        }
    }

    /// The four evaluations of a comparison (see ``EditionEvaluator``).
    static func counterfactuals(from: EditionSnapshot, fromEdition: Edition, to: EditionSnapshot, toEdition: Edition,
                                columns: [MatrixColumn], knownOn: Day, jobs: Int) throws -> CounterfactualEvaluations {
        do {
            return try EditionEvaluator.counterfactuals(from: from, fromPlugins: fromEdition.plugins, to: to, toPlugins: toEdition.plugins,
                                                        columns: columns, knownOn: knownOn, jobs: jobs)
        } catch {
            throw usageFailure("cannot read a plugins folder (\(fromEdition.name) or \(toEdition.name)): \(error.localizedDescription)")
        }
    }

    /// The columns and dates of a comparison, from the later edition's calendar.
    static func columns(for project: Project, options: ProjectOptions, period: String?) throws -> (columns: [MatrixColumn], dates: EvaluationDates) {
        let dates: EvaluationDates
        do {
            dates = try options.dates(for: project)
        } catch let error as ValidationError {
            throw usageFailure(error.message)
        }
        do {
            return (try EditionEvaluation.columns(calendar: project.calendar, asOf: dates.asOf, period: period), dates)
        } catch {
            throw usageFailure(error.description)
        }
    }

    /// Writes `text` to `output` (atomically) or standard output.
    static func write(_ text: String, to output: String?) throws {
        if let output {
            do {
                try AtomicFile.write(Data(text.utf8), to: output)
            } catch {
                FileHandle.standardError.write(Data("policy-tracker: cannot write \(output): \(error)\n".utf8))
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// The output options of `diff` and `impact`.
struct EditionOutputOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: ArgumentHelp("Output format: \(EditionDiffFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var formatName: String = EditionDiffFormat.text.rawValue

    @Option(name: .customLong("lang"), help: ArgumentHelp("Language of the instruments' titles: \(MatrixLanguage.allCases.map(\.code).joined(separator: ", ")).", valueName: "code"))
    var languageCode: String = MatrixLanguage.english.code

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Compare only this period, such as P5.", valueName: "period"))
    var period: String?

    var format: EditionDiffFormat { EditionDiffFormat(rawValue: formatName) ?? .text }
    var language: MatrixLanguage { MatrixLanguage(code: languageCode) ?? .english }
    var color: Bool { format == .text && output == nil && TerminalColor.enabled }

    func validate() throws {
        guard EditionDiffFormat(rawValue: formatName) != nil else {
            throw ValidationError("--format must be one of \(EditionDiffFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(formatName)'")
        }
        guard MatrixLanguage(code: languageCode) != nil else {
            throw ValidationError("--lang must be one of \(MatrixLanguage.allCases.map(\.code).joined(separator: ", ")), not '\(languageCode)'")
        }
        if let period, ReportingPeriod.number(fromID: period) == nil {
            throw ValidationError("--period must be a period id such as P5, not '\(period)'")
        }
    }
}
