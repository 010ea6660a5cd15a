internal import CLua

extension LuaRuntime {
    /// Calls `function` as ``call(_:references:reading:)`` does and sets `returnLine` to the line
    /// of the `return` statement it returned from (its last line when it returned through a
    /// tail call, `return f(...)`; `nil` when it failed), also when `read` throws.
    func call<Result>(_ function: LuaFunction, references: [LuaReference], returnLine: inout Int?,
                      reading read: (LuaRuntime) throws -> Result) throws -> Result {
        try noteReturn(of: function, returnLine: &returnLine) {
            try call(function, references: references, reading: read)
        }
    }

    /// Runs `body`, which calls `function` once (directly, under the limits), and sets
    /// `returnLine` to the line `function` returned from (see ``call(_:references:returnLine:reading:)``).
    func noteReturn<Result>(of function: LuaFunction, returnLine: inout Int?, _ body: () throws -> Result) throws -> Result {
        lua_rawgeti(state, pt_registry_index(), lua_Integer(function.reference))
        info.pointee.return_target = lua_topointer(state, -1)
        info.pointee.return_line = 0
        lua_settop(state, -2)
        defer {
            let line = Int(info.pointee.return_line)
            returnLine = line > 0 ? line : nil
            info.pointee.return_target = nil
            info.pointee.return_line = 0
            info.pointee.return_ci = nil
        }
        return try body()
    }

    /// The line on which `function` is defined (its `function` keyword), if it is a Lua function.
    func definitionLine(of function: LuaFunction) -> Int? {
        lua_rawgeti(state, pt_registry_index(), lua_Integer(function.reference))
        var debug = lua_Debug()
        guard lua_getinfo(state, ">S", &debug) != 0, debug.linedefined > 0 else { return nil }
        return Int(debug.linedefined)
    }

    /// `file` and `line` of the innermost frame of plugin code that called the running host
    /// function, if there is one.
    func callerLocation() -> (file: String, line: Int)? {
        pt_where_from(state, 1)
        let text = stringAt(-1) ?? ""
        lua_settop(state, -2)
        return Self.location(leading: text)
    }

    /// The `file:line` that leads a Lua message (`plugins/x.lua:12: ...`), if any.
    static func location(leading message: String) -> (file: String, line: Int)? {
        var rest = Substring(message)
        // the file may contain ':' only in odd names; the line is the first all-digit field
        while let colon = rest.firstIndex(of: ":") {
            let after = rest[rest.index(after: colon)...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, after.dropFirst(digits.count).first == ":", let line = Int(digits) {
                let file = String(message[message.startIndex..<colon])
                return file.isEmpty ? nil : (file, line)
            }
            rest = after
        }
        return nil
    }
}

extension LuaArguments {
    /// `file` and `line` of the plugin code that made this call, if known.
    func callerLocation() -> (file: String, line: Int)? { runtimeForLocation.callerLocation() }
}
