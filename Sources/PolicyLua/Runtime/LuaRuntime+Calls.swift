/// A Lua table held by a runtime: a registry reference that this object owns and releases when
/// the last Swift owner lets it go (it keeps its runtime alive until then). Pass it to calls as
/// it is, or refill it first (``LuaValuesWriter/append(_:refilling:)``), so that a call needs no
/// new table; read it with ``LuaRuntime/read(_:_:)``.
public final class LuaTable {
    let runtime: LuaRuntime
    private(set) var reference: Int32

    init(runtime: LuaRuntime, reference: Int32) {
        self.runtime = runtime
        self.reference = reference
    }

    deinit {
        if reference > 0 { runtime.lua.release(reference: reference) }
    }
}

@available(*, unavailable)
extension LuaTable: Sendable {}

extension LuaRuntime {
    /// Calls a function with arguments written straight into the state, under the limits, and
    /// reads its results in place: no ``LuaValue`` is built on either side unless asked for.
    ///
    /// `write` appends the arguments (tables field by field); `read` gets the results, valid
    /// only inside it, and returns what Swift keeps. Every limit of ``limits`` holds as for
    /// ``call(_:_:)``: the time and instruction budgets of the call, the memory budget (checked
    /// after the arguments are written, then enforced while the function runs), the pattern
    /// steps. Failures throw ``LuaError`` with its kind, located at the script's line.
    ///
    /// ```swift
    /// let lua = try LuaRuntime()
    /// let rule = try lua.loadFunction("""
    ///     return function(indicator)
    ///       local progress = indicator.value / indicator.target
    ///       return { status = progress >= 0.5 and "on-track" or "at-risk", progress = progress }
    ///     end
    ///     """, chunkName: "rule.lua")
    /// let (status, progress) = try lua.call(rule, arguments: { arguments in
    ///     arguments.appendRecord(capacity: 2) { indicator in
    ///         indicator.set("value", 42.0)
    ///         indicator.set("target", 100.0)
    ///     }
    /// }, results: { results in
    ///     try results.table(0) { result in (result.string("status"), result.number("progress")) }
    /// }) ?? (nil, nil)
    /// ```
    public func call<Result>(
        _ function: LuaFunction,
        arguments write: (inout LuaValuesWriter) throws -> Void = { _ in },
        results read: (borrowing LuaValues) throws -> Result
    ) throws -> Result {
        precondition(function.runtime === self, "a LuaFunction belongs to the runtime that loaded it")
        return try lua.scope(slots: 4) { stack in
            var state = LuaWriteState(stack: stack, runtime: self)
            let base = stack.top
            stack.push(reference: function.reference)
            try withUnsafeMutablePointer(to: &state) { pointer in
                var arguments = LuaValuesWriter(state: pointer, arguments: true)
                try write(&arguments)
            }
            if let failure = state.failure { throw failure }
            try stack.check()
            try lua.checkBudget(after: "the arguments")
            try runProtected(arguments: state.arguments, on: stack)
            try stack.reserve(3)
            return try read(LuaValues(runtime: self, stack: stack, base: base + 1, count: Int(stack.top - base)))
        }
    }

    /// Runs a chunk that returns a function (a rule, a hook) and keeps that function, to be
    /// called any number of times with ``call(_:arguments:results:)``. Throws
    /// ``LuaError/Kind/syntax`` when the chunk does not compile, ``LuaError/Kind/runtime`` when
    /// it fails or returns something else.
    public func loadFunction(_ source: String, chunkName: String) throws -> LuaFunction {
        let chunk = try load(source, chunkName: chunkName)
        let function = try call(chunk) { results in
            guard let function = try results.function(0) else {
                throw LuaError(.runtime, "\(chunkName): the chunk returns \(results.count == 0 ? "nothing" : "a \(results.type(0).rawValue)"), not a function")
            }
            return function
        }
        release(chunk)
        return function
    }

    /// A new empty table kept in Swift (see ``LuaTable``).
    public func makeTable(capacity: Int = 0) throws -> LuaTable {
        try lua.scope(slots: 2) { stack in
            stack.newTable(array: 0, record: Int32(clamping: capacity))
            try lua.checkBudget(after: "the bytes of the new table")
            return try keepTable(on: stack)
        }
    }

    /// Reads a kept table in place with `body` (see ``LuaTableView``).
    public func read<Result>(_ table: LuaTable, _ body: (borrowing LuaTableView) throws -> Result) throws -> Result {
        precondition(table.runtime === self, "a LuaTable belongs to the runtime that made it")
        return try lua.scope(slots: 4) { stack in
            stack.push(reference: table.reference)
            return try body(LuaTableView(runtime: self, stack: stack, index: stack.top))
        }
    }

    /// Pops the table on top into the registry, owned by the returned ``LuaTable``.
    func keepTable(on stack: LuaStack) throws -> LuaTable {
        guard let reference = stack.makeReference() else { try lua.checkUsable(); throw LuaState.poisonedError }
        return LuaTable(runtime: self, reference: reference)
    }
}
