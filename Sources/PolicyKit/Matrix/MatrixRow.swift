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

    /// Creates a row.
    public init(instrumentID: String, title: LocalizedText, partnerID: String, evaluatedBy: String = "standard",
                cells: [MatrixCell], detail: MatrixInstrumentDetail? = nil, latest: InstrumentResult? = nil) {
        self.instrumentID = instrumentID
        self.title = title
        self.partnerID = partnerID
        self.evaluatedBy = evaluatedBy
        self.cells = cells
        self.detail = detail
        self.latest = latest
    }
}
