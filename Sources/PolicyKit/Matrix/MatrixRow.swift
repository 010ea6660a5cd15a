/// One policy instrument of the matrix: a cell per period column, and in the period detail view
/// its indicators and actions.
public struct MatrixRow: Sendable, Hashable {
    /// The instrument id.
    public var instrumentID: String
    /// The instrument title.
    public var title: LocalizedText
    /// The partner id.
    public var partnerID: String
    /// Who judged the roll-up in the last column: `standard` or the plugin file.
    public var evaluatedBy: String
    /// One cell per period column, in column order.
    public var cells: [MatrixCell]
    /// The period detail (only in the period detail view).
    public var detail: MatrixInstrumentDetail?
    /// The instrument's result at the latest column, with its items and traces (the drill-down).
    public var latest: InstrumentResult?
    /// Why the instrument was not evaluated (its file has errors: how many, the first), or `nil`.
    public var loadError: String?

    /// Creates a row.
    init(instrumentID: String, title: LocalizedText, partnerID: String, evaluatedBy: String = "standard",
                cells: [MatrixCell], detail: MatrixInstrumentDetail? = nil, latest: InstrumentResult? = nil) {
        self.instrumentID = instrumentID
        self.title = title
        self.partnerID = partnerID
        self.evaluatedBy = evaluatedBy
        self.cells = cells
        self.detail = detail
        self.latest = latest
    }

    /// The row of an instrument file that failed to load: `error` in every column.
    init(failed: FailedInstrument, columns: [MatrixColumn]) {
        self.init(instrumentID: failed.id, title: failed.title ?? LocalizedText(en: failed.id), partnerID: failed.partnerID ?? "",
                  cells: columns.map { MatrixCell(period: $0.period.id, status: .error, findings: [Finding(.error, failed.summary)]) })
        loadError = failed.summary
    }
}
