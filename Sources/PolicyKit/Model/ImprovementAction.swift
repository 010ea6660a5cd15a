/// An action of a region's action plan to improve its policy instrument.
public struct ImprovementAction: Sendable, Hashable, Codable {
    /// How the action improves the instrument.
    public enum ImprovementType: String, Sendable, Hashable, Codable, CaseIterable {
        /// Implementation of new projects.
        case newProjects = "new-projects"
        /// A change in the management of the instrument (governance).
        case management
        /// A change in the strategic focus of the instrument.
        case structural
    }

    /// What the action costs.
    public struct Cost: Sendable, Hashable, Codable {
        /// The amount.
        public var amount: Double
        /// The ISO 4217 currency code (`EUR`).
        public var currency: String

        /// Creates a cost.
        public init(amount: Double, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    /// The id, unique in the instrument.
    public var id: String
    /// The title.
    public var title: LocalizedText
    /// The improvement type.
    public var type: ImprovementType
    /// Who leads the action.
    public var responsible: String
    /// The first day.
    public var start: Day
    /// The last day.
    public var end: Day
    /// The cost, if given.
    public var cost: Cost?
    /// The funding source, if given.
    public var funding: String?
    /// Ids of indicators of the same instrument the action contributes to.
    public var indicators: [String]
    /// The milestones.
    public var milestones: [Milestone]
    /// The updates in file order, corrections included.
    public var updates: [ActionUpdate]

    /// Creates an action.
    public init(
        id: String, title: LocalizedText, type: ImprovementType, responsible: String,
        start: Day, end: Day, cost: Cost? = nil, funding: String? = nil, indicators: [String] = [],
        milestones: [Milestone] = [], updates: [ActionUpdate] = []
    ) {
        self.id = id
        self.title = title
        self.type = type
        self.responsible = responsible
        self.start = start
        self.end = end
        self.cost = cost
        self.funding = funding
        self.indicators = indicators
        self.milestones = milestones
        self.updates = updates
    }

    /// The updates as known on `day`: per period, the latest entry reported on or before `day`,
    /// ordered by period number.
    public func updates(knownOn day: Day) -> [ActionUpdate] {
        KnownOn.latest(updates, on: day, period: { $0.period }, reportedOn: { $0.reportedOn })
    }

    /// The most recent update (latest period) as known on `day`, if any.
    public func latestUpdate(knownOn day: Day) -> ActionUpdate? {
        updates(knownOn: day).last
    }
}
