/// An instrument file that could not be loaded: what could be read of it, and its diagnostics.
///
/// A failed file does not stop the others: ``ProjectLoadResult/project`` holds every instrument
/// that loaded, ``ProjectLoadResult/failedInstruments`` the ones that did not, and the matrix
/// shows each of these as a row in error.
public struct FailedInstrument: Sendable, Hashable {
    /// The instrument id as the file gives it, or the file name without `.yaml` when it gives none.
    public var id: String
    /// The path of the file, as given to the loader.
    public var path: String
    /// The partner id, when the file names a partner of the project.
    public var partnerID: String?
    /// The title, when the file has a valid one.
    public var title: LocalizedText?
    /// The plugin the file names, if it names one.
    public var plugin: String?
    /// The file's diagnostics, errors and warnings, sorted by line and column.
    public var diagnostics: [Diagnostic]

    /// Creates a failed instrument.
    package init(id: String, path: String, partnerID: String? = nil, title: LocalizedText? = nil, plugin: String? = nil,
                diagnostics: [Diagnostic]) {
        self.id = id
        self.path = path
        self.partnerID = partnerID
        self.title = title
        self.plugin = plugin
        self.diagnostics = diagnostics.sorted()
    }

    /// The file's errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One line: `instrument file has 2 errors; the first: path:line:column message`.
    public var summary: String {
        let errors = errors
        let count = "instrument file has \(errors.count) error\(errors.count == 1 ? "" : "s")"
        guard let first = errors.first else { return count }
        return "\(count); the first: \(first.path):\(first.line):\(first.column) \(first.message)"
    }

    /// The instrument's result at any date: `error`, with ``summary`` as its finding.
    /// Its trace: the error at the file's first error, which decides the status `error`.
    package func result(evaluatedBy: String = "standard") -> InstrumentResult {
        var trace = Trace()
        let first = errors.first
        trace.appendFailure(summary, at: .file(first?.path ?? path, line: first?.line), improved: true)
        return InstrumentResult(instrumentID: id, partnerID: partnerID ?? "", status: .error,
                                findings: [Finding(.error, summary)], trace: trace,
                                evaluatedBy: EvaluatedBy(plugin: evaluatedBy == "standard" ? nil : evaluatedBy))
    }
}
