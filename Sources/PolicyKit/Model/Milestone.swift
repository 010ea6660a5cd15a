/// A milestone of an improvement action.
public struct Milestone: Sendable, Hashable, Codable {
    /// The id, unique in its action.
    public var id: String
    /// The title.
    public var title: LocalizedText
    /// The day it is due.
    public var due: Day
    /// The day it was done, `nil` while not done.
    public var doneOn: Day?

    /// Creates a milestone.
    public init(id: String, title: LocalizedText, due: Day, doneOn: Day? = nil) {
        self.id = id
        self.title = title
        self.due = due
        self.doneOn = doneOn
    }

    /// Whether the milestone is done on `day`.
    public func isDone(on day: Day) -> Bool {
        doneOn.map { $0 <= day } ?? false
    }

    /// Whether the milestone is overdue on `day`: due before it and not done by then.
    public func isOverdue(on day: Day) -> Bool {
        due < day && !isDone(on: day)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, due, doneOn = "done_on"
    }
}
