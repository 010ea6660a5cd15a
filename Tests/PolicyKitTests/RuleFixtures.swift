import PolicyKit

/// Small hand-made model values for the tests of the standard rules, on the SECON calendar
/// (P1 starts 2023-03-01; reports due three months after each semester).
enum RuleFixtures {
    /// A day written `YYYY-MM-DD` (the tests only use valid ones).
    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("not a day: \(text)") }
        return day
    }

    /// The SECON reporting calendar: P1 2023-03-01 to P8 ending 2027-05-31.
    static let calendar = ReportingCalendar(
        start: day("2023-03-01"), end: day("2027-05-31"), periodMonths: 6, reportDueMonths: 3)

    /// Dates at `asOf`, known on `knownOn` (default: `asOf`).
    static func dates(_ asOf: String, knownOn: String? = nil) -> EvaluationDates {
        guard let dates = EvaluationDates(asOf: day(asOf), knownOn: knownOn.map(day), calendar: calendar) else {
            fatalError("no dates")
        }
        return dates
    }

    /// A reported number.
    static func value(
        _ period: String, _ number: Double, on reported: String, quality: IndicatorValue.Quality = .approved,
        evidence: [String] = [], note: String? = nil
    ) -> IndicatorValue {
        IndicatorValue(
            period: period, value: .number(number), reportedOn: day(reported), quality: quality,
            source: .cited("monitoring system"), evidence: evidence, note: note)
    }

    /// A reported value of any kind.
    static func value(_ period: String, _ value: MeasureValue, on reported: String) -> IndicatorValue {
        IndicatorValue(period: period, value: value, reportedOn: day(reported), source: .cited("monitoring system"))
    }

    /// A numeric indicator, baseline and target cited (not illustrative).
    static func indicator(
        id: String = "ind", measure: Indicator.Measure = .unit, unit: String = "enterprises",
        ascending: Bool = true, accumulation: Indicator.Accumulation = .cumulative,
        baseline: Double = 0, year: Int = 2023, target: Double = 100, by targetDate: String = "2027-01-01",
        intermediate: [(Double, String)] = [], values: [IndicatorValue] = []
    ) -> Indicator {
        Indicator(
            id: id, title: LocalizedText(en: "Indicator \(id)"), unit: unit, measure: measure,
            ascending: ascending, accumulation: accumulation,
            baseline: .init(value: .number(baseline), year: year, source: .cited("baseline study")),
            target: .init(value: .number(target), date: day(targetDate), source: .cited("programme")),
            intermediateTargets: intermediate.map { .init(value: .number($0.0), date: day($0.1), source: .cited("programme")) },
            values: values)
    }

    /// A qualitative indicator on the scale none < drafted < consulted < adopted.
    static func qualitative(values: [IndicatorValue] = []) -> Indicator {
        Indicator(
            id: "strategy", title: LocalizedText(en: "Strategy"), unit: "level", measure: .qualitative,
            accumulation: .level, scale: ["none", "drafted", "consulted", "adopted"],
            baseline: .init(value: .level("none"), year: 2023, source: .illustrative),
            target: .init(value: .level("adopted"), date: day("2027-01-01"), source: .illustrative),
            values: values)
    }

    /// A milestone indicator.
    static func milestone(values: [IndicatorValue] = []) -> Indicator {
        Indicator(
            id: "observatory", title: LocalizedText(en: "Observatory launched"), unit: "milestone",
            measure: .milestone, accumulation: .level,
            baseline: .init(value: .reached(false), year: 2023, source: .cited("plan")),
            target: .init(value: .reached(true), date: day("2026-06-30"), source: .cited("plan")),
            values: values)
    }

    /// An update.
    static func update(
        _ period: String, _ status: ActionUpdate.Status, _ achievement: ActionUpdate.Achievement? = nil,
        on reported: String, evidence: [String] = [], note: String? = nil
    ) -> ActionUpdate {
        ActionUpdate(period: period, status: status, achievement: achievement, reportedOn: day(reported), note: note, evidence: evidence)
    }

    /// A milestone of an action.
    static func milestone(_ id: String, due: String, done: String? = nil) -> Milestone {
        Milestone(id: id, title: LocalizedText(en: "Milestone \(id)"), due: day(due), doneOn: done.map(day))
    }

    /// An action from 2025-01-01 to 2026-12-31 unless told otherwise.
    static func action(
        id: String = "act", start: String = "2025-01-01", end: String = "2026-12-31",
        milestones: [Milestone] = [], updates: [ActionUpdate] = []
    ) -> ImprovementAction {
        ImprovementAction(
            id: id, title: LocalizedText(en: "Action \(id)"), type: .management, responsible: "Managing authority",
            start: day(start), end: day(end), milestones: milestones, updates: updates)
    }

    /// An instrument running 2021-2029 (unless told otherwise) of partner `region`.
    static func instrument(
        indicators: [Indicator] = [], actions: [ImprovementAction] = [], evidence: [Evidence] = [],
        period: (String, String) = ("2021-01-01", "2029-12-31")
    ) -> PolicyInstrument {
        PolicyInstrument(
            id: "test-instrument", partner: "region", title: LocalizedText(en: "Test instrument"), kind: .other,
            managingAuthority: "Managing authority", period: DayInterval(start: day(period.0), end: day(period.1)),
            indicators: indicators, actions: actions, evidence: evidence)
    }

    /// A project around `instruments`.
    static func project(_ instruments: [PolicyInstrument]) -> Project {
        Project(
            id: "test", acronym: "TEST", name: "Test project", programme: "Interreg Europe", reference: "00",
            start: day("2023-03-01"), end: day("2027-05-31"), phases: [], calendar: calendar,
            partners: [Partner(id: "region", name: LocalizedText(en: "Region"), country: "GR", role: .leadPartner)],
            instruments: instruments)
    }

    /// Evaluates one indicator in an instrument of its own.
    static func evaluate(_ indicator: Indicator, _ dates: EvaluationDates, period: (String, String) = ("2021-01-01", "2029-12-31")) -> ItemResult {
        let instrument = instrument(indicators: [indicator], period: period)
        return StandardRules.evaluate(indicator: indicator, in: instrument, project: project([instrument]), dates: dates)
    }

    /// Evaluates one action in an instrument of its own.
    static func evaluate(_ action: ImprovementAction, _ dates: EvaluationDates) -> ItemResult {
        let instrument = instrument(actions: [action])
        return StandardRules.evaluate(action: action, in: instrument, project: project([instrument]), dates: dates)
    }

    /// An evidence entry.
    static func evidence(_ id: String, _ kind: Evidence.Kind, date: String) -> Evidence {
        Evidence(id: id, title: LocalizedText(en: "Evidence \(id)"), kind: kind, url: "https://example.org/\(id)", date: day(date))
    }
}
