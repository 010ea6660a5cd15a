/// One indicator or action of an instrument in the period detail view.
public struct MatrixItem: Sendable, Hashable {
    /// The same judgement as known on a later day (the evaluation date).
    public struct Later: Sendable, Hashable {
        /// The status as known later.
        public var status: EvaluationStatus
        /// The progress as known later.
        public var progress: Double?
        /// The value to date as known later (indicators).
        public var value: String?

        /// Creates a later judgement.
        init(status: EvaluationStatus, progress: Double?, value: String?) {
            self.status = status
            self.progress = progress
            self.value = value
        }
    }

    /// The indicator or action id.
    public var id: String
    /// Indicator or action.
    public var kind: ItemResult.Kind
    /// The common code of an indicator (`RCO83`), if any.
    public var code: String?
    /// The title.
    public var title: LocalizedText
    /// The unit of an indicator.
    public var unit: String?
    /// The value to date of an indicator as known on the knowledge date: the latest value
    /// (cumulative, level), or the total of the values (incremental); `nil` before any report.
    public var value: String?
    /// The judgement.
    public var status: EvaluationStatus
    /// Progress from baseline to target (actions: share of milestones done).
    public var progress: Double?
    /// Expected progress.
    public var expected: Double?
    /// The achievement of an action's latest update.
    public var achievement: ActionUpdate.Achievement?
    /// Whether any number behind the item is illustrative.
    public var illustrative: Bool
    /// Evidence ids cited.
    public var evidence: [String]
    /// A short note from the rules.
    public var note: String?
    /// What the rules noticed.
    public var findings: [Finding]
    /// The judgement as known on the evaluation date, when it differs.
    public var later: Later?

    /// Creates an item.
    init(
        id: String, kind: ItemResult.Kind, code: String? = nil, title: LocalizedText, unit: String? = nil,
        value: String? = nil, status: EvaluationStatus, progress: Double? = nil, expected: Double? = nil,
        achievement: ActionUpdate.Achievement? = nil, illustrative: Bool = false, evidence: [String] = [],
        note: String? = nil, findings: [Finding] = [], later: Later? = nil
    ) {
        self.id = id
        self.kind = kind
        self.code = code
        self.title = title
        self.unit = unit
        self.value = value
        self.status = status
        self.progress = progress
        self.expected = expected
        self.achievement = achievement
        self.illustrative = illustrative
        self.evidence = evidence
        self.note = note
        self.findings = findings
        self.later = later
    }

    /// Whether reports received after the knowledge date change this item.
    public var isChanged: Bool { later != nil }

    /// The value to date of `indicator` up to period number `index`, as known on `day`.
    static func valueToDate(_ indicator: Indicator, upTo index: Int, knownOn day: Day) -> (text: String, illustrative: Bool)? {
        let known = indicator.values(knownOn: day).filter { (ReportingPeriod.number(fromID: $0.period) ?? Int.max) <= index }
        guard let last = known.last else { return nil }
        if indicator.accumulation == .incremental, indicator.measure.isNumeric {
            let total = known.compactMap(\.value.number).reduce(0, +)
            return (MatrixNumber.decimal(total), known.contains { $0.source.isIllustrative })
        }
        let text = last.value.number.map { MatrixNumber.decimal($0) } ?? last.value.description
        return (text, last.source.isIllustrative)
    }
}
