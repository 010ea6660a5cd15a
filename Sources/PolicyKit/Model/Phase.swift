/// A phase of a project (core, follow-up, closure).
public struct Phase: Sendable, Hashable, Codable {
    /// The id (`core`).
    public var id: String
    /// The title.
    public var title: LocalizedText
    /// The first day.
    public var start: Day
    /// The last day.
    public var end: Day

    /// Creates a phase.
    public init(id: String, title: LocalizedText, start: Day, end: Day) {
        self.id = id
        self.title = title
        self.start = start
        self.end = end
    }
}
