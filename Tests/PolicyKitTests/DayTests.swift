import PolicyKit
import Testing

@Suite("Day")
struct DayTests {
    @Test("Parses and formats YYYY-MM-DD", arguments: ["2023-03-01", "2024-02-29", "0001-01-01", "9999-12-31"])
    func roundTrip(text: String) throws {
        let day = try #require(Day(text))
        #expect(day.description == text)
    }

    @Test("Refuses what is not a valid day", arguments: [
        "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-3-1", "23-03-01", "2023/03/01",
        "2023-03-01T00:00:00Z", "", "0000-01-01", "２０２３-03-01", "2023-03-0a",
    ])
    func invalid(text: String) {
        #expect(Day(text) == nil)
    }

    @Test("Counts days across months, years and leap days")
    func daysBetween() throws {
        let start = try #require(Day("2023-03-01"))
        #expect(start.days(to: try #require(Day("2027-05-31"))) == 1552)
        #expect(try #require(Day("2024-02-28")).days(to: try #require(Day("2024-03-01"))) == 2)
        #expect(try #require(Day("2023-02-28")).days(to: try #require(Day("2023-03-01"))) == 1)
        #expect(try #require(Day("1970-01-01")).daysSince1970 == 0)
        #expect(Day(daysSince1970: 19417).description == "2023-03-01")
        #expect(Day(daysSince1970: -1).description == "1969-12-31")
        #expect(start.adding(days: -1).description == "2023-02-28")
        #expect(start.adding(days: 366).description == "2024-03-01")
    }

    @Test("Adds months, clamping to the end of shorter months")
    func addMonths() throws {
        let day = try #require(Day("2024-01-31"))
        #expect(day.adding(months: 1).description == "2024-02-29")
        #expect(day.adding(months: 13).description == "2025-02-28")
        #expect(day.adding(months: -2).description == "2023-11-30")
        #expect(try #require(Day("2023-03-01")).adding(months: 51).description == "2027-06-01")
        #expect(day.lastDayOfMonth.description == "2024-01-31")
    }

    @Test("Orders chronologically and encodes as a string")
    func orderAndCoding() throws {
        let days = ["2024-01-02", "2023-12-31", "2024-01-01"].compactMap { Day($0) }
        #expect(days.sorted().map(\.description) == ["2023-12-31", "2024-01-01", "2024-01-02"])
    }
}
