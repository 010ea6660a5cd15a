/// One instrument at one reporting period: its overall status and progress as known on the
/// knowledge date, and what changed when more recent reports are taken into account.
public struct MatrixCell: Sendable, Hashable {
    /// The same judgement as known on a later day (the evaluation date).
    public struct Later: Sendable, Hashable {
        /// The status as known later.
        public var status: EvaluationStatus
        /// The progress as known later.
        public var progress: Double?
        /// The expected progress as known later.
        public var expected: Double?
        /// Whether the instrument counts as improved, as known later.
        public var improved: Bool

        /// Creates a later judgement.
        init(status: EvaluationStatus, progress: Double?, expected: Double?, improved: Bool) {
            self.status = status
            self.progress = progress
            self.expected = expected
            self.improved = improved
        }
    }

    /// The period id (`P3`).
    public var period: String
    /// The overall status.
    public var status: EvaluationStatus
    /// The rolled-up progress (fraction from baseline to target), if computed.
    public var progress: Double?
    /// The rolled-up expected progress, if computed.
    public var expected: Double?
    /// Whether the instrument counts as improved, with evidence.
    public var improved: Bool
    /// Whether any number behind the cell is illustrative.
    public var illustrative: Bool
    /// A short note from the rules, if any.
    public var note: String?
    /// What the rules noticed at instrument level, then the errors of its indicators and actions
    /// (each message prefixed with the item id).
    public var findings: [Finding]
    /// The judgement as known on the evaluation date when it differs from this one
    /// (only when the knowledge date is earlier than the evaluation date).
    public var later: Later?

    /// Creates a cell.
    init(
        period: String, status: EvaluationStatus, progress: Double? = nil, expected: Double? = nil,
        improved: Bool = false, illustrative: Bool = false, note: String? = nil, findings: [Finding] = [],
        later: Later? = nil
    ) {
        self.period = period
        self.status = status
        self.progress = progress
        self.expected = expected
        self.improved = improved
        self.illustrative = illustrative
        self.note = note
        self.findings = findings
        self.later = later
    }

    /// Whether reports received after the knowledge date change this cell.
    public var isChanged: Bool { later != nil }

    /// The cell of an instrument result (or an error cell when the evaluation has no result).
    init(period: String, result: InstrumentResult?) {
        guard let result else {
            self.init(period: period, status: .error, findings: [Finding(.error, "the evaluation returned no result for this instrument")])
            return
        }
        self.init(period: period, status: result.status, progress: result.progress, expected: result.expected,
                  improved: result.improved, illustrative: result.illustrative, note: result.note,
                  findings: result.findings + (result.indicators + result.actions).flatMap { item in
                      item.findings.filter { $0.severity == .error }.map { Finding(.error, "\(item.id): \($0.message)") }
                  })
    }

    /// The later judgement of `result` if it differs from this cell's, else `nil`.
    func later(from result: InstrumentResult?) -> Later? {
        let other = MatrixCell(period: period, result: result)
        let later = Later(status: other.status, progress: other.progress, expected: other.expected, improved: other.improved)
        let same = later.status == status && MatrixNumber.sameFraction(later.progress, progress)
            && MatrixNumber.sameFraction(later.expected, expected) && later.improved == improved
        return same ? nil : later
    }
}
