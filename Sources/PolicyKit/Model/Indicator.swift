/// An indicator of a policy instrument: what is measured, from which baseline, to which target,
/// and the values reported period by period.
public struct Indicator: Sendable, Hashable, Codable {
    /// What kind of value the indicator holds.
    public enum Measure: String, Sendable, Hashable, Codable, CaseIterable {
        /// A count or amount in `unit`.
        case unit
        /// A percentage from 0 to 100.
        case percentage
        /// A ratio (any finite number).
        case ratio
        /// A level of an ordinal `scale`, worst first.
        case qualitative
        /// A milestone, reached or not.
        case milestone

        /// Whether values of this measure are numbers.
        public var isNumeric: Bool {
            self == .unit || self == .percentage || self == .ratio
        }
    }

    /// How the values of successive periods relate to each other.
    public enum Accumulation: String, Sendable, Hashable, Codable, CaseIterable {
        /// Each value is the total since the baseline; never summed across periods.
        case cumulative
        /// Each value is what the period added; the total is the sum.
        case incremental
        /// Each value is a state at that time.
        case level
    }

    /// The value before the project, with its reference year.
    public struct Baseline: Sendable, Hashable, Codable {
        /// The baseline value.
        public var value: MeasureValue
        /// The reference year.
        public var year: Int
        /// Where the value comes from.
        public var source: Provenance

        /// Creates a baseline.
        public init(value: MeasureValue, year: Int, source: Provenance) {
            self.value = value
            self.year = year
            self.source = source
        }
    }

    /// A value to reach by a date (the final target or an intermediate one).
    public struct Target: Sendable, Hashable, Codable {
        /// The value to reach.
        public var value: MeasureValue
        /// The day by which it should be reached.
        public var date: Day
        /// Where the target comes from.
        public var source: Provenance

        /// Creates a target.
        public init(value: MeasureValue, date: Day, source: Provenance) {
            self.value = value
            self.date = date
            self.source = source
        }
    }

    /// The id, unique in the instrument.
    public var id: String
    /// An optional common code (EU RCO/RCR or the programme's).
    public var code: String?
    /// The title.
    public var title: LocalizedText
    /// The unit (`%` for percentages).
    public var unit: String
    /// What kind of value the indicator holds.
    public var measure: Measure
    /// Whether bigger is better.
    public var ascending: Bool
    /// How values of successive periods relate (`level` for qualitative and milestone).
    public var accumulation: Accumulation
    /// EUR behind the indicator, when known.
    public var allocation: Double?
    /// The ordinal levels of a qualitative indicator, worst first (empty otherwise).
    public var scale: [String]
    /// The value before the project.
    public var baseline: Baseline
    /// The final target.
    public var target: Target
    /// Intermediate targets, dates strictly increasing.
    public var intermediateTargets: [Target]
    /// Reported values in file order, corrections included.
    public var values: [IndicatorValue]
    /// How often it is reported (which periods' reports must carry a value).
    public var reporting: Reporting
    /// For ``Reporting/annual``: the day of the year the statistic refers to (`nil`: 31 December);
    /// the periods holding it are due.
    public var referenceDay: YearDay?

    /// Creates an indicator.
    public init(
        id: String, code: String? = nil, title: LocalizedText, unit: String, measure: Measure,
        ascending: Bool = true, accumulation: Accumulation, allocation: Double? = nil,
        scale: [String] = [], baseline: Baseline, target: Target,
        intermediateTargets: [Target] = [], values: [IndicatorValue] = [], reporting: Reporting = .semester,
        referenceDay: YearDay? = nil
    ) {
        self.id = id
        self.code = code
        self.title = title
        self.unit = unit
        self.measure = measure
        self.ascending = ascending
        self.accumulation = accumulation
        self.allocation = allocation
        self.scale = scale
        self.baseline = baseline
        self.target = target
        self.intermediateTargets = intermediateTargets
        self.values = values
        self.reporting = reporting
        self.referenceDay = referenceDay
    }

    /// The values as known on `day`: per period, the latest entry reported on or before `day`,
    /// ordered by period number.
    public func values(knownOn day: Day) -> [IndicatorValue] {
        KnownOn.latest(values, on: day, period: { $0.period }, reportedOn: { $0.reportedOn })
    }

    /// The value of `period` as known on `day`, if any was reported by then.
    public func value(for period: String, knownOn day: Day) -> IndicatorValue? {
        values(knownOn: day).first { $0.period == period }
    }

    enum CodingKeys: String, CodingKey {
        case id, code, title, unit, measure, ascending, accumulation, allocation, scale
        case baseline, target, intermediateTargets = "intermediate_targets", values, reporting
        case referenceDay = "reference_day"
    }
}
