/// When an evaluation looks at the project: the evaluation date and the knowledge date.
///
/// `asOf` says which periods count (every period up to the one containing it); `knownOn` says
/// what was known: values and updates reported after it are invisible, and per period the latest
/// correction reported on or before it wins. Same files and same dates give the same results.
public struct EvaluationDates: Sendable, Hashable, Codable {
    /// The evaluation date (clamped to the project).
    public var asOf: Day
    /// The knowledge date (default: `asOf`).
    public var knownOn: Day
    /// The reporting period containing `asOf`.
    public var period: ReportingPeriod

    /// Creates dates for a project: `asOf` is clamped to the project's start and end;
    /// `knownOn` defaults to `asOf`. Returns `nil` if the calendar has no period at all.
    public init?(asOf: Day, knownOn: Day? = nil, calendar: ReportingCalendar) {
        guard let first = calendar.periods.first, let last = calendar.periods.last else { return nil }
        let clamped = min(max(asOf, first.start), last.end)
        guard let period = calendar.period(containing: clamped) else { return nil }
        self.asOf = clamped
        self.knownOn = knownOn ?? clamped
        self.period = period
    }
}
