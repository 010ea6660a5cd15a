/// An error raised by Lua code, by the sandbox or limits, or while values cross the boundary.
///
/// `description` is one line-led text: `file:line: message`, followed by the Lua traceback when
/// there is one.
public struct LuaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in kinds a caller may want to tell apart.
    public enum Kind: String, Sendable, Equatable {
        /// The chunk does not compile.
        case syntax
        /// The code raised an error while running.
        case runtime
        /// The memory budget was exceeded.
        case memory
        /// The time budget of one call was exceeded.
        case timeBudget = "time-budget"
        /// The instruction budget of one call was exceeded.
        case instructionBudget = "instruction-budget"
        /// A string pattern needed more steps than its budget.
        case patternBudget = "pattern-budget"
        /// A value could not cross between Swift and Lua.
        case marshalling
        /// The host refused something: a binary chunk, a module name, a missing module.
        case refused
    }

    /// The longest message kept; longer ones are cut and marked.
    public static let maximumMessageLength = 2_000

    /// What kind of failure this is.
    public let kind: Kind
    /// The message, usually led by `file:line:`.
    public let message: String
    /// The Lua traceback at the point of failure, when there is one.
    public let traceback: String?

    /// Creates an error; a message longer than ``maximumMessageLength`` is truncated.
    public init(_ kind: Kind, _ message: String, traceback: String? = nil) {
        self.kind = kind
        self.message = LuaError.truncate(message)
        self.traceback = traceback.map(LuaError.truncate)
    }

    /// The file named at the start of the message (`file:line: ...`), if any.
    public var file: String? { location?.file }

    /// The line named at the start of the message, if any.
    public var line: Int? { location?.line }

    private var location: (file: String, line: Int)? {
        // "path/file.lua:12: message"
        guard let firstColon = message.firstIndex(of: ":") else { return nil }
        let rest = message[message.index(after: firstColon)...]
        guard let secondColon = rest.firstIndex(of: ":"),
              let line = Int(rest[rest.startIndex..<secondColon]),
              firstColon > message.startIndex
        else { return nil }
        return (String(message[message.startIndex..<firstColon]), line)
    }

    /// `message`, then the traceback on the following lines.
    public var description: String {
        guard let traceback, !traceback.isEmpty else { return message }
        return message + "\n" + traceback
    }

    private static func truncate(_ text: String) -> String {
        guard text.utf8.count > maximumMessageLength else { return text }
        var cut = text.utf8.prefix(maximumMessageLength)
        while String(cut) == nil { cut = cut.dropLast() }  // stay on a character boundary
        return String(cut)! + "... (truncated)"
    }
}
