/// The result of evaluating one policy instrument: its items and the roll-up.
public struct InstrumentResult: Sendable, Hashable, Codable {
    /// The instrument id.
    public var instrumentID: String
    /// The partner id.
    public var partnerID: String
    /// The rolled-up progress (0...1 mostly), `nil` when nothing could be computed.
    public var progress: Double?
    /// The rolled-up expected progress, `nil` when nothing could be computed.
    public var expected: Double?
    /// The overall judgement.
    public var status: EvaluationStatus
    /// Whether the instrument counts as improved, with evidence (for the project row).
    public var improved: Bool
    /// A short note from the rules, if any.
    public var note: String?
    /// What the rules noticed at instrument level (errors of a plugin that failed to load too).
    public var findings: [Finding]
    /// How the roll-up was obtained.
    public var explanation: [String]
    /// Whether any number behind the result is illustrative.
    public var illustrative: Bool
    /// The indicators' results, in file order.
    public var indicators: [ItemResult]
    /// The actions' results, in file order.
    public var actions: [ItemResult]
    /// Messages the plugin logged, in order.
    public var log: [LogEntry]
    /// Who judged the roll-up: `standard`, or the plugin file.
    public var evaluatedBy: String

    /// Creates a result.
    public init(
        instrumentID: String, partnerID: String, progress: Double? = nil, expected: Double? = nil,
        status: EvaluationStatus, improved: Bool = false, note: String? = nil, findings: [Finding] = [],
        explanation: [String] = [], illustrative: Bool = false, indicators: [ItemResult] = [],
        actions: [ItemResult] = [], log: [LogEntry] = [], evaluatedBy: String = "standard"
    ) {
        self.instrumentID = instrumentID
        self.partnerID = partnerID
        self.progress = progress
        self.expected = expected
        self.status = status
        self.improved = improved
        self.note = note
        self.findings = findings
        self.explanation = explanation
        self.illustrative = illustrative
        self.indicators = indicators
        self.actions = actions
        self.log = log
        self.evaluatedBy = evaluatedBy
    }

    /// Whether this result or any of its items is `error`.
    public var hasErrors: Bool {
        status == .error || indicators.contains { $0.status == .error } || actions.contains { $0.status == .error }
    }
}
