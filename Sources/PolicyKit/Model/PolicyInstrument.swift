/// A regional policy instrument (a programme, strategy or plan) with its indicators, its action
/// plan and the evidence of its improvement.
public struct PolicyInstrument: Sendable, Hashable, Codable {
    /// What kind of instrument it is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An operational programme (structural funds).
        case operationalProgramme = "operational-programme"
        /// A development strategy.
        case developmentStrategy = "development-strategy"
        /// A development plan.
        case developmentPlan = "development-plan"
        /// A development programme.
        case developmentProgramme = "development-programme"
        /// A multi-annual plan.
        case multiAnnualPlan = "multi-annual-plan"
        /// A social innovation plan.
        case socialInnovationPlan = "social-innovation-plan"
        /// Anything else.
        case other
    }

    /// The id, unique across the project, equal to the file name without `.yaml`.
    public var id: String
    /// The id of the partner that addresses the instrument.
    public var partner: String
    /// The title.
    public var title: LocalizedText
    /// The kind of instrument.
    public var kind: Kind
    /// The authority that manages the instrument.
    public var managingAuthority: String
    /// The funds behind it (`ERDF`, `ESF+`), possibly none.
    public var funds: [String]
    /// The programme's code (`2021EL16FFPR013`), if any.
    public var programmeCode: String?
    /// The instrument's own period.
    public var period: DayInterval
    /// The name of the plugin that evaluates it (`plugins/<plugin>.lua`), if any.
    public var plugin: String?
    /// Citations for the facts of the instrument.
    public var sources: [String]
    /// Notes shown in reports.
    public var notes: [String]
    /// The indicators, in file order.
    public var indicators: [Indicator]
    /// The actions of the action plan, in file order.
    public var actions: [ImprovementAction]
    /// The evidence, in file order.
    public var evidence: [Evidence]
    /// Where the file and its entries are (not encoded; ignored by `==`).
    package var sourceLines = SourceLines()

    /// Creates an instrument.
    public init(
        id: String, partner: String, title: LocalizedText, kind: Kind, managingAuthority: String,
        funds: [String] = [], programmeCode: String? = nil, period: DayInterval, plugin: String? = nil,
        sources: [String] = [], notes: [String] = [], indicators: [Indicator], actions: [ImprovementAction],
        evidence: [Evidence] = []
    ) {
        self.id = id
        self.partner = partner
        self.title = title
        self.kind = kind
        self.managingAuthority = managingAuthority
        self.funds = funds
        self.programmeCode = programmeCode
        self.period = period
        self.plugin = plugin
        self.sources = sources
        self.notes = notes
        self.indicators = indicators
        self.actions = actions
        self.evidence = evidence
    }

    /// The indicator with id `id`, if any.
    public func indicator(id: String) -> Indicator? {
        indicators.first { $0.id == id }
    }

    /// The action with id `id`, if any.
    public func action(id: String) -> ImprovementAction? {
        actions.first { $0.id == id }
    }

    /// The evidence with id `id`, if any.
    public func evidence(id: String) -> Evidence? {
        evidence.first { $0.id == id }
    }

    enum CodingKeys: String, CodingKey {
        case id, partner, title, kind, managingAuthority = "managing_authority", funds
        case programmeCode = "programme_code", period, plugin, sources, notes, indicators, actions, evidence
    }
}
