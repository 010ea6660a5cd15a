/// A period column of the matrix: the period and the day it was evaluated as of (its end, or the
/// evaluation date for the current period).
public struct MatrixColumn: Sendable, Hashable {
    /// The reporting period.
    public var period: ReportingPeriod
    /// The day the column was evaluated as of.
    public var evaluatedAsOf: Day

    /// Creates a column.
    init(period: ReportingPeriod, evaluatedAsOf: Day) {
        self.period = period
        self.evaluatedAsOf = evaluatedAsOf
    }

    /// Whether the column is the period that contains the evaluation date (still running).
    public var isCurrent: Bool { evaluatedAsOf < period.end }
}
