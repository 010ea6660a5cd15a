public import Foundation

/// One sandboxed Lua 5.4 state with its limits: the only owner of its `lua_State`.
///
/// A runtime is used by one thread at a time and is not `Sendable`; make one per plugin per
/// worker. Every call into Lua runs under ``LuaLimits``; every failure arrives as ``LuaError``
/// and leaves the runtime usable for the next call.
///
/// ```swift
/// let lua = try LuaRuntime()
/// let result = try lua.run("return 1 + 1", chunkName: "example.lua")   // [.int(2)]
/// ```
public final class LuaRuntime {
    /// A Swift function callable from Lua: it reads the arguments it needs (in place, only those
    /// it asks for; they are valid only during the call) and returns its results; a thrown error
    /// becomes a Lua error raised at the caller's line.
    public typealias HostFunction = (borrowing LuaValues) throws -> [LuaValue]

    /// The limits of every call.
    public let limits: LuaLimits
    /// The modules `require` loads.
    public let modules: LuaModules
    /// The folder `require` loads modules from, if they come from one.
    public var moduleDirectory: URL? { modules.folder }

    /// The state, lent only in scopes (see ``LuaState``).
    let lua: LuaState
    private var hostFunctions: [HostEntry] = []

    /// A host function as registered: returning Swift values, or working on the Lua stack.
    private enum HostEntry {
        case values(HostFunction)
        case stack((LuaStack) throws -> Int32)
    }
    /// Registry references: the globals record (where libraries are installed) and `readonly`.
    private var globalsReference: Int32 = 0
    private var readonlyReference: Int32 = 0
    /// The tables views are written with (`nil` until first used).
    var views: ViewTables?
    /// Steps left to the pattern functions in the current call.
    var patternStepsLeft = 0
    /// Calls into Lua under way (a host function may call back in: the inner call keeps the
    /// outer call's budgets).
    private var callDepth = 0

    /// Creates a sandboxed state: base (without file, process and collector access), `string`
    /// (without `dump`, with step-bounded patterns), `table`, `math` (without `random`), `utf8`,
    /// and `require` from `moduleDirectory`.
    public convenience init(limits: LuaLimits = .default, moduleDirectory: URL? = nil) throws {
        try self.init(limits: limits, modules: moduleDirectory.map { LuaModules.folder($0) } ?? .none)
    }

    /// Creates a sandboxed state (see ``init(limits:moduleDirectory:)``) whose `require` loads
    /// `modules`, from a folder or from texts in memory.
    public init(limits: LuaLimits = .default, modules: LuaModules) throws {
        self.limits = limits
        self.modules = modules
        lua = try LuaState(memoryBudget: 0, timeBudget: limits.timeBudget, instructionBudget: limits.instructionBudget)
        lua.host = Unmanaged.passUnretained(self).toOpaque()
        try installSandbox()
        lua.memoryLimit = limits.memoryBudget > 0 ? limits.memoryBudget : 0
    }

    deinit {
        views?.cache.deallocate()
    }

    /// Bytes the state holds now.
    public var memoryInUse: Int { lua.memoryInUse }

    /// The most bytes the state has held.
    public var peakMemory: Int { lua.peakMemory }

    // MARK: - Running code

    /// Compiles and runs a text chunk; returns what it returns (the chunk is released after).
    @discardableResult
    public func run(_ source: String, chunkName: String, arguments: [LuaValue] = []) throws -> [LuaValue] {
        let function = try load(source, chunkName: chunkName)
        return try call(function, arguments)
    }

    /// Compiles a text chunk (binary chunks are refused) without running it.
    public func load(_ source: String, chunkName: String) throws -> LuaFunction {
        if source.utf8.first == 0x1B {
            throw LuaError(.refused, "\(chunkName): binary chunks are not allowed")
        }
        return try lua.scope(slots: 2) { stack in
            var source = source
            let loaded = source.withUTF8 { stack.load($0, name: chunkName, binary: false) }
            guard loaded.ok else {
                let message = stack.string(at: -1) ?? "unknown error"
                throw LuaError(loaded.kind == .syntax ? .syntax : .memory, message)
            }
            return try keepFunction(on: stack)
        }
    }

