/// The progress matrix of a project: the instruments grouped by partner (lead partner first),
/// one column per reporting period up to the evaluation date (or one period in detail), and a
/// project row. It does not care who evaluates:
/// ``build(project:failedInstruments:dates:detail:evaluate:)-63dbe`` takes the evaluation as a
/// function (the standard rules, the Lua plugins, or results the app keeps, such as decoded JSON).
public struct ProgressMatrix: Sendable, Hashable {
    /// The version of the JSON output's schema (see the ProgressMatrix article).
    public static let schemaVersion = 1

    /// Which layout the matrix has.
    public enum View: String, Sendable, Hashable {
        /// One column per reporting period up to the evaluation date.
        case periods
        /// One period in detail: indicators, actions, evidence, findings.
        case periodDetail = "period-detail"
    }

    /// The project.
    public var project: Project
    /// The layout.
    public var view: View
    /// The evaluation date (clamped to the project).
    public var asOf: Day
    /// The knowledge date: what was reported after it is not shown.
    public var knownOn: Day
    /// The period containing the evaluation date.
    public var currentPeriod: ReportingPeriod
    /// The later knowledge date the cells are compared with (the evaluation date when the
    /// knowledge date is earlier), or `nil` when there is no comparison.
    public var comparedWith: Day?
    /// The period columns.
    public var columns: [MatrixColumn]
    /// The rows by partner, lead partner first; partners without an instrument are left out.
    public var groups: [MatrixPartnerGroup]
    /// The project row.
    public var projectRow: MatrixProjectRow
    /// Whether any cell or item shown is `error`.
    public var hasErrors: Bool

    /// Creates a matrix from its parts.
    init(project: Project, view: View, asOf: Day, knownOn: Day, currentPeriod: ReportingPeriod, comparedWith: Day?,
                columns: [MatrixColumn], groups: [MatrixPartnerGroup], projectRow: MatrixProjectRow, hasErrors: Bool) {
        self.project = project
        self.view = view
        self.asOf = asOf
        self.knownOn = knownOn
        self.currentPeriod = currentPeriod
        self.comparedWith = comparedWith
        self.columns = columns
        self.groups = groups
        self.projectRow = projectRow
        self.hasErrors = hasErrors
    }

    /// All rows, in order.
    public var rows: [MatrixRow] { groups.flatMap(\.rows) }

    /// Whether any number shown is illustrative.
    public var hasIllustrativeNumbers: Bool {
        rows.contains { row in
            row.cells.contains(where: \.illustrative)
                || (row.detail.map { ($0.indicators + $0.actions).contains(where: \.illustrative) } ?? false)
        } || projectRow.commonIndicators.contains { $0.sums.contains { $0?.illustrative == true } || $0.targetIllustrative }
    }

    /// Whether any cell, item or sum shown changed with reports received after the knowledge date.
    public var hasChanges: Bool {
        rows.contains { row in
            row.cells.contains(where: \.isChanged)
                || (row.detail.map { ($0.indicators + $0.actions).contains(where: \.isChanged) } ?? false)
        } || projectRow.improvedLater.contains { $0 != nil }
            || projectRow.commonIndicators.contains { $0.sums.contains { $0?.later != nil } }
    }

    /// Builds the matrix: evaluates the project once per period column (at the period's end, or
    /// at `asOf` for the current period, as known on `knownOn`) and, when `knownOn` is earlier
    /// than `asOf`, once more per column as known on `asOf`, so that changed cells are marked.
    ///
    /// ```swift
    /// // as of the end of P6, every period up to it, through the region plugins
    /// let dates = EvaluationDates(period: "P6", calendar: project.calendar)!
    /// let matrix = try ProgressMatrix.build(project: project, dates: dates) { evaluator.evaluate(dates: $0) }
    /// ```
    ///
    /// - Parameters:
    ///   - project: The project with its instruments.
    ///   - failedInstruments: Instrument files that failed to load
    ///     (``ProjectLoadResult/failedInstruments``): each becomes a row in error in every column,
    ///     with its file's first error, counted as not evaluated in the project row.
    ///   - dates: The evaluation and knowledge dates (``EvaluationDates/init(period:knownOn:calendar:)``
    ///     for "as of the end of a period").
    ///   - detail: A period id (`P5`) to show that one period in detail (its indicators,
    ///     actions and findings) instead of one column per period up to `dates.asOf`.
    ///   - evaluate: Evaluates the whole project at given dates; called in column order.
    /// - Throws: ``MatrixError`` for a bad period, or what `evaluate` throws.
    public static func build(
        project: Project, failedInstruments: [FailedInstrument] = [], dates: EvaluationDates, detail: String? = nil,
        evaluate: (EvaluationDates) throws -> ProjectEvaluation
    ) throws -> ProgressMatrix {
        try build(project: project, failedInstruments: failedInstruments, asOf: dates.asOf, knownOn: dates.knownOn, detail: detail,
                  evaluate: evaluate)
    }

