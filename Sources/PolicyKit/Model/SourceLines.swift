/// Where the entries of an instrument file are written: the file as shown to users and the line
/// of each entry, so that a trace can say where every input value came from.
///
/// Where a thing is written is not part of what it says: two instruments that differ only in
/// their lines are equal (`==` and the hash ignore the lines), so that moving an entry within
/// its file changes no comparison of instruments.
package struct SourceLines: Sendable, Hashable {
    /// An entry of an instrument file whose line is known.
    package enum Entry: Sendable, Hashable {
        /// An indicator's `baseline`.
        case baseline(indicator: String)
        /// An indicator's `target`.
        case target(indicator: String)
        /// An indicator's intermediate target, by its position in the file (0 first).
        case intermediateTarget(indicator: String, index: Int)
        /// A value entry, by period and `reported_on` (a correction is another entry).
        case value(indicator: String, period: String, reportedOn: Day)
        /// An action update, by period and `reported_on`.
        case update(action: String, period: String, reportedOn: Day)
        /// An action's milestone.
        case milestone(action: String, id: String)
    }

    /// The instrument file as shown in messages and traces (relative to the project folder,
    /// `instruments/gr-peloponnese-rop.yaml`); empty when the instrument was not read from a file.
    package var file: String
    private var lines: [Entry: Int]

    /// No lines, for an instrument made in code.
    package init(file: String = "") {
        self.file = file
        self.lines = [:]
    }

    /// The line of `entry` (1 first), if known.
    package func line(of entry: Entry) -> Int? { lines[entry] }

    /// Records the line of `entry`.
    package mutating func record(_ entry: Entry, line: Int) { lines[entry] = line }

    /// Always true: where entries are written does not change what an instrument says.
    package static func == (lhs: SourceLines, rhs: SourceLines) -> Bool { true }

    /// Hashes nothing, consistently with `==`.
    package func hash(into hasher: inout Hasher) {}
}
