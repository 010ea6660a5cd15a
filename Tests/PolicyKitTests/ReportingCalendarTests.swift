import PolicyKit
import Testing

@Suite("Reporting calendar")
struct ReportingCalendarTests {
    static func secon() throws -> ReportingCalendar {
        let phases = [
            Phase(id: "core", title: LocalizedText(en: "Core phase"), start: try #require(Day("2023-03-01")), end: try #require(Day("2026-02-28"))),
            Phase(id: "follow-up", title: LocalizedText(en: "Follow-up phase"), start: try #require(Day("2026-03-01")), end: try #require(Day("2027-02-28"))),
            Phase(id: "closure", title: LocalizedText(en: "Closure"), start: try #require(Day("2027-03-01")), end: try #require(Day("2027-05-31"))),
        ]
        return ReportingCalendar(
            start: try #require(Day("2023-03-01")), end: try #require(Day("2027-05-31")),
            periodMonths: 6, reportDueMonths: 3, phases: phases, midtermReview: "P4")
    }

    @Test("SECON has P1 to P8 as in DOMAIN.md, P8 of nine months")
    func seconPeriods() throws {
        let calendar = try Self.secon()
        let rows = calendar.periods.map { "\($0.id) \($0.start) \($0.end) \($0.phase ?? "-") due \($0.reportDue)" }
        #expect(rows == [
            "P1 2023-03-01 2023-08-31 core due 2023-11-30",
            "P2 2023-09-01 2024-02-29 core due 2024-05-31",
            "P3 2024-03-01 2024-08-31 core due 2024-11-30",
            "P4 2024-09-01 2025-02-28 core due 2025-05-31",
            "P5 2025-03-01 2025-08-31 core due 2025-11-30",
            "P6 2025-09-01 2026-02-28 core due 2026-05-31",
            "P7 2026-03-01 2026-08-31 follow-up due 2026-11-30",
            "P8 2026-09-01 2027-05-31 follow-up due 2027-05-31",
        ])
        #expect(calendar.periods.map(\.index) == Array(1...8))
        let last = try #require(calendar.periods.last)
        #expect(last.start.adding(months: 9) == last.end.adding(days: 1))
    }

    @Test("Finds the period containing a day", arguments: [
        ("2023-03-01", "P1"), ("2023-08-31", "P1"), ("2023-09-01", "P2"), ("2024-02-29", "P2"),
        ("2025-01-15", "P4"), ("2026-09-01", "P8"), ("2027-05-31", "P8"),
    ])
    func periodContaining(day: String, expected: String) throws {
        let calendar = try Self.secon()
        #expect(calendar.period(containing: try #require(Day(day)))?.id == expected)
    }

    @Test("Days outside the project have no period")
    func outside() throws {
        let calendar = try Self.secon()
        #expect(calendar.period(containing: try #require(Day("2023-02-28"))) == nil)
        #expect(calendar.period(containing: try #require(Day("2027-06-01"))) == nil)
        #expect(calendar.period(id: "P9") == nil)
        #expect(calendar.period(id: "P4")?.start.description == "2024-09-01")
    }

    @Test("A project of whole periods has no longer last period")
    func wholePeriods() throws {
        let calendar = ReportingCalendar(
            start: try #require(Day("2023-01-01")), end: try #require(Day("2023-12-31")), periodMonths: 6, reportDueMonths: 2)
        #expect(calendar.periods.map { "\($0.id) \($0.start) \($0.end) \($0.reportDue)" } == [
            "P1 2023-01-01 2023-06-30 2023-08-31",
            "P2 2023-07-01 2023-12-31 2023-12-31",
        ])
    }
}