    /// Builds the matrix as of `asOf` (clamped to the project) as known on `knownOn` (default:
    /// `asOf`); see ``build(project:failedInstruments:dates:detail:evaluate:)-63dbe``.
    public static func build(
        project: Project, failedInstruments: [FailedInstrument] = [], asOf: Day, knownOn: Day? = nil, detail: String? = nil,
        evaluate: (EvaluationDates) throws -> ProjectEvaluation
    ) throws -> ProgressMatrix {
        let plan = try Plan(project: project, failedInstruments: failedInstruments, asOf: asOf, knownOn: knownOn, detail: detail)
        return plan.assemble(try plan.requests.map(evaluate))
    }

    /// Builds the matrix with an asynchronous evaluator (such as PolicyLua's
    /// `PluginEvaluator.evaluate(dates:) async`), evaluating the columns one after another; see
    /// ``build(project:failedInstruments:dates:detail:evaluate:)-63dbe``.
    public static func build(
        project: Project, failedInstruments: [FailedInstrument] = [], dates: EvaluationDates, detail: String? = nil,
        evaluate: (EvaluationDates) async throws -> ProjectEvaluation
    ) async throws -> ProgressMatrix {
        let plan = try Plan(project: project, failedInstruments: failedInstruments, asOf: dates.asOf, knownOn: dates.knownOn,
                            detail: detail)
        var evaluations: [ProjectEvaluation] = []
        for request in plan.requests { evaluations.append(try await evaluate(request)) }
        return plan.assemble(evaluations)
    }

    /// What a matrix needs evaluated (the columns and, for each, the dates), and how the
    /// evaluations become the matrix: the same for the synchronous and the asynchronous build.
    private struct Plan {
        let project: Project
        let failedInstruments: [FailedInstrument]
        let dates: EvaluationDates
        let detail: String?
        let comparedWith: Day?
        let columns: [MatrixColumn]
        /// Per column, as known on `knownOn`, then (when `comparedWith` is set) as known on it.
        let requests: [EvaluationDates]

        init(project: Project, failedInstruments: [FailedInstrument], asOf: Day, knownOn: Day?, detail: String?) throws {
            let calendar = project.calendar
            guard let dates = EvaluationDates(asOf: asOf, knownOn: knownOn, calendar: calendar) else {
                throw MatrixError.noReportingPeriods
            }
            let periods: [ReportingPeriod]
            if let detail {
                guard let chosen = calendar.period(id: detail) else {
                    throw MatrixError.unknownPeriod(detail, known: calendar.periods.map(\.id))
                }
                guard chosen.start <= dates.asOf else { throw MatrixError.periodAfterEvaluationDate(detail, asOf: dates.asOf) }
                periods = [chosen]
            } else {
                periods = calendar.periods.filter { $0.start <= dates.asOf }
            }
            let comparedWith = dates.knownOn < dates.asOf ? dates.asOf : nil
            let columns = periods.map { MatrixColumn(period: $0, evaluatedAsOf: min($0.end, dates.asOf)) }
            var requests: [EvaluationDates] = []
            for column in columns {
                guard let columnDates = EvaluationDates(asOf: column.evaluatedAsOf, knownOn: dates.knownOn, calendar: calendar) else {
                    throw MatrixError.noReportingPeriods
                }
                requests.append(columnDates)
                if let comparedWith {
                    guard let laterDates = EvaluationDates(asOf: column.evaluatedAsOf, knownOn: comparedWith, calendar: calendar) else {
                        throw MatrixError.noReportingPeriods
                    }
                    requests.append(laterDates)
                }
            }
            (self.project, self.failedInstruments, self.dates, self.detail, self.comparedWith, self.columns, self.requests)
                = (project, failedInstruments, dates, detail, comparedWith, columns, requests)
        }

