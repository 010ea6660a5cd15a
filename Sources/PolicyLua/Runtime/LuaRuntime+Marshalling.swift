internal import CLua

/// Swift <-> Lua values. Everything here runs with the memory budget suspended or only reads,
/// and touches tables with raw access only, so no metamethod runs and nothing raises.
extension LuaRuntime {
    /// Pushes call arguments; the budget is checked once they are all on the stack.
    func pushArguments(_ arguments: [LuaValue]) throws {
        try withSuspendedBudgetThrowing {
            _ = lua_checkstack(state, Int32(arguments.count) + 4)
            for argument in arguments { try push(argument, depth: 0) }
        }
        try checkBudgetAfterPushing("the arguments")
    }

    /// After pushing with the budget suspended: when the state holds more than its memory
    /// budget even after a full collection, throws, naming what was pushed.
    func checkBudgetAfterPushing(_ what: String) throws {
        guard limits.memoryBudget > 0, info.pointee.used > limits.memoryBudget else { return }
        pt_gc_collect(state)
        if info.pointee.used > limits.memoryBudget {
            throw LuaError(.memory, "not enough memory: \(what) exceed the memory budget of \(limits.memoryBudget) bytes")
        }
    }

    /// Pushes one value (budget suspended by the caller).
    func push(_ value: LuaValue, depth: Int) throws {
        guard depth <= limits.maximumDepth else {
            throw LuaError(.marshalling, "cannot pass a value nested deeper than \(limits.maximumDepth) tables to Lua")
        }
        switch value {
        case .nil:
            lua_pushnil(state)
        case .bool(let flag):
            lua_pushboolean(state, flag ? 1 : 0)
        case .int(let number):
            lua_pushinteger(state, lua_Integer(number))
        case .double(let number):
            guard !number.isNaN else {
                throw LuaError(.marshalling, "cannot pass NaN to Lua where a number is required")
            }
            lua_pushnumber(state, number)
        case .string(let text):
            pushString(text)
        case .array(let elements):
            _ = lua_checkstack(state, 4)
            lua_createtable(state, Int32(clamping: elements.count), 0)
            for (offset, element) in elements.enumerated() {
                try push(element, depth: depth + 1)
                lua_rawseti(state, -2, lua_Integer(offset + 1))
            }
        case .record(let fields):
            _ = lua_checkstack(state, 4)
            lua_createtable(state, 0, Int32(clamping: fields.count))
            // sorted, so that the table is built the same way in every run
            for key in fields.keys.sorted() {
                pushString(key)
                try push(fields[key]!, depth: depth + 1)
                lua_rawset(state, -3)
            }
        }
    }

    func pushString(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = lua_pushlstring(state, chars.baseAddress, chars.count)
            }
        }
    }

    /// The string at `index`, if it is a string (numbers are not converted).
    func stringAt(_ index: Int32) -> String? {
        guard lua_type(state, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let pointer = pt_tolstring(state, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    /// Reads the value at `index` into Swift.
    func value(at index: Int32) throws -> LuaValue {
        var path: [UnsafeRawPointer] = []
        return try value(at: lua_absindex(state, index), depth: 0, path: &path, where: "value")
    }

    private func value(at index: Int32, depth: Int, path: inout [UnsafeRawPointer], where place: String) throws -> LuaValue {
        switch lua_type(state, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .bool(lua_toboolean(state, index) != 0)
        case LUA_TNUMBER:
            if pt_isinteger(state, index) != 0 {
                var ok: Int32 = 0
                return .int(Int(pt_tointeger(state, index, &ok)))
            }
            var ok: Int32 = 0
            return .double(pt_tonumber(state, index, &ok))
        case LUA_TSTRING:
            return .string(stringAt(index) ?? "")
        case LUA_TTABLE:
            return try table(at: index, depth: depth, path: &path, where: place)
        default:
            let type = String(cString: lua_typename(state, lua_type(state, index)))
            throw LuaError(.marshalling, "\(place) is a \(type), which cannot be passed to the host")
        }
    }

    private func table(at index: Int32, depth: Int, path: inout [UnsafeRawPointer], where place: String) throws -> LuaValue {
        guard depth < limits.maximumDepth else {
            throw LuaError(.marshalling, "\(place) is nested deeper than \(limits.maximumDepth) tables")
        }
        guard let identity = lua_topointer(state, index) else { return .record([:]) }
        guard !path.contains(identity) else {
            throw LuaError(.marshalling, "\(place) contains itself (a cycle), which cannot be passed to the host")
        }
        path.append(identity)
        defer { path.removeLast() }
        _ = lua_checkstack(state, 6)
        var fields: [String: LuaValue] = [:]
        var elements: [Int: LuaValue] = [:]
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            let valueIndex = lua_gettop(state)
            switch lua_type(state, -2) {
            case LUA_TSTRING:
                let key = stringAt(-2) ?? ""
                fields[key] = try value(at: valueIndex, depth: depth + 1, path: &path, where: "\(place).\(key)")
            case LUA_TNUMBER where pt_isinteger(state, -2) != 0:
                var ok: Int32 = 0
                let key = Int(pt_tointeger(state, -2, &ok))
                elements[key] = try value(at: valueIndex, depth: depth + 1, path: &path, where: "\(place)[\(key)]")
            default:
                let type = String(cString: lua_typename(state, lua_type(state, -2)))
                lua_settop(state, -3)
                throw LuaError(.marshalling, "\(place) has a \(type) key; only string keys or 1...n can be passed to the host")
            }
            lua_settop(state, -2)
            if !fields.isEmpty && !elements.isEmpty {
                lua_settop(state, -2)
                throw LuaError(.marshalling, "\(place) mixes string keys and array elements, which cannot be passed to the host")
            }
        }
        if elements.isEmpty { return .record(fields) }
        var array: [LuaValue] = []
        array.reserveCapacity(elements.count)
        for position in 1...elements.count {
            guard let element = elements[position] else {
                throw LuaError(.marshalling, "\(place) is an array with holes (no element \(position)), which cannot be passed to the host")
            }
            array.append(element)
        }
        return .array(array)
    }
}
