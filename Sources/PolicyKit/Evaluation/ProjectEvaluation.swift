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

    /// This evaluation with an `error` result for each instrument whose file failed to load, in
    /// the project's order of instruments (lead partner first, then by partner, then by id).
    public func including(failed: [FailedInstrument], project: Project) -> ProjectEvaluation {
        guard !failed.isEmpty else { return self }
        let all = instruments.map { (Project.rank(partner: $0.partnerID, among: project.partners), $0.instrumentID, $0) }
            + failed.map { (Project.rank(partner: $0.partnerID, among: project.partners), $0.id, $0.result()) }
        // a stable order: evaluated results keep theirs, failed ones go where their id sorts
        let ordered = all.enumerated().sorted { left, right in
            let (l, r) = (left.element, right.element)
            return (l.0, l.1, left.offset) < (r.0, r.1, right.offset)
        }
        return ProjectEvaluation(dates: dates, instruments: ordered.map(\.element.2))
    }
}
