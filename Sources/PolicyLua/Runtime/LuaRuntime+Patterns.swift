internal import CLua

extension LuaRuntime {
    /// The host side of `string.find/match/gmatch/gsub` in the sandbox:
    /// `match(s, pattern, init, anchored, skip_end)` -> `start, end, captures...` or `nil`.
    ///
    /// Reads the strings in place on the Lua stack (no copy), and counts the matcher's steps
    /// against the budget of the current call.
    func patternMatch(_ state: OpaquePointer) throws -> Int32 {
        var subjectLength = 0, patternLength = 0
        guard lua_type(state, 1) == LUA_TSTRING, lua_type(state, 2) == LUA_TSTRING,
              let subjectPointer = pt_tolstring(state, 1, &subjectLength),
              let patternPointer = pt_tolstring(state, 2, &patternLength)
        else { throw LuaError(.runtime, "bad argument to a pattern function (string expected)") }
        var ok: Int32 = 0
        let start = Int(pt_tointeger(state, 3, &ok)) - 1
        let anchored = lua_toboolean(state, 4) != 0
        let skipEnd: Int? = lua_type(state, 5) == LUA_TNUMBER ? Int(pt_tointeger(state, 5, &ok)) : nil
        let subject = UnsafeBufferPointer(start: UnsafeRawPointer(subjectPointer).assumingMemoryBound(to: UInt8.self), count: subjectLength)
        let pattern = UnsafeBufferPointer(start: UnsafeRawPointer(patternPointer).assumingMemoryBound(to: UInt8.self), count: patternLength)
        guard start >= 0, start <= subjectLength else {
            lua_pushnil(state)
            return 1
        }
        var matcher = LuaPattern(subject: subject, pattern: pattern, steps: patternStepsLeft)
        let found: (range: Range<Int>, captures: [LuaPattern.Capture])?
        do {
            found = try matcher.find(from: start, anchored: anchored, skipEnd: skipEnd)
            patternStepsLeft = matcher.stepsLeft
        } catch let failure as LuaPattern.Failure {
            patternStepsLeft = 0
            if failure.budget {
                throw LuaError(.patternBudget, "string pattern too complex: it needed more than \(limits.patternSteps) steps in this call")
            }
            throw LuaError(.runtime, failure.message)
        }
        guard let found else {
            lua_pushnil(state)
            return 1
        }
        _ = lua_checkstack(state, Int32(found.captures.count) + 2)
        lua_pushinteger(state, lua_Integer(found.range.lowerBound + 1))
        lua_pushinteger(state, lua_Integer(found.range.upperBound))
        for capture in found.captures {
            switch capture {
            case .position(let position):
                lua_pushinteger(state, lua_Integer(position))
            case .text(let range):
                _ = lua_pushlstring(state, subjectPointer + range.lowerBound, range.count)
            }
        }
        return Int32(found.captures.count + 2)
    }
}