    /// Pops the function on top into the registry, owned by the returned ``LuaFunction``.
    func keepFunction(on stack: LuaStack) throws -> LuaFunction {
        guard let reference = stack.makeReference() else {
            throw LuaError(.memory, "cannot keep the function: the Lua state failed")
        }
        return LuaFunction(runtime: self, reference: reference)
    }

    /// Calls a function with arguments, under the limits; returns its results.
    public func call(_ function: LuaFunction, _ arguments: [LuaValue]) throws -> [LuaValue] {
        precondition(function.runtime === self, "a LuaFunction belongs to the runtime that loaded it")
        return try lua.scope(slots: Int32(clamping: arguments.count) + 4) { stack in
            let top = stack.top
            stack.push(reference: function.reference)
            for argument in arguments { try push(argument, depth: 0, on: stack) }
            try lua.checkBudget(after: "the arguments")
            try runProtected(arguments: Int32(arguments.count), on: stack)
            let count = stack.top - top
            var results: [LuaValue] = []
            results.reserveCapacity(Int(count))
            for index in 0..<count {
                results.append(try value(at: top + 1 + index, on: stack))
            }
            return results
        }
    }

    /// Calls the function below the `arguments` on top of the stack, under the limits: the
    /// primitive under ``call(_:_:)`` and the evaluator's hook calls. Throws the typed error.
    func runProtected(arguments: Int32, results: Int32 = LuaStack.allResults, on stack: LuaStack) throws {
        if callDepth == 0 { patternStepsLeft = limits.patternSteps }
        callDepth += 1
        let outcome = stack.call(arguments: arguments, results: results)
        callDepth -= 1
        if !outcome.ok { throw failure(outcome.kind, on: stack) }
    }

    /// Turns a failed call (error message on top of the stack) into a typed error; pops it. The
    /// kind is the one the C side recorded where the call failed, never read from the text.
    private func failure(_ kind: LuaFailureKind, on stack: LuaStack) -> LuaError {
        let raw = stack.string(at: -1) ?? "(no message)"
        stack.pop()
        var message = raw
        var traceback: String?
        if let range = raw.range(of: "\nstack traceback:\n") {
            message = String(raw[..<range.lowerBound])
            traceback = String(raw[range.upperBound...])
        }
        switch kind {
        case .time:
            // the hook's message may have been replaced on the way out; say which limit it was
            let text = message.contains("time budget exceeded") ? message : message + " (time budget exceeded)"
            return LuaError(.timeBudget, text + " (budget: \(limits.timeBudget) per call)", traceback: traceback)
        case .instructions:
            let text = message.contains("instruction budget exceeded") ? message : message + " (instruction budget exceeded)"
            return LuaError(.instructionBudget, text + " (budget: \(limits.instructionBudget ?? 0) instructions per call)", traceback: traceback)
        case .memory:
            // Lua's own "not enough memory" has no traceback (its message handler does not run)
            if traceback == nil { return LuaError(.memory, "not enough memory (memory budget: \(limits.memoryBudget) bytes)") }
            return LuaError(.memory, message, traceback: traceback)
        case .broken:
            return LuaError(.memory, "the Lua state can no longer be used: an allocation failed where Lua could not report it (the host stopped it)")
        case .pattern: return LuaError(.patternBudget, message, traceback: traceback)
        case .marshalling: return LuaError(.marshalling, message, traceback: traceback)
        case .refused: return LuaError(.refused, message, traceback: traceback)
        case .syntax: return LuaError(.syntax, message, traceback: traceback)
        case .stack: return LuaError(.memory, message, traceback: traceback)
        case .runtime: return LuaError(.runtime, message, traceback: traceback)
        }
    }

    // MARK: - Host functions and libraries

