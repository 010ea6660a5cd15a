/// The arguments of a call from Lua into a ``LuaRuntime/HostFunction``, read from the Lua stack
/// only when asked: a function that names an item reads its `id` and never converts the rest of
/// its table.
///
/// Valid only during the call that received it. Indexes start at 0; reading past ``count``
/// gives `nil`.
public struct LuaArguments {
    private unowned(unsafe) let runtime: LuaRuntime
    private let stack: LuaStack
    /// How many arguments Lua passed.
    public let count: Int

    /// The runtime, for the location of the call (LuaRuntime+Returns.swift).
    var runtimeForLocation: LuaRuntime { runtime }

    init(runtime: LuaRuntime, stack: LuaStack, count: Int) {
        self.runtime = runtime
        self.stack = stack
        self.count = count
    }

    private func position(_ index: Int) -> Int32? {
        index >= 0 && index < count ? Int32(index + 1) : nil
    }

    /// Argument `index` converted to a Swift value (tables entirely); throws for functions and
    /// other values that cannot be passed.
    public func value(_ index: Int) throws -> LuaValue {
        guard let position = position(index) else { return .nil }
        return try runtime.value(at: position, on: stack)
    }

    /// Every argument, converted.
    public func all() throws -> [LuaValue] {
        try (0..<count).map { try value($0) }
    }

    /// Argument `index` if it is a string (numbers are not converted).
    public func string(_ index: Int) -> String? {
        guard let position = position(index) else { return nil }
        return stack.string(at: position)
    }

    /// Whether argument `index` is a table.
    public func isTable(_ index: Int) -> Bool {
        guard let position = position(index) else { return false }
        return stack.isTable(at: position)
    }

    /// The item argument `index` names: the `id` field of a table (read raw), or a string.
    public func itemID(_ index: Int) -> String? {
        guard let position = position(index) else { return nil }
        guard stack.isTable(at: position) else { return stack.string(at: position) }
        guard (try? stack.reserve(2)) != nil else { return nil }
        stack.rawGet(position, field: "id")
        defer { stack.pop() }
        return stack.string(at: -1)
    }
}

@available(*, unavailable)
extension LuaArguments: Sendable {}
