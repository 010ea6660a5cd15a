internal import CLua

/// A Lua value kept in the registry, so that it can be passed to many calls without being
/// rebuilt (the `ctx` of an instrument, the views of its items).
package struct LuaReference {
    let reference: Int32
}

extension LuaRuntime {
    /// Builds `value` in Lua once and keeps it until ``release(_:)``.
    package func keep(_ value: LuaValue) throws -> LuaReference {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        try pushArguments([value])
        return LuaReference(reference: luaL_ref(state, pt_registry_index()))
    }

    /// Calls a function with kept values as arguments, under the limits; returns its first result.
    func call(_ function: LuaFunction, references: [LuaReference]) throws -> LuaValue {
        try call(function, references: references) { runtime in try runtime.value(at: -1) }
    }

    /// Calls a function with kept values as arguments, under the limits, and reads its first
    /// result with `read` while it is on top of the stack.
    func call<Result>(_ function: LuaFunction, references: [LuaReference], reading read: (LuaRuntime) throws -> Result) throws -> Result {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        _ = lua_checkstack(state, Int32(references.count) + 4)
        lua_rawgeti(state, pt_registry_index(), lua_Integer(function.reference))
        for argument in references {
            lua_rawgeti(state, pt_registry_index(), lua_Integer(argument.reference))
        }
        let outcome = runProtected(argumentCount: Int32(references.count), resultCount: 1)
        if !outcome.succeeded { throw failure(outcome) }
        return try read(self)
    }

    /// Lets the kept values go.
    package func release(_ references: [LuaReference]) {
        for reference in references { luaL_unref(state, pt_registry_index(), reference.reference) }
    }

    /// Lets a function go: once nothing in Lua refers to it, the collector frees it with its
    /// constants (a chunk run once, such as a plugin's file, need not stay).
    package func release(_ function: LuaFunction) {
        precondition(function.runtime === self, "a LuaFunction belongs to the runtime that loaded it")
        luaL_unref(state, pt_registry_index(), function.reference)
    }
}