    /// Installs a read-only library as a global: values, host functions and nested libraries.
    ///
    /// Scripts can read it but not change it (`policy.x = 1` and `rawset(policy, ...)` fail).
    public func install(_ library: LuaHostLibrary, as name: String) throws {
        try lua.scope(slots: 4) { stack in
            stack.push(reference: globalsReference)
            stack.push(name)
            try push(library: library, name: name, on: stack)
            stack.rawSet(-3)
        }
    }

    private func push(library: LuaHostLibrary, name: String, on stack: LuaStack) throws {
        try stack.reserve(6)
        stack.push(reference: readonlyReference)
        stack.newTable(array: 0, record: Int32(clamping: library.values.count + library.functions.count + library.scripts.count + library.libraries.count))
        for key in library.values.keys.sorted() {
            stack.push(key)
            try push(library.values[key]!, depth: 0, on: stack)
            stack.rawSet(-3)
        }
        for key in library.functions.keys.sorted() {
            stack.push(key)
            pushHostFunction(library.functions[key]!, on: stack)
            stack.rawSet(-3)
        }
        for key in library.libraries.keys.sorted() {
            stack.push(key)
            try push(library: library.libraries[key]!, name: name + "." + key, on: stack)
            stack.rawSet(-3)
        }
        for key in library.scripts.keys.sorted() {
            stack.push(key)
            let script = try load(library.scripts[key]!, chunkName: "[sandbox]")
            stack.push(reference: script.reference)
            try runProtected(arguments: 0, results: 1, on: stack)
            guard stack.type(at: -1) == LuaStack.function else {
                throw LuaError(.runtime, "\(name).\(key): the host script does not return a function")
            }
            stack.rawSet(-3)
        }
        stack.push(name)
        // readonly(real, name) -> proxy
        try runProtected(arguments: 2, results: 1, on: stack)
    }

    func pushHostFunction(_ function: @escaping HostFunction, on stack: LuaStack) {
        hostFunctions.append(.values(function))
        stack.pushHostFunction(LuaRuntime.hostEntry, index: hostFunctions.count - 1)
    }

    /// Registers a host function that works on the Lua stack itself (no conversion of arguments):
    /// it returns how many results it pushed.
    func pushStackHostFunction(_ function: @escaping (LuaStack) throws -> Int32, on stack: LuaStack) {
        hostFunctions.append(.stack(function))
        stack.pushHostFunction(LuaRuntime.hostEntry, index: hostFunctions.count - 1)
    }

    /// The C entry of every host function: runs in the trampoline with the budget suspended and
    /// never raises; failures return `LuaStack.hostError` with the message pushed.
    private static let hostEntry: @convention(c) (OpaquePointer?) -> Int32 = { state in
        guard let host = LuaState.host(of: state) else { return LuaStack.hostError }
        let runtime = Unmanaged<LuaRuntime>.fromOpaque(host).takeUnretainedValue()
        return runtime.invokeHostFunction()
    }

    private func invokeHostFunction() -> Int32 {
        var count: Int32 = 0
        do {
            return try lua.hostFrame(slots: 4) { stack in
                count = stack.top
                switch hostFunctions[stack.hostFunctionIndex] {
                case .stack(let function):
                    return try function(stack)
                case .values(let function):
                    let results = try function(LuaValues(runtime: self, stack: stack, base: 1, count: Int(count)))
                    try stack.reserve(Int32(clamping: results.count) + 4)
                    for result in results { try push(result, depth: 0, on: stack) }
                    return Int32(results.count)
                }
            }
        } catch let error as LuaError {
            return lua.hostFailure(message: error.message, kind: error.kind, top: count)
        } catch {
            return lua.hostFailure(message: String(describing: error), kind: .runtime, top: count)
        }
    }

    // MARK: - The sandbox