        /// The matrix from the evaluations of ``requests``, in their order.
        func assemble(_ all: [ProjectEvaluation]) -> ProgressMatrix {
            let period = detail
            let step = comparedWith == nil ? 1 : 2
            let evaluations = stride(from: 0, to: all.count, by: step).map { all[$0] }
            let laterEvaluations: [ProjectEvaluation?] = stride(from: 0, to: all.count, by: step).map { step == 2 ? all[$0 + 1] : nil }
            // results by instrument id, per column: looked up once per instrument and column
            let results = evaluations.map(\.byInstrument)
            let laterResults = laterEvaluations.map { $0?.byInstrument }
            var groups: [MatrixPartnerGroup] = []
            var improved = Array(repeating: 0, count: columns.count)
            var improvedLater = Array(repeating: 0, count: columns.count)
            func append(_ row: MatrixRow) {
                if let last = groups.indices.last, groups[last].partner.id == row.partnerID {
                    groups[last].rows.append(row)
                } else {
                    let partner = project.partner(id: row.partnerID) ?? Partner.placeholder(id: row.partnerID)
                    groups.append(MatrixPartnerGroup(partner: partner, rows: [row]))
                }
            }
            // The failed files' rows go where their instrument would be (by partner, then id).
            var failed = failedInstruments.sorted { (Project.rank(partner: $0.partnerID, among: project.partners), $0.id)
                < (Project.rank(partner: $1.partnerID, among: project.partners), $1.id) }
            func appendFailed(before instrument: PolicyInstrument?) {
                while let first = failed.first {
                    if let instrument {
                        let (rank, other) = (Project.rank(partner: first.partnerID, among: project.partners),
                                             Project.rank(partner: instrument.partner, among: project.partners))
                        guard (rank, first.id) < (other, instrument.id) else { return }
                    }
                    failed.removeFirst()
                    append(MatrixRow(failed: first, columns: columns))
                }
            }
            for instrument in project.instruments {
                appendFailed(before: instrument)
                var cells: [MatrixCell] = []
                for (index, column) in columns.enumerated() {
                    let result = results[index][instrument.id]
                    var cell = MatrixCell(period: column.period.id, result: result)
                    if let later = laterResults[index] {
                        let laterResult = later[instrument.id]
                        cell.later = cell.later(from: laterResult)
                        if laterResult?.improved == true { improvedLater[index] += 1 }
                    }
                    if cell.improved { improved[index] += 1 }
                    cells.append(cell)
                }
                var detail: MatrixInstrumentDetail?
                if period != nil, let column = columns.last {
                    detail = MatrixInstrumentDetail(
                        instrument: instrument, period: column.period, knownOn: dates.knownOn, laterKnownOn: comparedWith,
                        result: results.last?[instrument.id],
                        later: laterResults.last??[instrument.id])
                }
                let evaluatedBy = results.last?[instrument.id]?.evaluatedBy.plugin ?? "standard"
                append(MatrixRow(instrumentID: instrument.id, title: instrument.title, partnerID: instrument.partner,
                                 evaluatedBy: evaluatedBy, cells: cells, detail: detail, latest: results.last?[instrument.id]))
            }
            appendFailed(before: nil)
            let projectRow = MatrixProjectRow(
                instrumentCount: project.instruments.count + failedInstruments.count,
                evaluatedCount: project.instruments.count,
                improved: improved,
                improvedLater: columns.indices.map { comparedWith != nil && improvedLater[$0] != improved[$0] ? improvedLater[$0] : nil },
                commonIndicators: MatrixCommonIndicator.all(project: project, columns: columns, knownOn: dates.knownOn,
                                                            laterKnownOn: comparedWith))
            let hasErrors = !failedInstruments.isEmpty || evaluations.contains { $0.hasErrors }
                || groups.contains { $0.rows.contains { $0.cells.contains { $0.status == .error } } }
            return ProgressMatrix(project: project, view: period == nil ? .periods : .periodDetail, asOf: dates.asOf,
                                  knownOn: dates.knownOn, currentPeriod: dates.period, comparedWith: comparedWith,
                                  columns: columns, groups: groups, projectRow: projectRow, hasErrors: hasErrors)
        }
    }
}
