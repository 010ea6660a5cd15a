/// Selection of "as known on" entries, shared by indicator values and action updates.
enum KnownOn {
    /// Per period the last entry (in file order) among those with the latest `reportedOn` on or
    /// before `day`, ordered by period number.
    static func latest<Entry>(
        _ entries: [Entry], on day: Day, period: KeyPath<Entry, String>, reportedOn: KeyPath<Entry, Day>
    ) -> [Entry] {
        var chosen: [String: Entry] = [:]
        for entry in entries where entry[keyPath: reportedOn] <= day {
            let id = entry[keyPath: period]
            if let current = chosen[id], current[keyPath: reportedOn] > entry[keyPath: reportedOn] {
                continue
            }
            chosen[id] = entry
        }
        return chosen.values.sorted {
            let left = ReportingPeriod.number(fromID: $0[keyPath: period])
            let right = ReportingPeriod.number(fromID: $1[keyPath: period])
            if left != right { return (left ?? Int.max) < (right ?? Int.max) }
            return $0[keyPath: period] < $1[keyPath: period]
        }
    }
}
