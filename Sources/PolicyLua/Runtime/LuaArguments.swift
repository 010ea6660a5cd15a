internal import CLua

/// The arguments of a call from Lua into a ``LuaRuntime/HostFunction``, read from the Lua stack
/// only when asked: a function that names an item reads its `id` and never converts the rest of
/// its table.
///
/// Valid only during the call that received it. Indexes start at 0; reading past ``count``
/// gives `nil`.
public struct LuaArguments {
    private unowned(unsafe) let runtime: LuaRuntime
    /// How many arguments Lua passed.
    public let count: Int

    /// The runtime, for the location of the call (LuaRuntime+Returns.swift).
    var runtimeForLocation: LuaRuntime { runtime }

    init(runtime: LuaRuntime, count: Int) {
        self.runtime = runtime
        self.count = count
    }

    private func position(_ index: Int) -> Int32? {
        index >= 0 && index < count ? Int32(index + 1) : nil
    }

    /// Argument `index` converted to a Swift value (tables entirely); throws for functions and
    /// other values that cannot be passed.
    public func value(_ index: Int) throws -> LuaValue {
        guard let position = position(index) else { return .nil }
        return try runtime.value(at: position)
    }

    /// Every argument, converted.
    public func all() throws -> [LuaValue] {
        try (0..<count).map { try value($0) }
    }

    /// Argument `index` if it is a string (numbers are not converted).
    public func string(_ index: Int) -> String? {
        guard let position = position(index) else { return nil }
        return runtime.stringAt(position)
    }

    /// Whether argument `index` is a table.
    public func isTable(_ index: Int) -> Bool {
        guard let position = position(index) else { return false }
        return lua_type(runtime.state, position) == LUA_TTABLE
    }

    /// The item argument `index` names: the `id` field of a table (read raw), or a string.
    public func itemID(_ index: Int) -> String? {
        guard let position = position(index) else { return nil }
        guard lua_type(runtime.state, position) == LUA_TTABLE else { return runtime.stringAt(position) }
        _ = lua_checkstack(runtime.state, 2)
        lua_pushstring(runtime.state, "id")
        lua_rawget(runtime.state, position)
        defer { lua_settop(runtime.state, -2) }
        return runtime.stringAt(-1)
    }
}

@available(*, unavailable)
extension LuaArguments: Sendable {}
