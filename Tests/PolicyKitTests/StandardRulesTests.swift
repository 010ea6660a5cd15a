import PolicyKit
import Testing

private typealias F = RuleFixtures

/// Whether two numbers agree to nine decimals.
private func close(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) < 1e-9
}

@Suite("Standard rules: progress")
struct ProgressRuleTests {
    @Test("Numbers progress linearly from baseline to target")
    func ascending() {
        let indicator = F.indicator(baseline: 20, target: 120)
        #expect(close(StandardRules.progress(of: .number(45), for: indicator), 0.25))
        #expect(close(StandardRules.progress(of: .number(10), for: indicator), -0.1))
        #expect(close(StandardRules.progress(of: .number(150), for: indicator), 1.3))
    }

    @Test("A descending indicator progresses as the value falls")
    func descending() {
        let indicator = F.indicator(measure: .percentage, unit: "%", ascending: false, accumulation: .level, baseline: 18.4, target: 15)
        #expect(close(StandardRules.progress(of: .number(16.7), for: indicator), 0.5))
        #expect(close(StandardRules.progress(of: .number(15), for: indicator), 1))
        #expect((StandardRules.progress(of: .number(19), for: indicator) ?? 0) < 0)
    }

    @Test("A target equal to the baseline is met at or on the better side of it")
    func targetEqualsBaseline() {
        let up = F.indicator(baseline: 5, target: 5)
        #expect(StandardRules.progress(of: .number(5), for: up) == 1)
        #expect(StandardRules.progress(of: .number(6), for: up) == 1)
        #expect(StandardRules.progress(of: .number(4), for: up) == 0)
        let down = F.indicator(ascending: false, baseline: 5, target: 5)
        #expect(StandardRules.progress(of: .number(4), for: down) == 1)
        #expect(StandardRules.progress(of: .number(6), for: down) == 0)
    }

    @Test("Percentages are numbers from 0 to 100")
    func percentage() {
        let indicator = F.indicator(measure: .percentage, unit: "%", accumulation: .level, baseline: 5.5, target: 25)
        #expect(close(StandardRules.progress(of: .number(15.25), for: indicator), 0.5))
    }

    @Test("Qualitative values progress by their position on the scale")
    func qualitative() {
        let indicator = F.qualitative()
        #expect(StandardRules.progress(of: .level("none"), for: indicator) == 0)
        #expect(close(StandardRules.progress(of: .level("drafted"), for: indicator), 1.0 / 3))
        #expect(close(StandardRules.progress(of: .level("consulted"), for: indicator), 2.0 / 3))
        #expect(StandardRules.progress(of: .level("adopted"), for: indicator) == 1)
        #expect(StandardRules.progress(of: .level("rejected"), for: indicator) == nil)
        #expect(StandardRules.progress(of: .number(2), for: indicator) == nil)
    }

    @Test("A milestone is 1 when reached, else 0")
    func milestone() {
        let indicator = F.milestone()
        #expect(StandardRules.progress(of: .reached(true), for: indicator) == 1)
        #expect(StandardRules.progress(of: .reached(false), for: indicator) == 0)
        #expect(StandardRules.progress(of: .level("x"), for: indicator) == nil)
    }
}

@Suite("Standard rules: current value")
struct CurrentValueRuleTests {
    static let values = [
        F.value("P1", 10, on: "2023-10-01"), F.value("P2", 25, on: "2024-03-15"), F.value("P3", 40, on: "2024-10-01"),
    ]

    @Test("Cumulative values are totals: the latest, never summed")
    func cumulative() {
        let indicator = F.indicator(accumulation: .cumulative, baseline: 5, values: Self.values)
        #expect(StandardRules.currentValue(of: indicator, dates: F.dates("2024-12-15")) == .number(40))
        #expect(StandardRules.latestValue(of: indicator, dates: F.dates("2024-12-15"))?.period == "P3")
    }

    @Test("Incremental values are summed onto the baseline")
    func incremental() {
        let indicator = F.indicator(accumulation: .incremental, baseline: 5, values: Self.values)
        #expect(StandardRules.currentValue(of: indicator, dates: F.dates("2024-12-15")) == .number(80))
        #expect(StandardRules.currentValue(of: indicator, dates: F.dates("2024-06-01")) == .number(40))
        let result = F.evaluate(indicator, F.dates("2024-12-15"))
        #expect(result.explanation.contains("current value: baseline + values of P1 to P3 = 5 + 10 + 25 + 40 = 80 enterprises (incremental)"))
    }

