/// What loading a project folder produced: the project when its files allow, the instrument
/// files that failed, and every problem.
///
/// One broken instrument file does not take the others down: when project.yaml loads, ``project``
/// holds every instrument whose file has no error, and ``failedInstruments`` names the others with
/// their diagnostics, so that a report can show them as rows in error (see
/// ``ProgressMatrix/build(project:failedInstruments:asOf:knownOn:detail:evaluate:)``).
public struct ProjectLoadResult: Sendable {
    /// The project, or `nil` when project.yaml is missing or has errors in what every instrument
    /// needs (the project's dates, the calendar, the phases, the partners). Instrument files with
    /// errors are left out of it.
    public var project: Project?
    /// The instrument files with errors, in path order (empty when ``project`` is `nil`).
    public var failedInstruments: [FailedInstrument]
    /// Every problem of every file, sorted by path, line and column.
    public var diagnostics: [Diagnostic]
    /// The number of files read (project.yaml and instrument files).
    public var filesChecked: Int

    /// Creates a result; diagnostics are sorted.
    package init(project: Project?, failedInstruments: [FailedInstrument] = [], diagnostics: [Diagnostic], filesChecked: Int) {
        self.project = project
        self.failedInstruments = failedInstruments
        self.diagnostics = diagnostics.sorted()
        self.filesChecked = filesChecked
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool {
        errorCount > 0
    }

    /// Why nothing can be evaluated, in one line, or `nil` when the project loaded (even with
    /// failed instrument files).
    public var projectFailure: String? {
        guard project == nil else { return nil }
        let projectErrors = diagnostics.filter {
            $0.severity == .error && ($0.path == ProjectLoader.projectFileName || $0.path.hasSuffix("/" + ProjectLoader.projectFileName))
        }
        guard let first = projectErrors.first ?? diagnostics.first(where: { $0.severity == .error }) else {
            return "the project could not be loaded"
        }
        let more = projectErrors.count > 1 ? " (and \(projectErrors.count - 1) more in \(first.path))" : ""
        return "cannot evaluate any instrument without the calendar and partners of project.yaml: \(first)\(more)"
    }

    /// Whether project.yaml has errors. With ``project`` not `nil`, they are in its descriptive
    /// parts (names, reference, sources, midterm review): the calendar and the partners are fine.
    public var projectFileHasErrors: Bool {
        diagnostics.contains { $0.severity == .error && ($0.path == ProjectLoader.projectFileName || $0.path.hasSuffix("/" + ProjectLoader.projectFileName)) }
    }

    /// The number of errors.
    public var errorCount: Int {
        diagnostics.count { $0.severity == .error }
    }

    /// The number of warnings.
    public var warningCount: Int {
        diagnostics.count { $0.severity == .warning }
    }

    /// One line: `checked 10 files: 0 errors, 0 warnings`.
    public var summary: String {
        func counted(_ count: Int, _ noun: String) -> String {
            "\(count) \(noun)\(count == 1 ? "" : "s")"
        }
        return "checked \(counted(filesChecked, "file")): \(counted(errorCount, "error")), \(counted(warningCount, "warning"))"
    }

    /// The full report: one line per diagnostic, then the summary, each ending with a newline.
    public var report: String {
        (diagnostics.map(\.description) + [summary]).map { $0 + "\n" }.joined()
    }
}
