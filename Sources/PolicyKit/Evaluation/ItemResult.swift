/// The result of evaluating one indicator or one improvement action.
public struct ItemResult: Sendable, Hashable, Codable {
    /// Whether the item is an indicator or an action.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An indicator.
        case indicator
        /// An improvement action.
        case action
    }

    /// The indicator or action id.
    public var id: String
    /// Indicator or action.
    public var kind: Kind
    /// Fraction of the way from baseline to target (1 = reached; may be below 0 or above 1);
    /// for actions, the share of milestones done. `nil` when it cannot be computed.
    public var progress: Double?
    /// Fraction expected by now from the time elapsed towards the target date (0...1).
    public var expected: Double?
    /// The judgement.
    public var status: EvaluationStatus
    /// A short note from the rules (a plugin's `note`), if any.
    public var note: String?
    /// What the rules noticed.
    public var findings: [Finding]
    /// How the result was obtained, step by step, with the origin of each step.
    public var trace: Trace
    /// Whether any number behind the result (baseline, target, value) is illustrative.
    public var illustrative: Bool
    /// For actions: the achievement of the latest update, if reported.
    public var achievement: ActionUpdate.Achievement?
    /// Evidence ids cited by the values or updates visible at the evaluation date.
    public var evidence: [String]
    /// Which rules evaluated it: the plugin (or none) and the hook that ran.
    public var evaluatedBy: EvaluatedBy

    /// The trace as lines (plugin steps led by their `file:line`).
    public var explanation: [String] { trace.lines }

    /// Who decided each field: the standard rules or a line of the plugin.
    public var decidedBy: FieldDeciders { FieldDeciders(trace) }

    /// Creates a result.
    package init(
        id: String, kind: Kind, progress: Double? = nil, expected: Double? = nil,
        status: EvaluationStatus, note: String? = nil, findings: [Finding] = [], trace: Trace = Trace(),
        illustrative: Bool = false, achievement: ActionUpdate.Achievement? = nil, evidence: [String] = [],
        evaluatedBy: EvaluatedBy = .standard
    ) {
        self.id = id
        self.kind = kind
        self.progress = progress
        self.expected = expected
        self.status = status
        self.note = note
        self.findings = findings
        self.trace = trace
        self.illustrative = illustrative
        self.achievement = achievement
        self.evidence = evidence
        self.evaluatedBy = evaluatedBy
    }
}
