import PolicyKit
import Testing

private typealias F = RuleFixtures

/// What one period's report owes and holds, on hand-made instruments (SECON's calendar: P5 is
/// 2025-03-01 to 2025-08-31, its report due 2025-11-30).
@Suite("Reporting completeness")
struct ReportingCompletenessTests {
    static func status(_ instrument: PolicyInstrument, period: String = "P5", asOf: String = "2025-12-10", knownOn: String? = nil)
        -> ReportingCompleteness {
        let project = F.project([instrument])
        return ReportingCompleteness.build(project: project, period: project.calendar.period(id: period)!, asOf: F.day(asOf),
                                           knownOn: knownOn.map(F.day))
    }

    static func indicator(_ id: String, _ reporting: Indicator.Reporting, target: String = "2027-01-01", values: [IndicatorValue] = []) -> Indicator {
        var indicator = F.indicator(id: id, year: 2022, by: target, values: values)
        indicator.reporting = reporting
        return indicator
    }

    @Test func frequenciesDecideWhichValuesAreDue() throws {
        let instrument = F.instrument(indicators: [
            Self.indicator("every", .semester, values: [F.value("P5", 1, on: "2025-10-01", evidence: ["ev"])]),
            Self.indicator("yearly", .annual),                       // due in P2, P4, P6, P8: not in P5
            Self.indicator("at-end", .atEnd),
            Self.indicator("once-now", .once, target: "2025-06-30"),  // P5 holds the target date
            Self.indicator("once-done", .once, target: "2025-06-30", values: [F.value("P3", 1, on: "2024-10-01")]),
            Self.indicator("early", .atEnd, values: [F.value("P5", 1, on: "2025-12-05")]),
        ])
        let status = Self.status(instrument)
        let items = try #require(status.partners.first?.instruments.first).items
        #expect(items.map(\.id) == ["every", "once-now", "early"])
        #expect(items.map(\.isDue) == [true, true, false])
        #expect(items.map(\.reportedOn) == [F.day("2025-10-01"), nil, F.day("2025-12-05")])
        #expect(items[0].evidence == ["ev"])
        #expect(status.state(of: items[1]) == "missing, overdue by 10 days")
        #expect(status.state(of: items[2]) == "received 2025-12-05, 5 days late (not due)")
        #expect(status.summary(of: status.partners[0]) == "incomplete: missing 1 indicator value (1 of 2 items due); overdue by 10 days; received 5 days late")
        #expect(status.summary == "0 of 1 partners complete for P5; 1 overdue by 10 days; 1 received late (by 5 days)")
    }

    @Test func actionsAreDueWhileTheyRunAndUntilClosed() throws {
        let instrument = F.instrument(actions: [
            F.action(id: "running", start: "2025-01-01", end: "2026-12-31", updates: [F.update("P5", .inProgress, on: "2025-11-20")]),
            F.action(id: "later", start: "2025-09-01", end: "2026-12-31"),
            F.action(id: "ended", start: "2023-03-01", end: "2024-12-31"),
            F.action(id: "closed", start: "2023-03-01", end: "2026-12-31", updates: [F.update("P4", .completed, .fully, on: "2025-04-01")]),
            F.action(id: "silent", start: "2024-01-01", end: "2025-06-30"),
        ])
        let status = Self.status(instrument)
        let items = try #require(status.partners.first?.instruments.first).items
        #expect(items.map(\.id) == ["running", "silent"])
        #expect(items.map(\.isMissing) == [false, true])
        // before the due date, what is missing is not overdue yet
        let early = Self.status(instrument, asOf: "2025-11-01", knownOn: "2025-11-01")
        let first = try #require(early.partners.first?.instruments.first)
        #expect(first.missing.map(\.id) == ["running", "silent"])
        #expect(early.state(of: first.items[0]) == "missing")
        #expect(early.summary == "0 of 1 partners complete for P5; 1 still to report, due 2025-11-30 (in 29 days)")
    }

    @Test func theLatestDuePeriodIsTheDefault() {
        #expect(ReportingCompleteness.latestDuePeriod(in: F.calendar, asOf: F.day("2023-11-29")) == nil)
        #expect(ReportingCompleteness.latestDuePeriod(in: F.calendar, asOf: F.day("2023-11-30"))?.id == "P1")
        #expect(ReportingCompleteness.latestDuePeriod(in: F.calendar, asOf: F.day("2027-05-31"))?.id == "P8")
    }
}
