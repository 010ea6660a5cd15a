/// A message a plugin logged with `policy.log(level, message)`, kept with the results.
public struct LogEntry: Sendable, Hashable, Codable {
    /// `debug`, `info`, `warning` or `error`.
    public var level: String
    /// The message.
    public var message: String
    /// The item being evaluated when it was logged (indicator or action id), if any.
    public var item: String?

    /// Creates a log entry.
    package init(level: String, message: String, item: String?) {
        self.level = level
        self.message = message
        self.item = item
    }
}
