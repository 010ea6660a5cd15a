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
        return LuaBytecode(bytes: try LuaState.compile(source, chunkName: chunkName), chunkName: chunkName)
    }
}

extension LuaRuntime {
    /// Loads bytecode made by ``LuaBytecode/compile(_:chunkName:)`` without running it.
    package func load(_ bytecode: LuaBytecode) throws -> LuaFunction {
        try lua.scope(slots: 2) { stack in
            try push(bytecode, on: stack)
            return try keepFunction(on: stack)
        }
    }

    /// Pushes the function of `bytecode` (its text compiled once per process).
    func push(_ bytecode: LuaBytecode, on stack: LuaStack) throws {
        let loaded = bytecode.bytes.withUnsafeBufferPointer { bytes in
            stack.load(bytes, name: bytecode.chunkName, binary: true)
        }
        guard loaded.ok else {
            let message = stack.string(at: -1) ?? "cannot load \(bytecode.chunkName)"
            stack.pop()
            throw LuaError(loaded.kind == .syntax ? .syntax : .memory, message)
        }
    }
}
