internal import CLua

/// A field of a table kept in the registry: a function (kept too, callable) or a plain value.
enum LuaTableField {
    case function(LuaFunction)
    case value(LuaValue)
    /// A value that cannot cross (userdata, thread, a table with a function inside...).
    case other(typeName: String)
}

extension LuaRuntime {
    /// Runs a loaded chunk and returns the fields of the table it returns, with functions kept
    /// callable; the type name instead when it returns something else. The values of the keys
    /// in `skipping` are not converted (left out).
    func runReturningTable(_ function: LuaFunction, skipping: Set<String> = []) throws -> Result<[String: LuaTableField], TableRefusal> {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        lua_rawgeti(state, pt_registry_index(), lua_Integer(function.reference))
        let outcome = runProtected(argumentCount: 0, resultCount: 1)
        if !outcome.succeeded { throw failure(outcome) }
        guard lua_type(state, -1) == LUA_TTABLE else {
            return .failure(.notATable(typeName: String(cString: lua_typename(state, lua_type(state, -1)))))
        }
        let table = lua_gettop(state)
        var fields: [String: LuaTableField] = [:]
        var badKeys: [String] = []
        lua_pushnil(state)
        while lua_next(state, table) != 0 {
            guard lua_type(state, -2) == LUA_TSTRING, let key = stringAt(-2) else {
                badKeys.append(String(cString: lua_typename(state, lua_type(state, -2))))
                lua_settop(state, -2)
                continue
            }
            if skipping.contains(key) {
                // left out
            } else if lua_type(state, -1) == LUA_TFUNCTION {
                lua_pushvalue(state, -1)
                fields[key] = .function(LuaFunction(runtime: self, reference: luaL_ref(state, pt_registry_index())))
            } else if let value = try? value(at: -1) {
                fields[key] = .value(value)
            } else {
                fields[key] = .other(typeName: String(cString: lua_typename(state, lua_type(state, -1))))
            }
            lua_settop(state, -2)
        }
        if !badKeys.isEmpty { return .failure(.nonStringKeys(typeNames: badKeys.sorted())) }
        return .success(fields)
    }
}

/// Why a chunk's result is not a table of named fields.
enum TableRefusal: Error, Equatable {
    case notATable(typeName: String)
    case nonStringKeys(typeNames: [String])
}
