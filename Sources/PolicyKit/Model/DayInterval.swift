/// A closed range of days, from `start` to `end` inclusive.
public struct DayInterval: Sendable, Hashable, Codable {
    /// The first day.
    public var start: Day
    /// The last day (not before `start` in valid data).
    public var end: Day

    /// Creates an interval from its first and last day.
    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    /// Whether `day` lies between `start` and `end`, both included.
    public func contains(_ day: Day) -> Bool {
        start <= day && day <= end
    }

    /// The number of days in the interval, both ends included (0 when `end` is before `start`).
    public var numberOfDays: Int {
        max(0, start.days(to: end) + 1)
    }
}
