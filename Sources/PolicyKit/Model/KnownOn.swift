/// Selection of "as known on" entries, shared by indicator values and action updates.
enum KnownOn {
    /// Per period the last entry (in file order) among those with the latest `reportedOn` on or
    /// before `day`, ordered by period number.
    /// (Closures, not key paths: a key path read in generic code costs more than the rest.)
    @inline(__always)
    static func latest<Entry>(
        _ entries: [Entry], on day: Day, period: (Entry) -> String, reportedOn: (Entry) -> Day
    ) -> [Entry] {
        // (period number, period id, reported on, file order): the last entry of each period wins
        var keyed: [(number: Int, id: String, reported: Day, index: Int)] = []
        keyed.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() where reportedOn(entry) <= day {
            let id = period(entry)
            keyed.append((ReportingPeriod.number(fromID: id) ?? Int.max, id, reportedOn(entry), index))
        }
        keyed.sort { a, b in
            if a.number != b.number { return a.number < b.number }
            if a.id != b.id { return a.id < b.id }
            if a.reported != b.reported { return a.reported < b.reported }
            return a.index < b.index
        }
        var result: [Entry] = []
        result.reserveCapacity(keyed.count)
        for (position, item) in keyed.enumerated() where position + 1 == keyed.count || keyed[position + 1].id != item.id {
            result.append(entries[item.index])
        }
        return result
    }
}
