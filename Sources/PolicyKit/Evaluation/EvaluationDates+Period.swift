extension EvaluationDates {
    /// Creates dates for the end of a reporting period (`as_of` given as a period id such as
    /// `P4`): `asOf` is the period's last day, `knownOn` defaults to it. Returns `nil` for an
    /// unknown period.
    public init?(period id: String, knownOn: Day? = nil, calendar: ReportingCalendar) {
        guard let period = calendar.period(id: id) else { return nil }
        self.init(asOf: period.end, knownOn: knownOn, calendar: calendar)
    }
}