    @Test("Level values are states: the latest")
    func level() {
        let indicator = F.indicator(accumulation: .level, values: [F.value("P1", 30, on: "2023-10-01"), F.value("P2", 25, on: "2024-03-15")])
        #expect(StandardRules.currentValue(of: indicator, dates: F.dates("2024-06-01")) == .number(25))
    }

    @Test("Only periods up to the evaluation period, as known on known_on, are visible")
    func visibility() {
        let indicator = F.indicator(accumulation: .incremental, values: Self.values)
        // P3 was reported by 2025-01-01 but lies after the evaluation period P2.
        let dates = F.dates("2024-02-29", knownOn: "2025-01-01")
        #expect(dates.period.id == "P2")
        #expect(StandardRules.currentValue(of: indicator, dates: dates) == .number(35))
        // As known on 2024-01-01 only P1 had been reported.
        #expect(StandardRules.currentValue(of: indicator, dates: F.dates("2024-06-01", knownOn: "2024-01-01")) == .number(10))
        #expect(StandardRules.currentValue(of: indicator, dates: F.dates("2023-09-30")) == nil)
    }
}

@Suite("Standard rules: expected progress")
struct ExpectedProgressRuleTests {
    @Test("Time elapsed from 1 January of the baseline year to the target date, clamped")
    func linear() {
        let indicator = F.indicator(year: 2023, by: "2027-01-01")
        #expect(close(StandardRules.expectedProgress(for: indicator, on: F.day("2025-01-01")), 731.0 / 1461))
        #expect(StandardRules.expectedProgress(for: indicator, on: F.day("2022-06-01")) == 0)
        #expect(StandardRules.expectedProgress(for: indicator, on: F.day("2027-01-01")) == 1)
        #expect(StandardRules.expectedProgress(for: indicator, on: F.day("2028-01-01")) == 1)
    }

    @Test("The instrument's start counts when it is later than the baseline year")
    func instrumentStart() {
        let indicator = F.indicator(year: 2020, by: "2027-01-01")
        let expected = StandardRules.expectedProgress(for: indicator, on: F.day("2025-01-01"), instrumentStart: F.day("2023-01-01"))
        #expect(close(expected, 731.0 / 1461))
        #expect(StandardRules.timelineStart(for: indicator, instrumentStart: F.day("2019-05-01")) == F.day("2020-01-01"))
    }

    @Test("With intermediate targets the expected value is interpolated between the known points")
    func intermediateTargets() {
        let indicator = F.indicator(baseline: 0, year: 2024, target: 120, by: "2026-01-01", intermediate: [(40, "2025-01-01")])
        #expect(close(StandardRules.expectedProgress(for: indicator, on: F.day("2024-07-01")), 40.0 * 182 / 366 / 120))
        #expect(close(StandardRules.expectedProgress(for: indicator, on: F.day("2025-01-01")), 40.0 / 120))
        #expect(close(StandardRules.expectedProgress(for: indicator, on: F.day("2025-07-02")), (40 + 80.0 * 182 / 365) / 120))
        let result = F.evaluate(indicator, F.dates("2025-07-02"))
        #expect(result.explanation.contains(
            "expected value on 2025-07-02 = 40 enterprises (the intermediate target, 2025-01-01) + 182 of 365 days towards 120 enterprises (the target, 2026-01-01) = 79.89 enterprises; expected = its progress, 0.67"))
    }

    @Test("A descending indicator's intermediate targets convert through its progress")
    func descendingIntermediate() {
        let indicator = F.indicator(ascending: false, accumulation: .level, baseline: 20, year: 2024, target: 10, by: "2026-01-01", intermediate: [(12, "2025-01-01")])
        // 12 on 2025-01-01 is 80% of the way from 20 to 10.
        #expect(close(StandardRules.expectedProgress(for: indicator, on: F.day("2025-01-01")), 0.8))
    }
}

@Suite("Standard rules: indicator status")
struct IndicatorStatusRuleTests {
    /// Baseline 0 in 2023, target 100 on 2027-01-01: on 2025-01-01 the expected progress is 731/1461, about 0.50.
    static func result(_ value: Double, quality: IndicatorValue.Quality = .approved) -> ItemResult {
        F.evaluate(F.indicator(values: [F.value("P3", value, on: "2024-10-15", quality: quality)]), F.dates("2025-01-01"))
    }

    @Test("The gap thresholds", arguments: [
        (0.10, EvaluationStatus.onTrack), (0.1000001, .atRisk), (0.25, .atRisk), (0.2500001, .offTrack), (-0.5, .onTrack),
    ])
    func thresholds(gap: Double, status: EvaluationStatus) {
        #expect(StandardRules.status(forGap: gap) == status)
    }

