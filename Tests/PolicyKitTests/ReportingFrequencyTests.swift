import PolicyKit
import Testing

private typealias F = RuleFixtures

/// Reporting frequencies: which periods must carry a value, and the "missing report" warnings
/// that follow them.
@Suite("Reporting frequency")
struct ReportingFrequencyTests {
    static func due(_ reporting: Indicator.Reporting, referenceDay: String? = nil, year: Int = 2022, target: String = "2027-01-01",
                    reported: Set<String> = []) -> [String] {
        var indicator = F.indicator(year: year, by: target)
        indicator.reporting = reporting
        indicator.referenceDay = referenceDay.flatMap { Indicator.YearDay($0) }
        let start = StandardRules.timelineStart(for: indicator)
        return indicator.periodsDue(in: F.calendar, from: start, reported: reported).map(\.id)
    }

    @Test func eachFrequencyHasItsPeriods() {
        #expect(Self.due(.semester) == ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"])
        // P2 (Sep 2023 - Feb 2024) holds 31 December 2023; P8 (Sep 2026 - May 2027) holds 31 December 2026.
        #expect(Self.due(.annual) == ["P2", "P4", "P6", "P8"])
        #expect(Self.due(.annual, referenceDay: "06-30") == ["P1", "P3", "P5", "P7"])
        // P8 is nine months long: it holds 1 March and 15 May 2027 as well as 31 December 2026
        #expect(Self.due(.annual, referenceDay: "03-01") == ["P1", "P3", "P5", "P7", "P8"])
        #expect(Self.due(.annual, referenceDay: "05-15") == ["P1", "P3", "P5", "P7", "P8"])
        #expect(Self.due(.atEnd) == ["P8"])
        // once: the period of the target date; the last when the target is after the calendar; none once reported
        #expect(Self.due(.once, target: "2025-12-31") == ["P6"])
        #expect(Self.due(.once, target: "2030-12-31") == ["P8"])
        #expect(Self.due(.once, target: "2025-12-31", reported: ["P3"]) == [])
        // a timeline that starts in 2025 leaves out the days before it (31 December 2024 in P4),
        // not at-end's last period
        #expect(Self.due(.annual, year: 2025) == ["P6", "P8"])
        #expect(Self.due(.atEnd, year: 2030) == ["P8"])
    }

    @Test func daysOfTheYearAreReadAsMMDD() {
        #expect(Indicator.YearDay("06-30")?.description == "06-30")
        #expect(Indicator.YearDay("12-31") == .endOfYear)
        for bad in ["02-29", "6-30", "06-31", "13-01", "00-10", "06/30", "2025-06-30", "", "-"] {
            #expect(Indicator.YearDay(bad) == nil, "\(bad)")
        }
    }

    @Test func missingReportWarningsFollowTheFrequency() {
        func findings(_ reporting: Indicator.Reporting, referenceDay: String? = nil, values: [IndicatorValue], asOf: String) -> [Finding] {
            var indicator = F.indicator(year: 2022, values: values)
            indicator.reporting = reporting
            indicator.referenceDay = referenceDay.flatMap { Indicator.YearDay($0) }
            return F.evaluate(indicator, F.dates(asOf)).findings.filter { $0.message.hasPrefix("Missing report") }
        }
        let yearly = [F.value("P3", 10, on: "2024-10-01"), F.value("P5", 20, on: "2025-10-01")]
        #expect(findings(.semester, values: yearly, asOf: "2026-06-30") == [
            Finding(.warning, "Missing report: no value for P1 (due 2023-11-30), P2 (due 2024-05-31), P4 (due 2025-05-31) and P6 (due 2026-05-31) as known on 2026-06-30"),
        ])
        #expect(findings(.annual, referenceDay: "06-30", values: yearly, asOf: "2026-06-30") == [
            Finding(.warning, "Missing report: no value for P1 (due 2023-11-30) as known on 2026-06-30"),
        ])
        #expect(findings(.annual, values: yearly, asOf: "2026-06-30") == [
            Finding(.warning, "Missing report: no value for P2 (due 2024-05-31), P4 (due 2025-05-31) and P6 (due 2026-05-31) as known on 2026-06-30"),
        ])
        #expect(findings(.atEnd, values: [], asOf: "2026-06-30") == [])
        #expect(findings(.atEnd, values: [], asOf: "2027-05-31") == [
            Finding(.warning, "Missing report: no value for P8 (due 2027-05-31) as known on 2027-05-31"),
        ])
        #expect(findings(.once, values: [], asOf: "2026-06-30") == [])
        #expect(findings(.once, values: [], asOf: "2027-05-31") == [
            Finding(.warning, "Missing report: no value for P8 (due 2027-05-31) as known on 2027-05-31"),
        ])
        #expect(findings(.once, values: [F.value("P2", 1, on: "2024-01-10")], asOf: "2027-05-31") == [])
    }

    @Test func theShippedFilesSayHowOftenTheirCommonCountsAreReported() throws {
        let project = MatrixTests.project
        for instrument in project.instruments {
            for indicator in instrument.indicators where indicator.code == "RCO83" || indicator.code == "RCR79" {
                #expect(indicator.reporting == .atEnd, "\(instrument.id) \(indicator.id)")
            }
        }
        let peloponnese = try #require(project.instrument(id: "gr-peloponnese-rop")?.indicator(id: "unemployment-vulnerable"))
        #expect(peloponnese.reporting == .annual && peloponnese.referenceDay == Indicator.YearDay("06-30"))
    }
}