    private func installSandbox() throws {
        let prelude = try load(try LuaSandbox.bytecode.get())
        try lua.scope(slots: 8) { stack in
            // prelude(match, module_chunk) -> proxy of the globals, their record, readonly()
            stack.push(reference: prelude.reference)
            pushStackHostFunction({ [unowned self] stack in try self.patternMatch(stack) }, on: stack)
            pushStackHostFunction({ [unowned self] stack in try self.moduleChunk(stack) }, on: stack)
            stack.push(limits.nativePatternSteps)
            do {
                try runProtected(arguments: 3, results: 3, on: stack)
            } catch let error as LuaError {
                throw LuaError(.runtime, "sandbox set-up failed: \(error.message)")
            }
            guard let readonly = stack.makeReference(), let globals = stack.makeReference() else {
                throw LuaError(.memory, "sandbox set-up failed: not enough memory")
            }
            readonlyReference = readonly
            globalsReference = globals
            // every chunk loaded from now on sees the read-only globals
            stack.setGlobals()
        }
    }

    /// `module_chunk(name)` of the prelude's `require`: the module compiled (once per process)
    /// and loaded, or `nil` and the syntax error.
    private func moduleChunk(_ stack: LuaStack) throws -> Int32 {
        guard let name = LuaValues(runtime: self, stack: stack, base: 1, count: Int(stack.top)).string(0) else {
            throw LuaError(.refused, "require: module name must be a string")
        }
        switch try LuaModuleLoader.bytecode(of: name, from: modules) {
        case .success(let bytecode):
            try push(bytecode, on: stack)
            return 1
        case .failure(let error):
            stack.pushNil()
            stack.push(error.message)
            return 2
        }
    }

    // MARK: - Tests

    /// Tests only: the entries of the state's registry.
    package var registryCount: Int { lua.registryCount }

    /// Tests only: the next allocation of the state fails as if `malloc` had.
    package func failNextAllocation() { lua.failNextAllocation() }

    /// Tests only: the memory budget in bytes from now on, whatever ``limits`` says (to put the
    /// state at an exact distance from its budget).
    package func setMemoryLimitForTesting(_ bytes: Int) { lua.memoryLimit = bytes }
    /// A full garbage collection now (so that ``memoryInUse`` counts only what is alive).
    package func collectGarbageForTesting() { lua.collectGarbage() }
}

@available(*, unavailable)
extension LuaRuntime: Sendable {}

/// A compiled Lua function held by a runtime: a registry reference that this object owns and
/// releases when the last Swift owner lets it go (it keeps its runtime alive until then).
public final class LuaFunction {
    let runtime: LuaRuntime
    private(set) var reference: Int32
    /// Its tail calls (read once from its bytecode, when its return is first located).
    var tailCalls: LuaStack.TailCalls?

    init(runtime: LuaRuntime, reference: Int32) {
        self.runtime = runtime
        self.reference = reference
    }

    /// Lets the function go now (``LuaRuntime/release(_:)-(LuaFunction)``); later releases do nothing.
    func release() {
        guard reference > 0 else { return }
        runtime.lua.release(reference: reference)
        reference = 0
    }

    deinit { release() }
}

@available(*, unavailable)
extension LuaFunction: Sendable {}

/// A library of values and host functions to install as a read-only global.
public struct LuaHostLibrary {
    /// Constant values, by name.
    public var values: [String: LuaValue]
    /// Host functions, by name.
    public var functions: [String: LuaRuntime.HostFunction]
    /// Functions written in Lua, by name: each a chunk that returns the function (it runs in the
    /// sandbox, as part of the host: errors are located at the caller's line).
    public var scripts: [String: String]
    /// Nested libraries (read-only tables inside this one), by name.
    public var libraries: [String: LuaHostLibrary]

    /// Creates a library.
    public init(
        values: [String: LuaValue] = [:],
        functions: [String: LuaRuntime.HostFunction] = [:],
        scripts: [String: String] = [:],
        libraries: [String: LuaHostLibrary] = [:]
    ) {
        self.scripts = scripts
        self.values = values
        self.functions = functions
        self.libraries = libraries
    }
}
