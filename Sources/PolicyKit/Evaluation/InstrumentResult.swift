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
    /// How the result was obtained, step by step, with the origin of each step.
    public var trace: Trace
    /// Whether any number behind the result is illustrative.
    public var illustrative: Bool
    /// The indicators' results, in file order.
    public var indicators: [ItemResult]
    /// The actions' results, in file order.
    public var actions: [ItemResult]
    /// Messages the plugin logged, in order.
    public var log: [LogEntry]
    /// Which rules evaluated it: the plugin (or none) and the hook that ran.
    public var evaluatedBy: EvaluatedBy

    /// The trace as lines (plugin steps led by their `file:line`).
    public var explanation: [String] { trace.lines }

    /// Who decided each field: the standard rules or a line of the plugin.
    public var decidedBy: FieldDeciders { FieldDeciders(trace, improved: true) }

    /// Creates a result.
    package init(
        instrumentID: String, partnerID: String, progress: Double? = nil, expected: Double? = nil,
        status: EvaluationStatus, improved: Bool = false, note: String? = nil, findings: [Finding] = [],
        trace: Trace = Trace(), illustrative: Bool = false, indicators: [ItemResult] = [],
        actions: [ItemResult] = [], log: [LogEntry] = [], evaluatedBy: EvaluatedBy = .standard
    ) {
        self.instrumentID = instrumentID
        self.partnerID = partnerID
        self.progress = progress
        self.expected = expected
        self.status = status
        self.improved = improved
        self.note = note
        self.findings = findings
        self.trace = trace
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
