internal import CLua
package import PolicyKit

/// Writes views straight onto the Lua stack with the C API: no Swift values are built first, and
/// every key is a string interned once per state (pushed from an array, never hashed again) —
/// the hook tables are the hot path of an evaluation.
///
/// Runs with the memory budget suspended (see ``LuaRuntime/writeViews(_:)``); touches only
/// tables it creates, with raw access, so nothing raises.
package struct LuaStackWriter: ViewWriter {
    private let state: OpaquePointer
    /// The stack slot of the array of interned keys (``ViewKey`` order).
    private let keys: Int32
    /// Per open table, innermost last: -1 for a record, else the elements of an array so far.
    private var open: [Int] = []

    fileprivate init(state: OpaquePointer, keys: Int32) {
        self.state = state
        self.keys = keys
        open.reserveCapacity(8)
    }

    package mutating func key(_ key: ViewKey) {
        lua_rawgeti(state, keys, lua_Integer(key.rawValue))
    }

    package mutating func key(named name: String) {
        push(name)
    }

    package mutating func string(_ text: String) {
        push(text)
        place()
    }

    package mutating func integer(_ value: Int) {
        lua_pushinteger(state, lua_Integer(value))
        place()
    }

    package mutating func double(_ value: Double) {
        lua_pushnumber(state, value)
        place()
    }

    package mutating func bool(_ value: Bool) {
        lua_pushboolean(state, value ? 1 : 0)
        place()
    }

    package mutating func day(_ day: Day) {
        pt_push_day(state, Int32(truncatingIfNeeded: day.year), Int32(day.month), Int32(day.day))
        place()
    }

    package mutating func null() {
        if open.last == -1 {
            lua_settop(state, -2) // the key: an absent field
        } else {
            lua_pushnil(state)
            place()
        }
    }

    package mutating func beginRecord(capacity: Int) {
        _ = lua_checkstack(state, 8)
        lua_createtable(state, 0, Int32(clamping: capacity))
        open.append(-1)
    }

    package mutating func beginArray(capacity: Int) {
        _ = lua_checkstack(state, 8)
        lua_createtable(state, Int32(clamping: capacity), 0)
        open.append(0)
    }

    package mutating func endTable() {
        open.removeLast()
        place()
    }

    /// A kept value (a table built before) as the next value.
    mutating func reference(_ reference: LuaReference) {
        lua_rawgeti(state, pt_registry_index(), lua_Integer(reference.reference))
        place()
    }

    /// Keeps the top-level value written last and returns its reference.
    mutating func keep() -> LuaReference {
        precondition(open.isEmpty, "keep() inside an open table")
        return LuaReference(reference: luaL_ref(state, pt_registry_index()))
    }

    /// Stores the value on top in the innermost open table.
    private mutating func place() {
        guard let last = open.indices.last else { return }
        if open[last] < 0 {
            lua_rawset(state, -3)
        } else {
            open[last] += 1
            lua_rawseti(state, -2, lua_Integer(open[last]))
        }
    }

    private func push(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = lua_pushlstring(state, chars.baseAddress, chars.count)
            }
        }
    }
}

extension LuaRuntime {
    /// Runs `body` with a writer onto this state's stack, the memory budget suspended; checks the
    /// budget afterwards (a collection first), and throws when what was kept exceeds it.
    package func writeViews<T>(_ body: (inout LuaStackWriter) throws -> T) throws -> T {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        let result = try withSuspendedBudgetThrowing {
            _ = lua_checkstack(state, 16)
            pushViewKeys()
            var writer = LuaStackWriter(state: state, keys: top + 1)
            return try body(&writer)
        }
        if limits.memoryBudget > 0, info.pointee.used > limits.memoryBudget {
            pt_gc_collect(state)
            if info.pointee.used > limits.memoryBudget {
                throw LuaError(.memory, "not enough memory: the tables passed to the plugin exceed the memory budget of \(limits.memoryBudget) bytes")
            }
        }
        return result
    }

    /// Pushes the array of interned view keys, made on first use.
    private func pushViewKeys() {
        if viewKeysReference == 0 {
            lua_createtable(state, Int32(ViewKey.allCases.count), 0)
            for key in ViewKey.allCases {
                pushString(key.name)
                lua_rawseti(state, -2, lua_Integer(key.rawValue))
            }
            viewKeysReference = luaL_ref(state, pt_registry_index())
        }
        lua_rawgeti(state, pt_registry_index(), lua_Integer(viewKeysReference))
    }
}
