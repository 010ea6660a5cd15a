/// A report on an improvement action for one period; corrections are further entries.
public struct ActionUpdate: Sendable, Hashable, Codable {
    /// Where the action stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not started yet.
        case notStarted = "not-started"
        /// Under way.
        case inProgress = "in-progress"
        /// Done.
        case completed
        /// Behind its timeframe.
        case delayed
        /// Given up.
        case cancelled
    }

    /// How far the action achieved what it planned (as in Jems work plans).
    public enum Achievement: String, Sendable, Hashable, Codable, CaseIterable {
        /// Fully achieved.
        case fully
        /// Partly achieved.
        case partly
        /// Not achieved.
        case not
    }

    /// The id of the reporting period.
    public var period: String
    /// The status.
    public var status: Status
    /// The achievement, if assessed.
    public var achievement: Achievement?
    /// The day the update was reported.
    public var reportedOn: Day
    /// An optional note.
    public var note: String?
    /// Ids of evidence of the same instrument.
    public var evidence: [String]

    /// Creates an update.
    public init(
        period: String, status: Status, achievement: Achievement? = nil, reportedOn: Day,
        note: String? = nil, evidence: [String] = []
    ) {
        self.period = period
        self.status = status
        self.achievement = achievement
        self.reportedOn = reportedOn
        self.note = note
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case period, status, achievement, reportedOn = "reported_on", note, evidence
    }
}
