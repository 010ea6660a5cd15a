extension LuaRuntime {
    /// Calls `function` as ``call(_:references:reading:)`` does and sets `returnLine` to the line
    /// of the `return` statement it returned from (its last line when it returned through a
    /// tail call, `return f(...)`; `nil` when it failed), also when `read` throws.
    func call<Result>(_ function: LuaFunction, references: [LuaReference], returnLine: inout Int?,
                      reading read: (LuaRuntime, LuaStack) throws -> Result) throws -> Result {
        try noteReturn(of: function, returnLine: &returnLine) {
            try call(function, references: references, reading: read)
        }
    }

    /// Runs `body`, which calls `function` once (directly, under the limits), and sets
    /// `returnLine` to the line `function` returned from (see ``call(_:references:returnLine:reading:)``).
    func noteReturn<Result>(of function: LuaFunction, returnLine: inout Int?, _ body: () throws -> Result) throws -> Result {
        let tailCalls = try tailCalls(of: function)
        try lua.scope(slots: 1) { stack in
            stack.push(reference: function.reference)
            stack.locateReturn(ofFunctionAt: -1, tailCalls: tailCalls)
        }
        defer {
            returnLine = (try? lua.scope(slots: 0) { stack in stack.locatedReturn() }) ?? nil
        }
        return try body()
    }

    /// Where `function` leaves through tail calls, read from its bytecode once and kept with it.
    func tailCalls(of function: LuaFunction) throws -> LuaStack.TailCalls {
        if let known = function.tailCalls { return known }
        let tailCalls = try lua.scope(slots: 2) { stack in
            stack.push(reference: function.reference)
            return stack.tailCalls(ofFunctionAt: -1)
        }
        function.tailCalls = tailCalls
        return tailCalls
    }

    /// The line on which `function` is defined (its `function` keyword), if it is a Lua function.
    func definitionLine(of function: LuaFunction) -> Int? {
        (try? lua.scope(slots: 1) { stack in
            stack.push(reference: function.reference)
            return stack.definitionLine(ofFunctionAt: -1)
        }) ?? nil
    }

    /// `file` and `line` of the innermost frame of plugin code that called the running host
    /// function, if there is one.
    /// `usual` is the file the caller is nearly always in (its string is reused).
    func callerLocation(usually usual: String? = nil) -> (file: String, line: Int)? {
        (try? lua.scope(slots: 0) { stack in stack.location(level: 1, usually: usual) }) ?? nil
    }
}
