/// A project: its partners, phases, reporting calendar and policy instruments.
public struct Project: Sendable, Hashable, Codable {
    /// The id (`secon`).
    public var id: String
    /// The acronym (`SECON`).
    public var acronym: String
    /// The full name.
    public var name: String
    /// The funding programme (`Interreg Europe 2021-2027`).
    public var programme: String
    /// The programme's reference of the project (`01C0224`).
    public var reference: String
    /// The first day of the project.
    public var start: Day
    /// The last day of the project, closure included.
    public var end: Day
    /// Citations for the facts of the project.
    public var sources: [String]
    /// The phases, consecutive.
    public var phases: [Phase]
    /// The reporting calendar.
    public var calendar: ReportingCalendar
    /// The partners, in the order of project.yaml.
    public var partners: [Partner]
    /// The instruments: lead partner's first, then by partner order in project.yaml, then by id.
    public var instruments: [PolicyInstrument]

    /// Creates a project; `instruments` are put in their canonical order.
    public init(
        id: String, acronym: String, name: String, programme: String, reference: String,
        start: Day, end: Day, sources: [String] = [], phases: [Phase], calendar: ReportingCalendar,
        partners: [Partner], instruments: [PolicyInstrument]
    ) {
        self.id = id
        self.acronym = acronym
        self.name = name
        self.programme = programme
        self.reference = reference
        self.start = start
        self.end = end
        self.sources = sources
        self.phases = phases
        self.calendar = calendar
        self.partners = partners
        self.instruments = Project.sorted(instruments, partners: partners)
    }

    /// The lead partner, if one is declared.
    public var leadPartner: Partner? {
        partners.first { $0.role == .leadPartner }
    }

    /// The partner with id `id`, if any.
    public func partner(id: String) -> Partner? {
        partners.first { $0.id == id }
    }

    /// The instrument with id `id`, if any (a search: for many, use ``instrumentsByID``).
    public func instrument(id: String) -> PolicyInstrument? {
        instruments.first { $0.id == id }
    }

    /// The instruments by id (the first, should an id repeat).
    public var instrumentsByID: [String: PolicyInstrument] {
        Dictionary(instruments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The project's days, start to end.
    public var interval: DayInterval {
        DayInterval(start: start, end: end)
    }

    /// Orders instruments: the lead partner's first, then by partner order, then by id.
    package static func sorted(_ instruments: [PolicyInstrument], partners: [Partner]) -> [PolicyInstrument] {
        instruments.sorted { left, right in
            let (l, r) = (rank(partner: left.partner, among: partners), rank(partner: right.partner, among: partners))
            return l != r ? l < r : left.id < right.id
        }
    }

    /// Where a partner's instruments go: the lead partner first, then by partner order, unknown last.
    static func rank(partner: String?, among partners: [Partner]) -> Rank {
        guard let index = partners.firstIndex(where: { $0.id == partner }) else { return Rank(group: 2, index: Int.max) }
        return Rank(group: partners[index].role == .leadPartner ? 0 : 1, index: index)
    }

    /// The place of a partner in the order of instruments.
    struct Rank: Comparable {
        var group: Int
        var index: Int
        static func < (lhs: Rank, rhs: Rank) -> Bool { (lhs.group, lhs.index) < (rhs.group, rhs.index) }
    }
}
