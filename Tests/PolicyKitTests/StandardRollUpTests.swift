import PolicyKit
import Testing

private typealias F = RuleFixtures

@Suite("Standard rules: instrument roll-up")
struct RollUpRuleTests {
    static let instrument = F.instrument(
        actions: [F.action(id: "a1", updates: [F.update("P5", .completed, .fully, on: "2025-09-01", evidence: ["ev-decision", "ev-report"])])],
        evidence: [F.evidence("ev-decision", .decision, date: "2025-08-20"), F.evidence("ev-report", .report, date: "2025-08-01")])

    static func rollUp(
        _ indicators: [ItemResult], _ actions: [ItemResult], instrument: PolicyInstrument = instrument,
        dates: EvaluationDates = F.dates("2025-10-15")
    ) -> InstrumentResult {
        StandardRules.rollUp(instrument: instrument, project: F.project([instrument]), dates: dates, indicators: indicators, actions: actions)
    }

    static func indicator(_ id: String, _ progress: Double?, _ expected: Double?, _ status: EvaluationStatus) -> ItemResult {
        ItemResult(id: id, kind: .indicator, progress: progress, expected: expected, status: status)
    }

    static func action(_ id: String, _ status: EvaluationStatus) -> ItemResult {
        ItemResult(id: id, kind: .action, status: status)
    }

    @Test("Progress is the mean of clamped indicator progress, expected the mean of the same indicators")
    func means() {
        let result = Self.rollUp([
            Self.indicator("i1", 1.4, 0.5, .achieved), Self.indicator("i2", 0.4, 0.7, .atRisk), Self.indicator("i3", nil, 0.9, .noData),
        ], [])
        #expect(result.progress == 0.7)
        #expect(result.expected == 0.6)
        #expect(result.status == .onTrack)
        #expect(result.explanation.prefix(3) == [
            "progress = mean of 2 of 3 indicators' progress, clamped to 0...1 (i1 1.00, i2 0.40) = 0.70",
            "expected = mean of the same indicators' expected progress (i1 0.50, i2 0.70) = 0.60",
            "indicators: gap = expected 0.60 - progress 0.70 = -0.10 <= 0.10 (onTrackGap): on-track",
        ])
    }

    @Test("Status from rolled progress with the same thresholds", arguments: [
        (0.55, EvaluationStatus.onTrack), (0.45, .atRisk), (0.3, .offTrack), (1.0, .achieved),
    ])
    func thresholds(progress: Double, status: EvaluationStatus) {
        #expect(Self.rollUp([Self.indicator("i1", progress, 0.6, .onTrack)], []).status == status)
    }

    @Test("Actions: a lagging action makes the instrument at best at-risk; achieved needs every judged action achieved")
    func actions() {
        let onTrack = [Self.indicator("i1", 0.6, 0.6, .onTrack)]
        #expect(Self.rollUp(onTrack, [Self.action("a1", .onTrack), Self.action("a2", .offTrack)]).status == .atRisk)
        #expect(Self.rollUp(onTrack, [Self.action("a1", .onTrack), Self.action("a2", .notStarted)]).status == .onTrack)
        let offTrack = [Self.indicator("i1", 0.1, 0.6, .offTrack)]
        #expect(Self.rollUp(offTrack, [Self.action("a1", .achieved)]).status == .offTrack)
        let reached = [Self.indicator("i1", 1, 0.6, .achieved)]
        #expect(Self.rollUp(reached, [Self.action("a1", .achieved)]).status == .achieved)
        #expect(Self.rollUp(reached, [Self.action("a1", .onTrack)]).status == .onTrack)
        // Without indicator progress the worst judged action decides.
        #expect(Self.rollUp([Self.indicator("i1", nil, 0.5, .noData)], [Self.action("a1", .achieved), Self.action("a2", .atRisk)]).status == .atRisk)
    }

    @Test("Error wins; with nothing to judge, not-started or no-data")
    func nothingToJudge() {
        let failed = Self.rollUp([Self.indicator("i1", 0.6, 0.6, .onTrack)], [Self.action("a1", .error)])
        #expect(failed.status == .error)
        #expect(failed.findings.contains(Finding(.error, "The roll-up is error because action a1 could not be evaluated")))
        #expect(Self.rollUp([Self.indicator("i1", nil, 0.05, .notStarted)], [Self.action("a1", .notStarted)]).status == .notStarted)
        #expect(Self.rollUp([], []).status == .notStarted)
        #expect(Self.rollUp([Self.indicator("i1", nil, 0.5, .noData)], [Self.action("a1", .notStarted)]).status == .noData)
    }

    @Test("Improved only with an achieved action citing a decision, call or amendment known on known_on")
    func improved() {
        let achieved = [Self.action("a1", .achieved)]
        let result = Self.rollUp([], achieved)
        #expect(result.improved)
        #expect(result.explanation.last == "improved: yes, achieved with evidence: a1 (ev-decision, decision of 2025-08-20)")
        // Not achieved: no improvement.
        #expect(!Self.rollUp([], [Self.action("a1", .onTrack)]).improved)
        // The decision dated after known_on is not known yet.
        #expect(!Self.rollUp([], achieved, dates: F.dates("2025-10-15", knownOn: "2025-08-10")).improved)
        // Evidence of another kind does not prove an improvement.
        let reportOnly = F.instrument(
            actions: [F.action(id: "a1", updates: [F.update("P5", .completed, .fully, on: "2025-09-01", evidence: ["ev-report"])])],
            evidence: [F.evidence("ev-report", .report, date: "2025-08-01")])
        let withoutProof = Self.rollUp([], achieved, instrument: reportOnly)
        #expect(!withoutProof.improved)
        #expect(withoutProof.findings == [
            Finding(.info, "Action a1 is achieved but cites no decision, call, amended programme or amended strategy dated on or before 2025-10-15: it does not count as an improvement"),
        ])
        #expect(withoutProof.explanation.last == "improved: no, no achieved action cites evidence of kind decision, call, amended-programme or amended-strategy dated on or before 2025-10-15")
    }

    @Test("Illustrative when any item is")
    func illustrative() {
        var item = Self.indicator("i1", 0.5, 0.5, .onTrack)
        #expect(!Self.rollUp([item], []).illustrative)
        item.illustrative = true
        #expect(Self.rollUp([item], []).illustrative)
    }

    @Test("StandardEvaluator evaluates every instrument, in project order")
    func evaluator() {
        let indicator = F.indicator(values: [F.value("P3", 45, on: "2024-10-15")])
        let instrument = F.instrument(indicators: [indicator], actions: Self.instrument.actions, evidence: Self.instrument.evidence)
        let project = F.project([instrument])
        let evaluation = StandardEvaluator.evaluate(project, dates: F.dates("2025-10-15"))
        #expect(evaluation.instruments.map(\.instrumentID) == ["test-instrument"])
        let result = evaluation.instruments[0]
        #expect(result.indicators.map(\.id) == ["ind"])
        #expect(result.actions.map(\.status) == [.achieved])
        #expect(result.improved)
        #expect(result.partnerID == "region")
        #expect(result.evaluatedBy == .standard)
    }
}
