/// One reported value of an indicator for a reporting period; corrections are further entries.
public struct IndicatorValue: Sendable, Hashable, Codable {
    /// The value type of an indicator value.
    public typealias Value = MeasureValue

    /// How far a reported value can be relied on.
    public enum Quality: String, Sendable, Hashable, Codable, CaseIterable {
        /// A first estimate.
        case estimated
        /// Reported, not yet approved.
        case provisional
        /// Approved (the default).
        case approved
    }

    /// The id of the reporting period (`P3`).
    public var period: String
    /// The value.
    public var value: Value
    /// The day the value was reported: the knowledge date.
    public var reportedOn: Day
    /// How far the value can be relied on.
    public var quality: Quality
    /// Where the value comes from.
    public var source: Provenance
    /// Ids of evidence of the same instrument.
    public var evidence: [String]
    /// An optional note (required to explain a decrease of a cumulative series).
    public var note: String?

    /// Creates a reported value.
    public init(
        period: String, value: Value, reportedOn: Day, quality: Quality = .approved,
        source: Provenance, evidence: [String] = [], note: String? = nil
    ) {
        self.period = period
        self.value = value
        self.reportedOn = reportedOn
        self.quality = quality
        self.source = source
        self.evidence = evidence
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case period, value, reportedOn = "reported_on", quality, source, evidence, note
    }
}
