/// A calendar day (year, month, day) without a time of day or a time zone.
///
/// Days are written `YYYY-MM-DD` in instrument files and in every output.
/// Arithmetic uses the proleptic Gregorian calendar and never consults a time zone.
public struct Day: Sendable, Hashable, Comparable {
    /// The year, from 1 to 9999 for days read from text.
    public let year: Int
    /// The month, from 1 to 12.
    public let month: Int
    /// The day of the month, from 1 to the length of the month.
    public let day: Int

    /// Creates a day from its parts, or returns `nil` when they do not form a valid day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.numberOfDays(inMonth: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses a day written exactly as `YYYY-MM-DD`, or returns `nil`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                result = result * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Creates the day that lies `daysSince1970` days after 1 January 1970 (negative: before).
    public init(daysSince1970: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// The number of days from 1 January 1970 to this day (negative before it).
    public var daysSince1970: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `count` days later (earlier when `count` is negative).
    public func adding(days count: Int) -> Day {
        Day(daysSince1970: daysSince1970 + count)
    }

    /// The same day of the month `count` months later (earlier when negative), clamped to the
    /// last day of a shorter month: 31 January plus one month is 28 or 29 February.
    public func adding(months count: Int) -> Day {
        let zeroBased = year * 12 + (month - 1) + count
        let newYear = zeroBased >= 0 ? zeroBased / 12 : (zeroBased - 11) / 12
        let newMonth = zeroBased - newYear * 12 + 1
        let newDay = min(day, Day.numberOfDays(inMonth: newMonth, year: newYear))
        return Day(unchecked: newYear, newMonth, newDay)
    }

    /// The number of days from this day to `other`: positive when `other` is later.
    public func days(to other: Day) -> Int {
        other.daysSince1970 - daysSince1970
    }

    /// The last day of this day's month.
    public var lastDayOfMonth: Day {
        Day(unchecked: year, month, Day.numberOfDays(inMonth: month, year: year))
    }

    /// Whether `year` is a leap year of the Gregorian calendar.
    package static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month (1...12) of a year.
    package static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Orders days chronologically.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

extension Day: CustomStringConvertible {
    /// The day as `YYYY-MM-DD`.
    public var description: String {
        // written byte by byte: every view of every value formats its dates
        guard (0...9999).contains(year) else {
            let digits = String(abs(year))
            let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            return (year < 0 ? "-" : "") + padded + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
        }
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        let bytes: [UInt8] = [
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10), dash,
            zero + UInt8(month / 10), zero + UInt8(month % 10), dash,
            zero + UInt8(day / 10), zero + UInt8(day % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Day: Codable {
    /// Decodes a day from a `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(text) is not a day written YYYY-MM-DD")
        }
        self = day
    }

    /// Encodes the day as a `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
