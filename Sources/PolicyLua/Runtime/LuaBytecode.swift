internal import CLua

/// A text chunk compiled once and loaded many times: the sandbox's own Lua, and each plugin
/// file, which every unit of work would otherwise compile again in its fresh state.
///
/// Only the host makes bytecode, from text, with `lua_dump`; scripts can never load binary
/// chunks (``LuaRuntime/load(_:chunkName:)`` and the sandbox's `load` refuse them).
package struct LuaBytecode: Sendable, Hashable {
    let bytes: [UInt8]
    /// The chunk name it was compiled with (`plugins/x.lua`).
    package let chunkName: String

    /// Compiles text in a bare state (no library runs; compiling executes nothing).
    /// Throws the syntax error, located, when the text does not compile.
    package static func compile(_ source: String, chunkName: String) throws -> LuaBytecode {
        guard source.utf8.first != 0x1B else {
            throw LuaError(.refused, "\(chunkName): binary chunks are not allowed")
        }
        guard let state = luaL_newstate() else { throw LuaError(.memory, "cannot create a Lua state: not enough memory") }
        defer { lua_close(state) }
        let status = source.withCString { pointer in pt_load(state, pointer, strlen(pointer), "=" + chunkName) }
        guard status == LUA_OK else {
            var length = 0
            let message = pt_tolstring(state, -1, &length).map { String(cString: $0) } ?? "unknown error"
            throw LuaError(status == LUA_ERRMEM ? .memory : .syntax, message)
        }
        var buffer = pt_buffer(bytes: nil, size: 0, capacity: 0)
        defer { free(buffer.bytes) }
        guard pt_dump(state, &buffer) == 0, let start = buffer.bytes else {
            throw LuaError(.memory, "\(chunkName): cannot keep the compiled chunk")
        }
        return LuaBytecode(bytes: Array(UnsafeBufferPointer(start: start, count: buffer.size)), chunkName: chunkName)
    }
}

extension LuaRuntime {
    /// Loads bytecode made by ``LuaBytecode/compile(_:chunkName:)`` without running it.
    package func load(_ bytecode: LuaBytecode) throws -> LuaFunction {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        try push(bytecode)
        return LuaFunction(runtime: self, reference: luaL_ref(state, pt_registry_index()))
    }

    /// Pushes the function of `bytecode` (its text compiled once per process).
    func push(_ bytecode: LuaBytecode) throws {
        let status = withSuspendedBudget {
            bytecode.bytes.withUnsafeBufferPointer { bytes in
                pt_load_bytecode(state, bytes.baseAddress, bytes.count, "=" + bytecode.chunkName)
            }
        }
        guard status == LUA_OK else {
            let message = stringAt(-1) ?? "cannot load \(bytecode.chunkName)"
            lua_settop(state, -2)
            throw LuaError(status == LUA_ERRMEM ? .memory : .syntax, message)
        }
    }
}
