/// What is due in one period's report and what was received, per partner and instrument: the
/// lead partner's "who has not reported yet".
///
/// For the period, each instrument owes a value of every indicator that is due by its
/// reporting frequency (``Indicator/periodsDue(in:from:reported:)``) and an update of every
/// action that runs during the period and was not completed or cancelled before it. The report
/// is due on the period's ``ReportingPeriod/reportDue`` (three months after it ends; the last one
/// on the project's end date). What was reported after the knowledge date does not count.
public struct ReportingCompleteness: Sendable, Hashable {
    /// The version of the JSON output's schema.
    public static let schemaVersion = 1

    /// One indicator value or action update the period's report should hold (or holds though it
    /// was not due).
    public struct Item: Sendable, Hashable {
        /// Indicator or action.
        public enum Kind: String, Sendable, Hashable {
            /// An indicator value.
            case indicator
            /// An action update.
            case action
        }

        /// The indicator or action id.
        public var id: String
        /// Indicator or action.
        public var kind: Kind
        /// The title.
        public var title: LocalizedText
        /// Whether the period's report must hold it.
        public var isDue: Bool
        /// The day it was first reported for the period, if it was (as known on the knowledge date).
        public var reportedOn: Day?
        /// The evidence ids its entries for the period cite.
        public var evidence: [String]

        /// Creates an item.
        init(id: String, kind: Kind, title: LocalizedText, isDue: Bool, reportedOn: Day?, evidence: [String] = []) {
            self.id = id
            self.kind = kind
            self.title = title
            self.isDue = isDue
            self.reportedOn = reportedOn
            self.evidence = evidence
        }

        /// Whether it was received.
        public var isReceived: Bool { reportedOn != nil }
        /// Whether it is due and was not received.
        public var isMissing: Bool { isDue && reportedOn == nil }
    }

    /// One instrument: its items, or why its file could not be read.
    public struct Instrument: Sendable, Hashable {
        /// The instrument id.
        public var id: String
        /// The title.
        public var title: LocalizedText
        /// The indicator values and action updates, indicators first, in file order.
        public var items: [Item]
        /// The instrument file's errors (count and the first) when it failed to load, else `nil`.
        public var loadError: String?

        /// Creates an instrument's completeness.
        init(id: String, title: LocalizedText, items: [Item], loadError: String? = nil) {
            self.id = id
            self.title = title
            self.items = items
            self.loadError = loadError
        }

        /// The items due.
        public var due: [Item] { items.filter(\.isDue) }
        /// The items due and received.
        public var received: [Item] { items.filter { $0.isDue && $0.isReceived } }
        /// The items due and not received.
        public var missing: [Item] { items.filter(\.isMissing) }
        /// The number of evidence references cited by what was received.
        public var evidenceCited: Int { items.reduce(0) { $0 + $1.evidence.count } }
        /// Whether everything due was received (and the file loaded).
        public var isComplete: Bool { loadError == nil && missing.isEmpty }
        /// The first day something was reported for the period, if any.
        public var firstReportedOn: Day? { items.compactMap(\.reportedOn).min() }
        /// The last day something was reported for the period, if any.
        public var lastReportedOn: Day? { items.compactMap(\.reportedOn).max() }
    }

    /// One partner's instruments.
    public struct Partner: Sendable, Hashable {
        /// The partner.
        public var partner: PolicyKit.Partner
        /// Its instruments, by id.
        public var instruments: [Instrument]

        /// Creates a partner's completeness.
        init(partner: PolicyKit.Partner, instruments: [Instrument]) {
            self.partner = partner
            self.instruments = instruments
        }

        /// Whether every instrument is complete.
        public var isComplete: Bool { instruments.allSatisfy(\.isComplete) }
    }

    /// The project.
    public var project: Project
    /// The period whose report is looked at.
    public var period: ReportingPeriod
    /// The day of the look (days late are counted to it).
    public var asOf: Day
    /// The knowledge date: what was reported after it does not count.
    public var knownOn: Day
    /// The partners with an instrument, lead partner first (a partner with none is left out).
    public var partners: [Partner]

    /// Creates a completeness from its parts.
    init(project: Project, period: ReportingPeriod, asOf: Day, knownOn: Day, partners: [Partner]) {
        self.project = project
        self.period = period
        self.asOf = asOf
        self.knownOn = knownOn
        self.partners = partners
    }

    /// The day the period's report is due.
    public var dueDate: Day { period.reportDue }

