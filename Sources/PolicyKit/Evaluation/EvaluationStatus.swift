/// The judgement of an indicator, an action or a whole instrument.
public enum EvaluationStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The target is reached (indicator) or the action is completed and fully achieved.
    case achieved
    /// Progress keeps pace with the time elapsed.
    case onTrack = "on-track"
    /// Progress lags behind, but can still catch up.
    case atRisk = "at-risk"
    /// Progress lags far behind, or the item is overdue.
    case offTrack = "off-track"
    /// Work has not started yet (and need not have).
    case notStarted = "not-started"
    /// Nothing has been reported that allows a judgement.
    case noData = "no-data"
    /// The rules failed for this item: see its findings.
    case error

    /// The statuses a rule (standard or plugin) may return; `error` is the host's.
    public static let ruleStatuses: [EvaluationStatus] = [.achieved, .onTrack, .atRisk, .offTrack, .notStarted, .noData]

    /// Severity order used for roll-ups and sorting: achieved first, error last.
    public var rank: Int {
        switch self {
        case .achieved: 0
        case .onTrack: 1
        case .notStarted: 2
        case .noData: 3
        case .atRisk: 4
        case .offTrack: 5
        case .error: 6
        }
    }

    /// Orders by ``rank``.
    public static func < (lhs: EvaluationStatus, rhs: EvaluationStatus) -> Bool { lhs.rank < rhs.rank }
}
