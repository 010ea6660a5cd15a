/// The results of evaluating every instrument of a project at given dates.
public struct ProjectEvaluation: Sendable, Hashable, Codable {
    /// The dates of the evaluation.
    public var dates: EvaluationDates
    /// One result per instrument, in the project's order (lead partner first).
    public var instruments: [InstrumentResult]

    /// Creates an evaluation.
    public init(dates: EvaluationDates, instruments: [InstrumentResult]) {
        self.dates = dates
        self.instruments = instruments
    }

    /// Whether any instrument or item is `error`.
    public var hasErrors: Bool { instruments.contains { $0.hasErrors } }

    /// The result of one instrument (a search: for many, use ``byInstrument``).
    public func instrument(id: String) -> InstrumentResult? { instruments.first { $0.instrumentID == id } }

    /// The results by instrument id (the first, should an id repeat).
    public var byInstrument: [String: InstrumentResult] {
        Dictionary(instruments.map { ($0.instrumentID, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
