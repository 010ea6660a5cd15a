/// The arguments of a call from Lua into one of the runtime's own stack functions (`require`'s
/// module loader), read from the Lua stack only when asked. Host functions of the public API
/// read theirs through ``LuaValues``, which cannot outlive the call.
///
/// Valid only during the call that received it. Indexes start at 0; reading past ``count``
/// gives `nil`.
struct LuaArguments {
    private unowned(unsafe) let runtime: LuaRuntime
    private let stack: LuaStack
    /// How many arguments Lua passed.
    let count: Int

    /// The runtime, for the location of the call (LuaRuntime+Returns.swift).
    var runtimeForLocation: LuaRuntime { runtime }

    init(runtime: LuaRuntime, stack: LuaStack, count: Int) {
        self.runtime = runtime
        self.stack = stack
        self.count = count
    }

    /// Argument `index` if it is a string (numbers are not converted).
    func string(_ index: Int) -> String? {
        guard index >= 0 && index < count else { return nil }
        return stack.string(at: Int32(index + 1))
    }
}

@available(*, unavailable)
extension LuaArguments: Sendable {}
