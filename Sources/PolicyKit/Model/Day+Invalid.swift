extension Day {
    /// The English month names, January first.
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Why `text`, written in the shape `YYYY-MM-DD`, is not a day (`February 2025 has 28 days`),
    /// or nil when it is a day or is not in that shape at all.
    package static func whyNotADay(_ text: some StringProtocol) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }), Day(text) == nil
        else { return nil }
        if year < 1 { return "there is no year 0000" }
        if !(1...12).contains(month) { return "there is no month \(parts[1]) (months go from 01 to 12)" }
        if day < 1 { return "there is no day 00 (days start at 01)" }
        return "\(monthNames[month - 1]) \(year) has \(Day.numberOfDays(inMonth: month, year: year)) days"
    }
}
