/// What loading a project folder produced: the project when its files allow, and every problem.
public struct ProjectLoadResult: Sendable {
    /// The project, or `nil` when project.yaml is missing or has errors. Instrument files with
    /// errors are left out of it.
    public var project: Project?
    /// Every problem of every file, sorted by path, line and column.
    public var diagnostics: [Diagnostic]
    /// The number of files read (project.yaml and instrument files).
    public var filesChecked: Int

    /// Creates a result; diagnostics are sorted.
    public init(project: Project?, diagnostics: [Diagnostic], filesChecked: Int) {
        self.project = project
        self.diagnostics = diagnostics.sorted()
        self.filesChecked = filesChecked
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool {
        errorCount > 0
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