    /// Whether the due date has passed on ``asOf``.
    public var isPastDue: Bool { asOf > dueDate }

    /// Days from the due date to `day` (positive: late), or from the due date to ``asOf`` when
    /// `day` is `nil` and the due date has passed.
    public func daysLate(_ day: Day?) -> Int? {
        if let day { return dueDate.days(to: day) > 0 ? dueDate.days(to: day) : nil }
        return isPastDue ? dueDate.days(to: asOf) : nil
    }

    /// Whether every partner is complete.
    public var isComplete: Bool { partners.allSatisfy(\.isComplete) }

    /// The latest period whose report is due on or before `day`, or `nil` before the first one is.
    public static func latestDuePeriod(in calendar: ReportingCalendar, asOf day: Day) -> ReportingPeriod? {
        calendar.periods.last { $0.reportDue <= day }
    }

    /// Works out what `period`'s report owes and holds, per partner and instrument.
    ///
    /// - Parameters:
    ///   - project: The project with its instruments.
    ///   - failedInstruments: Instrument files that did not load: each is incomplete, with its errors.
    ///   - period: The period whose report is looked at.
    ///   - asOf: The day of the look (days late are counted to it).
    ///   - knownOn: What was reported after it does not count (default: `asOf`).
    public static func build(project: Project, failedInstruments: [FailedInstrument] = [], period: ReportingPeriod,
                             asOf: Day, knownOn: Day? = nil) -> ReportingCompleteness {
        let knownOn = knownOn ?? asOf
        var rows: [(partner: String?, instrument: Instrument)] = project.instruments.map { instrument in
            (instrument.partner, Self.instrument(instrument, period: period, calendar: project.calendar, knownOn: knownOn))
        }
        rows += failedInstruments.map { failed in
            (failed.partnerID, Instrument(id: failed.id, title: failed.title ?? LocalizedText(en: failed.id), items: [],
                                          loadError: failed.summary))
        }
        rows.sort { (Project.rank(partner: $0.partner, among: project.partners), $0.instrument.id)
            < (Project.rank(partner: $1.partner, among: project.partners), $1.instrument.id) }
        var partners: [Partner] = []
        for row in rows {
            let id = row.partner ?? ""
            if let last = partners.indices.last, partners[last].partner.id == id {
                partners[last].instruments.append(row.instrument)
            } else {
                let partner = project.partner(id: id) ?? PolicyKit.Partner.placeholder(id: id)
                partners.append(Partner(partner: partner, instruments: [row.instrument]))
            }
        }
        return ReportingCompleteness(project: project, period: period, asOf: asOf, knownOn: knownOn, partners: partners)
    }

    /// One instrument's items for `period`.
    static func instrument(_ instrument: PolicyInstrument, period: ReportingPeriod, calendar: ReportingCalendar, knownOn: Day) -> Instrument {
        var items: [Item] = []
        for indicator in instrument.indicators {
            let known = indicator.values.filter { $0.reportedOn <= knownOn }
            let earlier = Set(known.compactMap { value -> String? in
                guard let number = ReportingPeriod.number(fromID: value.period), number < period.index else { return nil }
                return value.period
            })
            let start = StandardRules.timelineStart(for: indicator, instrumentStart: instrument.period.start)
            let due = indicator.periodsDue(in: calendar, from: start, reported: earlier).contains { $0.id == period.id }
            let entries = known.filter { $0.period == period.id }
            guard due || !entries.isEmpty else { continue }
            items.append(Item(id: indicator.id, kind: .indicator, title: indicator.title, isDue: due,
                              reportedOn: entries.map(\.reportedOn).min(), evidence: uniqued(entries.flatMap(\.evidence))))
        }
        for action in instrument.actions {
            let known = action.updates.filter { $0.reportedOn <= knownOn }
            let entries = known.filter { $0.period == period.id }
            let closedBefore = known.contains { update in
                guard let number = ReportingPeriod.number(fromID: update.period), number < period.index else { return false }
                return update.status == .completed || update.status == .cancelled
            }
            let due = action.start <= period.end && action.end >= period.start && !closedBefore
            guard due || !entries.isEmpty else { continue }
            items.append(Item(id: action.id, kind: .action, title: action.title, isDue: due,
                              reportedOn: entries.map(\.reportedOn).min(), evidence: uniqued(entries.flatMap(\.evidence))))
        }
        return Instrument(id: instrument.id, title: instrument.title, items: items)
    }

    private static func uniqued(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
