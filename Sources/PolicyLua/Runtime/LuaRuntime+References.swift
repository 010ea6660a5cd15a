/// A Lua value kept in the registry, so that it can be passed to many calls without being
/// rebuilt (the `ctx` of an instrument, the views of its items). The object owns the registry
/// entry and releases it when the last Swift owner lets it go.
package final class LuaReference {
    /// The state that holds the value (kept alive by the reference); `nil` for a placeholder.
    private let state: LuaState?
    private(set) var reference: Int32

    init(state: LuaState, reference: Int32) {
        self.state = state
        self.reference = reference
    }

    /// A placeholder that refers to nothing (and releases nothing).
    package init(reference: Int32) {
        precondition(reference <= 0, "a LuaReference to a value is made by its runtime")
        state = nil
        self.reference = reference
    }

    /// Lets the value go now; later releases (and the deinit) do nothing.
    func release() {
        guard reference > 0, let state else { return }
        state.release(reference: reference)
        reference = 0
    }

    deinit { release() }
}

@available(*, unavailable)
extension LuaReference: Sendable {}

extension LuaRuntime {
    /// Builds `value` in Lua once and keeps it while the returned reference lives.
    package func keep(_ value: LuaValue) throws -> LuaReference {
        try lua.scope(slots: 2) { stack in
            try push(value, depth: 0, on: stack)
            try lua.checkBudget(after: "the arguments")
            return try keepReference(on: stack)
        }
    }

    /// Pops the value on top into the registry, owned by the returned reference.
    func keepReference(on stack: LuaStack) throws -> LuaReference {
        guard let reference = stack.makeReference() else { try lua.checkUsable(); throw LuaState.poisonedError }
        return LuaReference(state: lua, reference: reference)
    }

    /// Calls a function with kept values as arguments, under the limits; returns its first result.
    func call(_ function: LuaFunction, references: [LuaReference]) throws -> LuaValue {
        try call(function, references: references) { runtime, stack in try runtime.value(at: -1, on: stack) }
    }

    /// Calls a function with kept values as arguments, under the limits, and reads its first
    /// result with `read` while it is on top of the stack.
    func call<Result>(_ function: LuaFunction, references: [LuaReference], reading read: (LuaRuntime, LuaStack) throws -> Result) throws -> Result {
        try lua.scope(slots: Int32(clamping: references.count) + 4) { stack in
            stack.push(reference: function.reference)
            for argument in references { stack.push(reference: argument.reference) }
            try runProtected(arguments: Int32(references.count), results: 1, on: stack)
            return try read(self, stack)
        }
    }

    /// Lets the kept values go now (each would release itself when its last owner goes).
    package func release(_ references: [LuaReference]) {
        for reference in references { reference.release() }
    }

    /// Lets a function go now: once nothing in Lua refers to it, the collector frees it with its
    /// constants (a chunk run once, such as a plugin's file, need not stay).
    package func release(_ function: LuaFunction) {
        precondition(function.runtime === self, "a LuaFunction belongs to the runtime that loaded it")
        function.release()
    }
}