    @Test("The thresholds are the documented ones")
    func constants() {
        #expect(StandardRules.onTrackGap == 0.10)
        #expect(StandardRules.atRiskGap == 0.25)
        #expect(StandardRules.notStartedExpected == 0.10)
        #expect(StandardRules.achievedProgress == 1)
        #expect(StandardRules.overdueMilestonesAtRisk == 1)
        #expect(StandardRules.overdueMilestonesOffTrack == 2)
        #expect(StandardRules.staleUpdateDays == 365)
    }

    @Test("Status by the gap between expected progress and progress", arguments: [
        (45.0, EvaluationStatus.onTrack), (35, .atRisk), (20, .offTrack), (100, .achieved), (130, .achieved),
    ])
    func byGap(value: Double, status: EvaluationStatus) {
        let result = Self.result(value)
        #expect(result.status == status)
        #expect(close(result.progress, value / 100))
        #expect(close(result.expected, 731.0 / 1461))
    }

    @Test("The explanation says how every number was obtained")
    func explanation() {
        let result = Self.result(35)
        #expect(result.explanation == [
            "baseline: 0 enterprises in 2023 (source: baseline study)",
            "target: 100 enterprises by 2027-01-01 (source: programme)",
            "P3 value: 35 enterprises, reported on 2024-10-15 (source: monitoring system)",
            "values (periods up to P4 as known on 2025-01-01): P3 35",
            "current value: 35 enterprises, the latest value (cumulative: totals are never summed)",
            "progress = (35 - 0) / (100 - 0) = 0.35",
            "expected = 731 of 1461 days from 2023-01-01 to the target date 2027-01-01 = 0.50",
            "gap = expected 0.50 - progress 0.35 = 0.15 > 0.10 (onTrackGap) and <= 0.25 (atRiskGap): at-risk",
        ])
        #expect(result.findings == [
            Finding(.warning, "Missing report: no value for P1 (due 2023-11-30) and P2 (due 2024-05-31) as known on 2025-01-01"),
        ])
        #expect(result.illustrative == false)
        #expect(result.kind == .indicator)
        #expect(result.evaluatedBy == .standard)
    }

    @Test("A target date passed unreached is off-track")
    func targetDatePassed() {
        let indicator = F.indicator(by: "2024-12-31", values: [F.value("P3", 90, on: "2024-10-15")])
        let result = F.evaluate(indicator, F.dates("2025-01-10"))
        #expect(result.status == .offTrack)
        #expect(result.expected == 1)
        #expect(result.explanation.last == "status: off-track, the target date 2024-12-31 has passed and progress 0.90 < 1.00")
    }

    @Test("Nothing reported: not-started early on, no-data once time has elapsed")
    func nothingReported() {
        let indicator = F.indicator(year: 2025, by: "2029-12-31")
        let early = F.evaluate(indicator, F.dates("2025-03-15"))
        #expect(early.status == .notStarted)
        #expect(early.progress == nil)
        #expect(early.explanation.last == "status: not-started, nothing reported and expected 0.04 < 0.10 (notStartedExpected)")
        let late = F.evaluate(indicator, F.dates("2026-06-01"))
        #expect(late.status == .noData)
        #expect(late.explanation.last == "status: no-data, nothing reported and expected 0.28 >= 0.10 (notStartedExpected)")
        #expect(late.findings == [
            Finding(.warning, "Missing report: no value for P4 (due 2025-05-31), P5 (due 2025-11-30) and P6 (due 2026-05-31) as known on 2026-06-01"),
        ])
        let before = F.evaluate(F.indicator(year: 2020), F.dates("2025-04-01"), period: ("2025-06-01", "2029-12-31"))
        #expect(before.status == .notStarted)
        #expect(before.explanation.last == "status: not-started, 2025-04-01 is before the instrument starts on 2025-06-01")
    }

    @Test("Missing reports are those due on or before as_of, not yet due ones are not")
    func missingReports() {
        let indicator = F.indicator(year: 2022, values: [F.value("P2", 10, on: "2024-04-01"), F.value("P4", 20, on: "2025-04-01")])
        // On 2025-06-15 (P5) the reports of P1 to P4 are due; P5's is due on 2025-11-30.
        let result = F.evaluate(indicator, F.dates("2025-06-15"))
        #expect(result.findings == [
            Finding(.warning, "Missing report: no value for P1 (due 2023-11-30) and P3 (due 2024-11-30) as known on 2025-06-15"),
        ])
        // A baseline year after P1 to P3 ended: only P4 onwards need a report.
        let recent = F.evaluate(F.indicator(year: 2025, by: "2029-12-31", values: [F.value("P5", 1, on: "2025-09-15")]), F.dates("2025-12-15"))
        #expect(recent.findings == [Finding(.warning, "Missing report: no value for P4 (due 2025-05-31) as known on 2025-12-15")])
    }

    @Test("Provisional and estimated values are noted; a target reached on them is on-track (caution rule)")
    func provisional() {
        let provisional = Self.result(100, quality: .provisional)
        #expect(provisional.status == .onTrack)
        #expect(provisional.findings.filter { $0.severity == .info } == [
            Finding(.info, "P3 value 100 enterprises is provisional (reported on 2024-10-15)"),
            Finding(.info, "The target is reached on values not yet approved (P3 provisional): on-track until they are approved"),
        ])
        #expect(provisional.explanation.last == "status: on-track, progress 1.00 >= 1.00 (achievedProgress) but rests on P3 provisional values (caution rule)")
        let estimated = Self.result(45, quality: .estimated)
        #expect(estimated.status == .onTrack)
        #expect(estimated.findings.contains(Finding(.info, "P3 value 45 enterprises is estimated (reported on 2024-10-15)")))
        // Once approved by a correction, achieved.
        let indicator = F.indicator(values: [
            F.value("P3", 100, on: "2024-10-15", quality: .provisional), F.value("P3", 100, on: "2024-12-01"),
        ])
        #expect(F.evaluate(indicator, F.dates("2025-01-01")).status == .achieved)
        #expect(F.evaluate(indicator, F.dates("2025-01-01", knownOn: "2024-11-01")).status == .onTrack)
    }

    @Test("Known on a date before a correction the original counts; after it, the latest correction wins")
    func corrections() {
        let indicator = F.indicator(values: [
            F.value("P3", 12, on: "2024-10-30"),
            F.value("P3", 14, on: "2025-04-24", note: "Late applications counted"),
            F.value("P3", 15, on: "2025-06-01"),
        ])
        let before = F.evaluate(indicator, F.dates("2025-07-01", knownOn: "2025-01-01"))
        #expect(close(before.progress, 0.12))
        #expect(!before.findings.contains { $0.message.contains("corrects") })
        let between = F.evaluate(indicator, F.dates("2025-07-01", knownOn: "2025-05-01"))
        #expect(close(between.progress, 0.14))
        #expect(between.findings.contains(Finding(.info, "P3 value 14 enterprises reported on 2025-04-24 corrects 12 enterprises reported on 2024-10-30: Late applications counted")))
        let after = F.evaluate(indicator, F.dates("2025-07-01"))
        #expect(close(after.progress, 0.15))
        #expect(after.findings.contains(Finding(.info, "P3 value 15 enterprises reported on 2025-06-01 corrects 14 enterprises reported on 2025-04-24")))
    }

    @Test("A target on the wrong side of the baseline for `ascending` is a direction mismatch")
    func directionMismatch() {
        let result = F.evaluate(F.indicator(ascending: true, baseline: 20, target: 10, values: [F.value("P3", 15, on: "2024-10-15")]), F.dates("2025-01-01"))
        #expect(result.findings.first == Finding(.warning, "Direction mismatch: the indicator is ascending (bigger is better) but its target 10 is below its baseline 20; progress follows the target"))
        #expect(close(result.progress, 0.5))
        let consistent = F.evaluate(F.indicator(ascending: false, baseline: 20, target: 10), F.dates("2025-01-01"))
        #expect(!consistent.findings.contains { $0.message.hasPrefix("Direction mismatch") })
    }

    @Test("Qualitative and milestone indicators; illustrative numbers and evidence")
    func otherMeasures() {
        let strategy = F.qualitative(values: [F.value("P3", .level("drafted"), on: "2024-10-15")])
        let result = F.evaluate(strategy, F.dates("2025-01-01"))
        #expect(result.status == .atRisk)
        #expect(result.illustrative)
        #expect(result.explanation.contains("progress = (drafted 1 - none 0) / (adopted 3 - none 0) on the scale none < drafted < consulted < adopted = 0.33"))
        let observatory = F.milestone(values: [F.value("P4", .reached(true), on: "2025-01-20")])
        var withEvidence = observatory
        withEvidence.values[0].evidence = ["ev-launch"]
        let reached = F.evaluate(withEvidence, F.dates("2025-03-01"))
        #expect(reached.status == .achieved)
        #expect(reached.evidence == ["ev-launch"])
        #expect(!reached.illustrative)
        let notYet = F.evaluate(F.milestone(values: [F.value("P4", .reached(false), on: "2025-01-20")]), F.dates("2026-07-15"))
        #expect(notYet.status == .offTrack)
    }
}
