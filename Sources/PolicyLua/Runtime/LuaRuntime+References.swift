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

    /// Sets `table[key]` to the array of the kept values (raw, no metamethod).
    func setField(of table: LuaReference, _ key: String, toArrayOf elements: [LuaReference]) {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        withSuspendedBudget {
            lua_rawgeti(state, pt_registry_index(), lua_Integer(table.reference))
            pushString(key)
            lua_createtable(state, Int32(clamping: elements.count), 0)
            for (offset, element) in elements.enumerated() {
                lua_rawgeti(state, pt_registry_index(), lua_Integer(element.reference))
                lua_rawseti(state, -2, lua_Integer(offset + 1))
            }
            lua_rawset(state, -3)
        }
    }

    /// Sets `table[key]` to a kept value (raw).
    func setField(of table: LuaReference, _ key: String, to value: LuaReference) {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        withSuspendedBudget {
            lua_rawgeti(state, pt_registry_index(), lua_Integer(table.reference))
            pushString(key)
            lua_rawgeti(state, pt_registry_index(), lua_Integer(value.reference))
            lua_rawset(state, -3)
        }
    }

    /// Calls a function with kept values as arguments, under the limits; returns its first result.
    func call(_ function: LuaFunction, references: [LuaReference]) throws -> LuaValue {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        lua_rawgeti(state, pt_registry_index(), lua_Integer(function.reference))
        for argument in references {
            lua_rawgeti(state, pt_registry_index(), lua_Integer(argument.reference))
        }
        let outcome = runProtected(argumentCount: Int32(references.count), resultCount: 1)
        if !outcome.succeeded { throw failure(outcome) }
        return try value(at: -1)
    }

    /// Lets the kept values go.
    package func release(_ references: [LuaReference]) {
        for reference in references { luaL_unref(state, pt_registry_index(), reference.reference) }
    }
}
