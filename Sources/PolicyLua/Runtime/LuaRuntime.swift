internal import CLua
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
    /// A Swift function callable from Lua: it reads the arguments it needs and returns its
    /// results; a thrown error becomes a Lua error raised at the caller's line.
    public typealias HostFunction = (LuaArguments) throws -> [LuaValue]

    /// The limits of every call.
    public let limits: LuaLimits
    /// The modules `require` loads.
    public let modules: LuaModules
    /// The folder `require` loads modules from, if they come from one.
    public var moduleDirectory: URL? { modules.folder }

    let state: OpaquePointer
    let info: UnsafeMutablePointer<pt_state_info>
    private var watchdogToken = 0
    private var hostFunctions: [HostEntry] = []

    /// A host function as registered: returning Swift values, or working on the Lua stack.
    private enum HostEntry {
        case values(HostFunction)
        case stack((OpaquePointer) throws -> Int32)
    }
    /// Registry references: the globals record (where libraries are installed) and `readonly`.
    private var globalsReference: Int32 = 0
    private var readonlyReference: Int32 = 0
    /// The tables views are written with (`nil` until first used).
    var views: ViewTables?
    /// Steps left to the pattern functions in the current call.
    var patternStepsLeft = 0

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
        info = UnsafeMutablePointer<pt_state_info>.allocate(capacity: 1)
        info.initialize(to: pt_state_info())
        guard let state = pt_newstate(info) else {
            info.deallocate()
            throw LuaError(.memory, "cannot create a Lua state: not enough memory")
        }
        self.state = state
        info.pointee.host = Unmanaged.passUnretained(self).toOpaque()
        try installSandbox()
        info.pointee.limit = limits.memoryBudget > 0 ? limits.memoryBudget : 0
        watchdogToken = LuaWatchdog.shared.register(state: state, info: info, budget: limits.timeBudget)
    }

    deinit {
        LuaWatchdog.shared.unregister(watchdogToken)
        lua_close(state)
        views?.cache.deallocate()
        info.deallocate()
    }

    /// Bytes the state holds now.
    public var memoryInUse: Int { info.pointee.used }

    /// The most bytes the state has held.
    public var peakMemory: Int { info.pointee.peak }

    // MARK: - Running code

    /// Compiles and runs a text chunk; returns what it returns.
    @discardableResult
    public func run(_ source: String, chunkName: String, arguments: [LuaValue] = []) throws -> [LuaValue] {
        let function = try load(source, chunkName: chunkName)
        return try call(function, arguments)
    }

    /// Compiles a text chunk (binary chunks are refused) without running it.
    public func load(_ source: String, chunkName: String) throws -> LuaFunction {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        if source.utf8.first == 0x1B {
            throw LuaError(.refused, "\(chunkName): binary chunks are not allowed")
        }
        let status = withSuspendedBudget {
            source.withCString { pointer in
                pt_load(state, pointer, strlen(pointer), "=" + chunkName)
            }
        }
        guard status == LUA_OK else {
            let message = stringAt(-1) ?? "unknown error"
            throw LuaError(status == LUA_ERRMEM ? .memory : .syntax, message)
        }
        return LuaFunction(runtime: self, reference: luaL_ref(state, pt_registry_index()))
    }

    /// Calls a function with arguments, under the limits; returns its results.
    public func call(_ function: LuaFunction, _ arguments: [LuaValue]) throws -> [LuaValue] {
        precondition(function.runtime === self, "a LuaFunction belongs to the runtime that loaded it")
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        lua_rawgeti(state, pt_registry_index(), lua_Integer(function.reference))
        try pushArguments(arguments)
        let outcome = runProtected(argumentCount: Int32(arguments.count))
        if !outcome.succeeded { throw failure(outcome) }
        var results: [LuaValue] = []
        let count = lua_gettop(state) - top
        results.reserveCapacity(Int(count))
        for index in 0..<count {
            results.append(try value(at: top + 1 + index))
        }
        return results
    }

    /// How a protected call ended: Lua's status and the limit that tripped, if one did.
    struct CallOutcome {
        let status: Int32
        let tripped: Int
        var succeeded: Bool { status == LUA_OK }
    }

    /// Calls the function below the `argumentCount` arguments on top of the stack, under the
    /// limits: the primitive under ``call(_:_:)`` and the evaluator's hook calls.
    func runProtected(argumentCount: Int32, resultCount: Int32 = LUA_MULTRET) -> CallOutcome {
        patternStepsLeft = limits.patternSteps
        pt_begin_call(state, info, Int32(clamping: limits.instructionBudget ?? 0))
        let status = pt_pcall(state, argumentCount, resultCount)
        let tripped = pt_end_call(state, info)
        return CallOutcome(status: status, tripped: status == LUA_OK ? Int(PT_TRIP_NONE) : tripped)
    }

    /// Turns a failed call (error message on top of the stack) into a typed error; pops it.
    func failure(_ outcome: CallOutcome) -> LuaError {
        let raw = stringAt(-1) ?? "(no message)"
        lua_settop(state, -2)
        var message = raw
        var traceback: String?
        if let range = raw.range(of: "\nstack traceback:\n") {
            message = String(raw[..<range.lowerBound])
            traceback = String(raw[range.upperBound...])
        }
        let memoryRefused = info.pointee.memory_refused != 0
        info.pointee.memory_refused = 0
        if outcome.tripped == Int(PT_TRIP_TIME) {
            // the hook's message may have been replaced on the way out; say which limit it was
            let text = message.contains("time budget exceeded") ? message : message + " (time budget exceeded)"
            return LuaError(.timeBudget, text + " (budget: \(limits.timeBudget) per call)", traceback: traceback)
        }
        if outcome.tripped == Int(PT_TRIP_INSTRUCTIONS) {
            let text = message.contains("instruction budget exceeded") ? message : message + " (instruction budget exceeded)"
            return LuaError(.instructionBudget, text + " (budget: \(limits.instructionBudget ?? 0) instructions per call)", traceback: traceback)
        }
        if outcome.status == LUA_ERRMEM {
            return LuaError(.memory, "not enough memory (memory budget: \(limits.memoryBudget) bytes)")
        }
        if message.contains("string pattern too complex") {
            return LuaError(.patternBudget, message, traceback: traceback)
        }
        if memoryRefused && message.contains("not enough memory") {
            return LuaError(.memory, message + " (memory budget: \(limits.memoryBudget) bytes)", traceback: traceback)
        }
        return LuaError(.runtime, message, traceback: traceback)
    }

    // MARK: - Host functions and libraries

    /// Installs a read-only library as a global: values, host functions and nested libraries.
    ///
    /// Scripts can read it but not change it (`policy.x = 1` and `rawset(policy, ...)` fail).
    public func install(_ library: LuaHostLibrary, as name: String) throws {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        try withSuspendedBudgetThrowing {
            lua_rawgeti(state, pt_registry_index(), lua_Integer(globalsReference))
            pushString(name)
            try push(library: library, name: name)
            lua_rawset(state, -3)
        }
    }

    private func push(library: LuaHostLibrary, name: String) throws {
        lua_rawgeti(state, pt_registry_index(), lua_Integer(readonlyReference))
        lua_createtable(state, 0, Int32(library.values.count + library.functions.count + library.scripts.count + library.libraries.count))
        for key in library.values.keys.sorted() {
            pushString(key)
            try push(library.values[key]!, depth: 0)
            lua_rawset(state, -3)
        }
        for key in library.functions.keys.sorted() {
            pushString(key)
            pushHostFunction(library.functions[key]!)
            lua_rawset(state, -3)
        }
        for key in library.libraries.keys.sorted() {
            pushString(key)
            try push(library: library.libraries[key]!, name: name + "." + key)
            lua_rawset(state, -3)
        }
        for key in library.scripts.keys.sorted() {
            pushString(key)
            let script = try load(library.scripts[key]!, chunkName: "[sandbox]")
            lua_rawgeti(state, pt_registry_index(), lua_Integer(script.reference))
            guard pt_pcall(state, 0, 1) == LUA_OK, lua_type(state, -1) == LUA_TFUNCTION else {
                throw LuaError(.runtime, "\(name).\(key): the host script does not return a function")
            }
            lua_rawset(state, -3)
        }
        pushString(name)
        // readonly(real, name) -> proxy; cannot fail: it only builds two small tables
        _ = pt_pcall(state, 2, 1)
    }

    func pushHostFunction(_ function: @escaping HostFunction) {
        hostFunctions.append(.values(function))
        pt_push_host_function(state, LuaRuntime.hostEntry, lua_Integer(hostFunctions.count - 1))
    }

    /// Registers a host function that works on the Lua stack itself (no conversion of arguments):
    /// it returns how many results it pushed. It must not call anything that raises.
    func pushStackHostFunction(_ function: @escaping (OpaquePointer) throws -> Int32) {
        hostFunctions.append(.stack(function))
        pt_push_host_function(state, LuaRuntime.hostEntry, lua_Integer(hostFunctions.count - 1))
    }

    /// The C entry of every host function: runs in the trampoline with the budget suspended and
    /// never raises; failures return `PT_HOST_ERROR` with the message pushed.
    private static let hostEntry: @convention(c) (OpaquePointer?) -> Int32 = { state in
        guard let state, let info = pt_info(state), let host = info.pointee.host else { return Int32(PT_HOST_ERROR) }
        let runtime = Unmanaged<LuaRuntime>.fromOpaque(host).takeUnretainedValue()
        return runtime.invokeHostFunction(index: Int(pt_host_function_index(state)))
    }

    private func invokeHostFunction(index: Int) -> Int32 {
        let count = lua_gettop(state)
        do {
            switch hostFunctions[index] {
            case .stack(let function):
                return try function(state)
            case .values(let function):
                let results = try function(LuaArguments(runtime: self, count: Int(count)))
                _ = lua_checkstack(state, Int32(results.count) + 4)
                for result in results { try push(result, depth: 0) }
                return Int32(results.count)
            }
        } catch let error as LuaError {
            lua_settop(state, count)
            pushString(error.message)
            return Int32(PT_HOST_ERROR)
        } catch {
            lua_settop(state, count)
            pushString(String(describing: error))
            return Int32(PT_HOST_ERROR)
        }
    }

    // MARK: - Budget helpers

    /// Runs `body` with the memory budget suspended: allocations cannot fail (and longjmp) while
    /// Swift pushes values; the budget is checked when Lua code runs next.
    func withSuspendedBudget<T>(_ body: () -> T) -> T {
        let previous = info.pointee.suspended
        info.pointee.suspended = 1
        defer { info.pointee.suspended = previous }
        return body()
    }

    func withSuspendedBudgetThrowing<T>(_ body: () throws -> T) throws -> T {
        let previous = info.pointee.suspended
        info.pointee.suspended = 1
        defer { info.pointee.suspended = previous }
        return try body()
    }

    // MARK: - The sandbox

    private func installSandbox() throws {
        luaL_requiref(state, "_G", luaopen_base, 1)
        luaL_requiref(state, "string", luaopen_string, 1)
        luaL_requiref(state, "table", luaopen_table, 1)
        luaL_requiref(state, "math", luaopen_math, 1)
        luaL_requiref(state, "utf8", luaopen_utf8, 1)
        lua_settop(state, 0)
        let prelude = try load(try LuaSandbox.bytecode.get())
        pushStackHostFunction { [unowned self] state in try self.patternMatch(state) }
        let match = luaL_ref(state, pt_registry_index())
        pushStackHostFunction { [unowned self] state in try self.moduleChunk(state) }
        let source = luaL_ref(state, pt_registry_index())
        // prelude(match, module_chunk) -> proxy of the globals, their record, readonly()
        lua_rawgeti(state, pt_registry_index(), lua_Integer(prelude.reference))
        lua_rawgeti(state, pt_registry_index(), lua_Integer(match))
        lua_rawgeti(state, pt_registry_index(), lua_Integer(source))
        lua_pushinteger(state, lua_Integer(limits.nativePatternSteps))
        guard pt_pcall(state, 3, 3) == LUA_OK else {
            throw LuaError(.runtime, "sandbox set-up failed: \(stringAt(-1) ?? "?")")
        }
        readonlyReference = luaL_ref(state, pt_registry_index())
        globalsReference = luaL_ref(state, pt_registry_index())
        // every chunk loaded from now on sees the read-only globals
        lua_rawseti(state, pt_registry_index(), lua_Integer(pt_globals_index()))
        luaL_unref(state, pt_registry_index(), match)
        luaL_unref(state, pt_registry_index(), source)
    }

    /// `module_chunk(name)` of the prelude's `require`: the module compiled (once per process)
    /// and loaded, or `nil` and the syntax error.
    private func moduleChunk(_ state: OpaquePointer) throws -> Int32 {
        guard let name = LuaArguments(runtime: self, count: Int(lua_gettop(state))).string(0) else {
            throw LuaError(.refused, "require: module name must be a string")
        }
        switch try LuaModuleLoader.bytecode(of: name, from: modules) {
        case .success(let bytecode):
            try push(bytecode)
            return 1
        case .failure(let error):
            lua_pushnil(state)
            pushString(error.message)
            return 2
        }
    }
}

@available(*, unavailable)
extension LuaRuntime: Sendable {}

/// A compiled Lua function held by a runtime (a registry reference, freed with the runtime).
public struct LuaFunction {
    let runtime: LuaRuntime
    let reference: Int32
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
