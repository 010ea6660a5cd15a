/// One edition's data under one edition's rules, evaluated for every compared period (one
/// column each, as the matrix builds its columns).
public struct EditionEvaluation: Sendable {
    /// The columns.
    public var columns: [MatrixColumn]
    /// Per column, the results by instrument id.
    public var results: [[String: InstrumentResult]]

    /// Creates an evaluation from its parts.
    package init(columns: [MatrixColumn], results: [[String: InstrumentResult]]) {
        self.columns = columns
        self.results = results
    }

    /// The columns of a comparison: every period that has started by `asOf` (or only `period`),
    /// each evaluated as of its end or `asOf`, whichever is first (as `matrix` does).
    public static func columns(calendar: ReportingCalendar, asOf: Day, period: String?) throws(MatrixError) -> [MatrixColumn] {
        guard let dates = EvaluationDates(asOf: asOf, calendar: calendar) else { throw MatrixError.noReportingPeriods }
        var periods = calendar.periods.filter { $0.start <= dates.asOf }
        if let period {
            guard let chosen = calendar.period(id: period) else {
                throw MatrixError.unknownPeriod(period, known: calendar.periods.map(\.id))
            }
            guard chosen.start <= dates.asOf else { throw MatrixError.periodAfterEvaluationDate(period, asOf: dates.asOf) }
            periods = [chosen]
        }
        return periods.map { MatrixColumn(period: $0, evaluatedAsOf: min($0.end, dates.asOf)) }
    }

    /// Evaluates `project` for every column with `evaluate` (the edition's own calendar gives
    /// the dates; a column outside it is left empty).
    public static func evaluate(
        project: Project, columns: [MatrixColumn], knownOn: Day,
        evaluate: (EvaluationDates) throws -> ProjectEvaluation
    ) rethrows -> EditionEvaluation {
        var results: [[String: InstrumentResult]] = []
        for column in columns {
            guard let dates = EvaluationDates(asOf: column.evaluatedAsOf, knownOn: knownOn, calendar: project.calendar) else {
                results.append([:])
                continue
            }
            results.append(try evaluate(dates).byInstrument)
        }
        return EditionEvaluation(columns: columns, results: results)
    }
}

/// The four evaluations that attribute a change: the earlier and later data, each under the
/// earlier and the later rules.
public struct CounterfactualEvaluations: Sendable {
    /// Earlier data, earlier rules.
    public var base: EditionEvaluation
    /// Later data, earlier rules: what the data alone changes.
    public var dataOnly: EditionEvaluation
    /// Earlier data, later rules: what the rules alone change.
    public var rulesOnly: EditionEvaluation
    /// Later data, later rules.
    public var both: EditionEvaluation

    /// Creates the set (when the rules did not change, `rulesOnly` is `base` and `dataOnly` is
    /// `both`; when the data did not change, the other way round).
    public init(base: EditionEvaluation, dataOnly: EditionEvaluation, rulesOnly: EditionEvaluation, both: EditionEvaluation) {
        self.base = base
        self.dataOnly = dataOnly
        self.rulesOnly = rulesOnly
        self.both = both
    }
}
