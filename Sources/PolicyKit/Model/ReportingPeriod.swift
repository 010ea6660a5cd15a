/// One reporting period of a project (a semester; the last may be longer).
public struct ReportingPeriod: Sendable, Hashable, Codable {
    /// The id: `P` followed by the period number (`P1`, `P2`, ...).
    public var id: String
    /// The period number, from 1.
    public var index: Int
    /// The first day of the period.
    public var start: Day
    /// The last day of the period.
    public var end: Day
    /// The id of the phase that contains the period's first day, if any.
    public var phase: String?
    /// The day the period's report is due.
    public var reportDue: Day

    /// Creates a reporting period.
    public init(index: Int, start: Day, end: Day, phase: String?, reportDue: Day) {
        self.id = "P\(index)"
        self.index = index
        self.start = start
        self.end = end
        self.phase = phase
        self.reportDue = reportDue
    }

    /// Whether `day` lies in the period.
    public func contains(_ day: Day) -> Bool {
        start <= day && day <= end
    }

    /// The period number of an id written `P<n>`, or `nil`.
    package static func number(fromID id: String) -> Int? {
        // on the UTF-8 bytes, in one pass: this runs for every value of every evaluation
        var number = 0
        var length = 0
        for byte in id.utf8 {
            if length == 0 {
                guard byte == UInt8(ascii: "P") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), length > 1 || byte != UInt8(ascii: "0"), length < 7 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            }
            length += 1
        }
        return length > 1 ? number : nil
    }

    enum CodingKeys: String, CodingKey {
        case id, index, start, end, phase, reportDue = "report_due"
    }
}
