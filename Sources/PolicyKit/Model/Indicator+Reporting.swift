extension Indicator {
    /// How often an indicator is reported: which periods' reports must carry a value of it.
    public enum Reporting: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every reporting period (the default).
        case semester
        /// Once a year: the periods that hold the indicator's ``Indicator/referenceDay`` (by
        /// default 31 December) of some year (from the start of the indicator's timeline).
        case annual
        /// One value: due in the period that holds the target date (the last period when the
        /// target is later); nothing is due once any value is reported.
        case once
        /// Only in the last reporting period (counted at the end, such as RCO83 and RCR79).
        case atEnd = "at-end"
    }

    /// A day of the year without the year (`12-31`), the day an annual statistic refers to.
    public struct YearDay: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The month, 1 to 12.
        public var month: Int
        /// The day of the month; 29 February is not allowed (it is not in every year).
        public var day: Int

        /// 31 December.
        public static let endOfYear = YearDay(month: 12, day: 31)!

        /// Creates a day of the year, or `nil` when no year (or not every year) has it.
        public init?(month: Int, day: Int) {
            guard (1...12).contains(month), day >= 1, day <= Day.numberOfDays(inMonth: month, year: 2001) else { return nil }
            self.month = month
            self.day = day
        }

        /// Reads `MM-DD`.
        public init?(_ text: some StringProtocol) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
                  let month = Int(parts[0]), let day = Int(parts[1]) else { return nil }
            self.init(month: month, day: day)
        }

        /// `MM-DD`.
        public var description: String {
            (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
        }

        /// Whether `period` holds this day of some year, on or after `start` when given.
        public func isIn(_ period: ReportingPeriod, onOrAfter start: Day? = nil) -> Bool {
            guard period.start <= period.end else { return false }
            return (period.start.year...period.end.year).contains { year in
                guard let day = Day(year: year, month: month, day: day) else { return false }
                return period.contains(day) && start.map { day >= $0 } ?? true
            }
        }
    }

    /// The periods of `calendar` whose report must carry a value of this indicator, following
    /// ``reporting``: periods that end before `start` (the indicator's timeline start) need
    /// none, and for ``Reporting/once`` none is due once `reported` (the periods with a value)
    /// is not empty.
    public func periodsDue(in calendar: ReportingCalendar, from start: Day, reported: Set<String>) -> [ReportingPeriod] {
        let periods = calendar.periods.filter { $0.end >= start }
        switch reporting {
        case .semester:
            return periods
        case .annual:
            return periods.filter { (referenceDay ?? .endOfYear).isIn($0, onOrAfter: start) }
        case .atEnd:
            return calendar.periods.last.map { [$0] } ?? []
        case .once:
            guard reported.isEmpty, let last = calendar.periods.last else { return [] }
            let due = calendar.periods.first { $0.contains(target.date) } ?? (target.date > last.end ? last : periods.first)
            return due.map { [$0] } ?? []
        }
    }
}
