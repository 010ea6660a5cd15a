/// A problem found in a file, located by line and column like a compiler message.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The file cannot be used as it is.
        case error
        /// The file can be used, but something looks wrong.
        case warning
    }

    /// The path of the file, as given to the loader.
    public var path: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, counted in Unicode scalars.
    public var column: Int
    /// How serious the problem is.
    public var severity: Severity
    /// What is wrong, in one line.
    public var message: String

    /// Creates a diagnostic.
    public init(path: String, line: Int, column: Int, severity: Severity, message: String) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.severity = severity
        self.message = message
    }

    /// `path:line:column: error: message`.
    public var description: String {
        "\(path):\(line):\(column): \(severity.rawValue): \(message)"
    }

    /// Orders by path, then line, then column, then message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.path, lhs.line, lhs.column, lhs.message) < (rhs.path, rhs.line, rhs.column, rhs.message)
    }
}
