/// Something the rules noticed about an item: a note, a warning or an error.
public struct Finding: Sendable, Hashable, Codable {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// Worth knowing.
        case info
        /// Worth acting on.
        case warning
        /// The item could not be evaluated properly.
        case error

        private var order: Int { self == .info ? 0 : self == .warning ? 1 : 2 }

        /// Orders info < warning < error.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.order < rhs.order }
    }

    /// How serious it is.
    public var severity: Severity
    /// What it says, one sentence.
    public var message: String

    /// Creates a finding.
    public init(_ severity: Severity, _ message: String) {
        self.severity = severity
        self.message = message
    }
}
