/// The reporting calendar of a project: periods of `periodMonths` from the project start, the
/// remainder added to the last period; reports due `reportDueMonths` after each period ends.
public struct ReportingCalendar: Sendable, Hashable, Codable {
    /// The length of a reporting period in months (6: a semester).
    public var periodMonths: Int
    /// How long after its period a report is due, in months.
    public var reportDueMonths: Int
    /// The id of the period of the midterm review, if any.
    public var midtermReview: String?
    /// The periods in order, `P1` first.
    public var periods: [ReportingPeriod]

    /// Derives the calendar of a project running from `start` to `end` (inclusive).
    ///
    /// Periods of `periodMonths` start at `start`; when what is left after the last whole period
    /// is shorter than `periodMonths`, it is added to the last period. Each report is due
    /// `reportDueMonths` after its period ends, the last one on `end`. Each period belongs to the
    /// phase that contains its first day.
    public init(
        start: Day, end: Day, periodMonths: Int, reportDueMonths: Int,
        phases: [Phase] = [], midtermReview: String? = nil
    ) {
        self.periodMonths = periodMonths
        self.reportDueMonths = reportDueMonths
        self.midtermReview = midtermReview
        var periods: [ReportingPeriod] = []
        if periodMonths > 0, start <= end {
            var periodStart = start
            var index = 1
            while periodStart <= end {
                let nextStart = start.adding(months: periodMonths * index)
                let afterNext = start.adding(months: periodMonths * (index + 1))
                // The last period takes the remainder when it is shorter than a whole period.
                let isLast = nextStart > end || afterNext.adding(days: -1) > end
                let periodEnd = isLast ? end : nextStart.adding(days: -1)
                let due = isLast ? end : periodEnd.adding(days: 1).adding(months: reportDueMonths).adding(days: -1)
                let phase = phases.first { $0.start <= periodStart && periodStart <= $0.end }?.id
                periods.append(ReportingPeriod(index: index, start: periodStart, end: periodEnd, phase: phase, reportDue: due))
                if isLast { break }
                periodStart = nextStart
                index += 1
            }
        }
        self.periods = periods
    }

    /// The period that contains `day`, or `nil` when the day is outside the project.
    public func period(containing day: Day) -> ReportingPeriod? {
        periods.first { $0.contains(day) }
    }

    /// The period with id `id` (`P3`), or `nil`.
    public func period(id: String) -> ReportingPeriod? {
        periods.first { $0.id == id }
    }

    enum CodingKeys: String, CodingKey {
        case periodMonths = "period_months", reportDueMonths = "report_due_months"
        case midtermReview = "midterm_review", periods
    }
}
