internal import CLua
internal import CLuaHost

/// The one owner of a `lua_State`, and the only Swift code that calls Lua's C API.
///
/// The raw state is never handed out. It is lent as a ``LuaStack`` inside a scope that is
/// - **protected**: every call that may raise (anything that allocates) runs in C under a guard
///   the panic handler jumps back to, or under `lua_pcall`; nothing longjmps across Swift;
/// - **checked**: the scope asks for its stack space up front and throws when it is refused;
///   deeper pushes ask again with ``LuaStack/reserve(_:)``;
/// - **budget-aware**: the memory budget is suspended while Swift works on the state, so no
///   allocation is refused in the middle of Swift code; callers check it afterwards;
/// - **balanced**: the stack top is restored when the scope ends.
///
/// A state whose error escaped every guard (only when `malloc` itself fails) is *poisoned*:
/// Lua has reset its stack, so every later scope and call throws a contained error.
final class LuaState {
    private let raw: OpaquePointer
    private let info: UnsafeMutablePointer<pt_state_info>

    /// A new state with the limiting allocator, the panic handler and the libraries the sandbox
    /// keeps (base, string, table, math, utf8), watched for its time budget.
    init(memoryBudget: Int, timeBudget: Duration, instructionBudget: Int?) throws {
        info = UnsafeMutablePointer<pt_state_info>.allocate(capacity: 1)
        info.initialize(to: pt_state_info())
        guard let state = pt_open(info) else {
            info.deallocate()
            throw LuaError(.memory, "cannot create a Lua state: not enough memory")
        }
        raw = state
        info.pointee.instructions = Int32(clamping: instructionBudget ?? 0)
        info.pointee.limit = memoryBudget > 0 ? memoryBudget : 0
        let (seconds, attoseconds) = timeBudget.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        pt_watch(info, nanoseconds.overflow ? Int64.max : nanoseconds.partialValue &+ attoseconds / 1_000_000_000)
    }

    deinit {
        pt_unwatch(info)
        pt_close(info)
        info.deallocate()
    }

    /// The Swift object a host function's trampoline finds through the state.
    var host: UnsafeMutableRawPointer? {
        get { info.pointee.host }
        set { info.pointee.host = newValue }
    }

    /// The host object of the state a C callback received.
    static func host(of state: OpaquePointer?) -> UnsafeMutableRawPointer? {
        guard let state else { return nil }
        return pt_host_of(state)
    }

    /// Bytes the state holds now, and the most it has held.
    var memoryInUse: Int { info.pointee.used }
    var peakMemory: Int { info.pointee.peak }
    /// The memory budget in bytes (0 = none).
    var memoryLimit: Int {
        get { info.pointee.limit }
        set { info.pointee.limit = newValue }
    }
    /// Whether an error escaped to the panic handler (the state is unusable).
    var isPoisoned: Bool { info.pointee.broken & Int32(PT_BROKEN_STATE) != 0 }

    /// Lets a kept value go (writing an existing registry slot: nothing allocates or raises).
    func release(reference: Int32) { pt_unref(raw, reference) }

    /// Tests only: the next allocation fails as if `malloc` had (the panic handler's path).
    func failNextAllocation() { info.pointee.fail_next_allocation = 1 }

    /// Tests only: the entries of the registry, to count what references leak.
    var registryCount: Int { Int(pt_registry_count(raw)) }

    // MARK: - Scopes

    /// Lends the stack with room for `slots` more values and the memory budget suspended;
    /// restores the top afterwards. Throws when the room is refused or the state is poisoned.
    @inline(__always)
    func scope<T>(slots: Int32, _ body: (LuaStack) throws -> T) throws -> T {
        let stack = LuaStack(raw: raw, info: info)
        try checkUsable()
        let top = lua_gettop(raw)
        info.pointee.suspended += 1
        defer {
            info.pointee.suspended -= 1
            if info.pointee.broken & Int32(PT_BROKEN_STATE) == 0 {
                lua_settop(raw, top)
                pt_clear_scope_failure(raw)
            }
        }
        try stack.reserve(slots)
        let result = try body(stack)
        try checkUsable()
        return result
    }

    /// Lends the stack of a host function's frame (arguments at 1...n; its results are left on
    /// top): no top to restore, the budget already suspended by the trampoline.
    @inline(__always)
    func hostFrame<T>(slots: Int32, _ body: (LuaStack) throws -> T) throws -> T {
        let stack = LuaStack(raw: raw, info: info)
        try checkUsable()
        try stack.reserve(slots)
        let result = try body(stack)
        try checkUsable()
        return result
    }

    /// A host function's failure: the stack cut back to its arguments (`top`), the message
    /// pushed and its kind recorded for the trampoline, which raises it.
    func hostFailure(message: String, kind: LuaError.Kind, top: Int32) -> Int32 {
        pt_clear_scope_failure(raw)
        let stack = LuaStack(raw: raw, info: info)
        stack.setTop(top)
        stack.push(message)
        stack.recordHostError(kind)
        return LuaStack.hostError
    }

    /// Throws when an operation of the scope failed (not enough memory, no room on the stack)
    /// or the state is poisoned.
    func checkUsable() throws {
        let broken = info.pointee.broken
        if broken & Int32(PT_BROKEN_STATE) != 0 { throw LuaState.poisonedError }
        if broken != 0 { throw LuaError(.memory, "not enough memory for the values the host passes to Lua") }
    }

    static let poisonedError = LuaError(.memory, "the Lua state can no longer be used: an allocation failed where Lua could not report it (the host stopped it)")

    /// A full garbage collection (outside calls).
    func collectGarbage() { if info.pointee.broken == 0 { pt_gc_collect(raw) } }

    /// After pushing with the budget suspended: when the state holds more than its budget even
    /// after a full collection, throws, naming what was pushed.
    func checkBudget(after what: String) throws {
        let limit = info.pointee.limit
        guard limit > 0, info.pointee.used > limit, info.pointee.broken == 0 else { return }
        collectGarbage()
        if info.pointee.used > limit {
            throw LuaError(.memory, "not enough memory: \(what) exceed the memory budget of \(limit) bytes")
        }
    }

    // MARK: - Compiling

    /// Compiles text in a bare state (no library runs) and returns its bytecode, or the
    /// located syntax error.
    static func compile(_ source: String, chunkName: String) throws -> [UInt8] {
        var buffer = pt_buffer(bytes: nil, size: 0, capacity: 0)
        defer { pt_free(buffer.bytes) }
        var message: UnsafeMutablePointer<CChar>?
        defer { pt_free(message) }
        let status = source.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                pt_compile(chars.baseAddress, chars.count, "=" + chunkName, &buffer, &message)
            }
        } ?? {
            var copy = source
            return copy.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    pt_compile(chars.baseAddress, chars.count, "=" + chunkName, &buffer, &message)
                }
            }
        }()
        guard status == LUA_OK else {
            let text = message.map { String(cString: $0) } ?? "\(chunkName): not enough memory"
            throw LuaError(status == LUA_ERRSYNTAX ? .syntax : .memory, text)
        }
        guard let start = buffer.bytes else { throw LuaError(.memory, "\(chunkName): cannot keep the compiled chunk") }
        return Array(UnsafeBufferPointer(start: start, count: buffer.size))
    }

    // MARK: - The time budget's signal

    /// The real-time signal that stops a call past its time budget (see ``LuaLimits``).
    static var timeBudgetSignal: Int32 { pt_time_signal() }

    /// Chooses the signal before the first runtime exists; false when too late or not real-time.
    static func setTimeBudgetSignal(_ number: Int32) -> Bool { pt_time_signal_set(number) == 0 }

    /// How often the watchdog looks at running calls.
    static func setWatchdogTick(_ tick: Duration) {
        let (seconds, attoseconds) = tick.components
        pt_watchdog_set_tick(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

@available(*, unavailable)
extension LuaState: Sendable {}

/// Why a call or a load failed, as the C side recorded it.
enum LuaFailureKind {
    case runtime, syntax, memory, time, instructions, pattern, marshalling, refused, stack, broken

    init(code: Int32) {
        switch code {
        case Int32(PT_KIND_SYNTAX): self = .syntax
        case Int32(PT_KIND_MEMORY): self = .memory
        case Int32(PT_KIND_TIME): self = .time
        case Int32(PT_KIND_INSTRUCTIONS): self = .instructions
        case Int32(PT_KIND_PATTERN): self = .pattern
        case Int32(PT_KIND_MARSHALLING): self = .marshalling
        case Int32(PT_KIND_REFUSED): self = .refused
        case Int32(PT_KIND_STACK): self = .stack
        case Int32(PT_KIND_PANIC): self = .broken
        default: self = .runtime
        }
    }

    /// The code a host function's error is recorded with.
    static func code(of kind: LuaError.Kind) -> Int32 {
        switch kind {
        case .syntax: Int32(PT_KIND_SYNTAX)
        case .runtime: Int32(PT_KIND_RUNTIME)
        case .memory: Int32(PT_KIND_MEMORY)
        case .timeBudget: Int32(PT_KIND_TIME)
        case .instructionBudget: Int32(PT_KIND_INSTRUCTIONS)
        case .patternBudget: Int32(PT_KIND_PATTERN)
        case .marshalling: Int32(PT_KIND_MARSHALLING)
        case .refused: Int32(PT_KIND_REFUSED)
        }
    }
}

/// The Lua stack, lent by ``LuaState`` inside a scope: valid only there.
///
/// Pushes that allocate go through C guards; when one fails the state is poisoned and every
/// later push does nothing (the scope then throws). Table access is raw: no metamethod runs.
struct LuaStack {
    fileprivate let raw: OpaquePointer
    fileprivate let info: UnsafeMutablePointer<pt_state_info>

    /// The type codes of Lua's values.
    static let none = LUA_TNONE, nilType = LUA_TNIL, boolean = LUA_TBOOLEAN, number = LUA_TNUMBER,
               string = LUA_TSTRING, table = LUA_TTABLE, function = LUA_TFUNCTION

    @inline(__always) private var usable: Bool { info.pointee.broken == 0 }

    /// Asks for room for `slots` more values; throws when Lua refuses.
    func reserve(_ slots: Int32) throws {
        try check()
        guard pt_checkstack(raw, slots) != 0 else {
            throw LuaError(.memory, "no room on the Lua stack for \(slots) more values")
        }
    }

    /// Throws when an operation since the scope began failed.
    func check() throws {
        if info.pointee.broken != 0 {
            if info.pointee.broken & Int32(PT_BROKEN_STATE) != 0 { throw LuaState.poisonedError }
            throw LuaError(.memory, "not enough memory for the values the host passes to Lua")
        }
    }

    // MARK: Positions

    @inline(__always) var top: Int32 { lua_gettop(raw) }
    @inline(__always) func setTop(_ index: Int32) { if usable { lua_settop(raw, index) } }
    @inline(__always) func pop(_ count: Int32 = 1) { if usable { lua_settop(raw, -count - 1) } }
    @inline(__always) func absolute(_ index: Int32) -> Int32 { lua_absindex(raw, index) }

    // MARK: Reading

    @inline(__always) func type(at index: Int32) -> Int32 { usable ? lua_type(raw, index) : LUA_TNONE }
    func typeName(at index: Int32) -> String { String(cString: lua_typename(raw, type(at: index))) }
    @inline(__always) func isTable(at index: Int32) -> Bool { type(at: index) == LUA_TTABLE }

    /// The string at `index`, if it is a string (numbers are not converted).
    @inline(__always) func string(at index: Int32) -> String? {
        guard let bytes = bytes(at: index) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of the string at `index` in place (valid while it stays on the stack).
    @inline(__always) func bytes(at index: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard type(at: index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let pointer = pt_tolstring(raw, index, &length) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// The integer at `index` when it is a number with an integer representation... of subtype integer.
    @inline(__always) func integer(at index: Int32) -> Int? {
        guard type(at: index) == LUA_TNUMBER, pt_isinteger(raw, index) != 0 else { return nil }
        var ok: Int32 = 0
        return Int(pt_tointeger(raw, index, &ok))
    }

    /// The number at `index` converted to an integer when it has an exact one (`nil` otherwise).
    @inline(__always) func integerValue(at index: Int32) -> Int? {
        var ok: Int32 = 0
        let value = pt_tointeger(raw, index, &ok)
        return ok != 0 ? Int(value) : nil
    }

    @inline(__always) func number(at index: Int32) -> Double {
        var ok: Int32 = 0
        return pt_tonumber(raw, index, &ok)
    }

    @inline(__always) func isInteger(at index: Int32) -> Bool { pt_isinteger(raw, index) != 0 }
    @inline(__always) func boolean(at index: Int32) -> Bool { usable && lua_toboolean(raw, index) != 0 }
    /// The identity of a table (for cycle checks).
    @inline(__always) func identity(at index: Int32) -> UnsafeRawPointer? { usable ? lua_topointer(raw, index) : nil }

    /// Pops a key and pushes the next key and value of the table at `table` (raw); false at the end.
    @inline(__always) func next(_ table: Int32) -> Bool { usable && lua_next(raw, table) != 0 }

    // MARK: Pushing

    @inline(__always) func pushNil() { if usable { lua_pushnil(raw) } }
    @inline(__always) func push(_ flag: Bool) { if usable { lua_pushboolean(raw, flag ? 1 : 0) } }
    @inline(__always) func push(_ number: Int) { if usable { lua_pushinteger(raw, lua_Integer(number)) } }
    @inline(__always) func push(_ number: Double) { if usable { lua_pushnumber(raw, number) } }
    @inline(__always) func pushCopy(of index: Int32) { if usable { lua_pushvalue(raw, index) } }

    @inline(__always) func push(bytes: UnsafeBufferPointer<UInt8>) {
        bytes.withMemoryRebound(to: CChar.self) { chars in _ = pt_guarded_pushlstring(raw, chars.baseAddress, chars.count) }
    }

    @inline(__always) func push(bytes: UnsafeRawPointer, count: Int) {
        _ = pt_guarded_pushlstring(raw, bytes.assumingMemoryBound(to: CChar.self), count)
    }

    @inline(__always) func push(_ text: String) {
        var text = text
        text.withUTF8 { push(bytes: $0) }
    }

    /// Pushes a day as YYYY-MM-DD.
    @inline(__always) func push(year: Int32, month: Int32, day: Int32) {
        _ = pt_guarded_pushday(raw, year, month, day)
    }

    @inline(__always) func newTable(array: Int32, record: Int32) { _ = pt_guarded_createtable(raw, array, record) }

    /// `table[key] = value` (raw) with the key and value on top; pops both.
    @inline(__always) func rawSet(_ table: Int32) { _ = pt_guarded_rawset(raw, table) }
    /// `table[n] = value` (raw) with the value on top; pops it.
    @inline(__always) func rawSet(_ table: Int32, index n: Int) { _ = pt_guarded_rawseti(raw, table, lua_Integer(n)) }
    /// The `count` key-value pairs on top go into the table below them (raw, in order); pops them.
    @inline(__always) func setFields(_ count: Int32) { _ = pt_guarded_setfields(raw, count) }
    /// The `count` values on top become elements `first...` of the table below them; pops them.
    @inline(__always) func setElements(_ count: Int32, from first: Int) { _ = pt_guarded_setlist(raw, count, lua_Integer(first)) }
    /// Pushes `table[n]` (raw).
    @inline(__always) func rawGet(_ table: Int32, index n: Int) { if usable { lua_rawgeti(raw, table, lua_Integer(n)) } }
    /// The raw length of the table at `index` (`#t` without `__len`), 0 for other values.
    @inline(__always) func rawLength(at index: Int32) -> Int { usable && lua_type(raw, index) == LUA_TTABLE ? Int(lua_rawlen(raw, index)) : 0 }
    /// Pushes `table[key]` (raw) for a string key.
    func rawGet(_ table: Int32, field: String) {
        let table = absolute(table)
        push(field)
        if usable { lua_rawget(raw, table) }
    }

    // MARK: Fields by string key (the public call)

    /// `table[key] = value` (raw) with the value on top; pops it. Key and set under one guard.
    @inline(__always) func setField(_ table: Int32, key: UnsafeBufferPointer<UInt8>) {
        key.withMemoryRebound(to: CChar.self) { chars in _ = pt_guarded_setfield(raw, table, chars.baseAddress, chars.count) }
    }

    /// Pushes `table[key]` (raw); its type (``none`` when the key could not be pushed).
    @inline(__always) func field(_ table: Int32, key: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard usable else { return LUA_TNONE }
        return key.withMemoryRebound(to: CChar.self) { chars in pt_rawget_field(raw, table, chars.baseAddress, chars.count) }
    }

    /// `table[key]` (or `table[position]` when `key` is `nil`), raw, read as a scalar in place.
    @inline(__always) func scalar(_ table: Int32, key: UnsafeBufferPointer<UInt8>?, position: Int = 0) -> LuaScalar {
        guard usable else { return LuaScalar(type: LUA_TNONE, value: pt_scalar()) }
        var value = pt_scalar()
        let type = key.map { key in
            key.withMemoryRebound(to: CChar.self) { chars in pt_rawget_scalar(raw, table, chars.baseAddress, chars.count, 0, &value) }
        } ?? pt_rawget_scalar(raw, table, nil, 0, lua_Integer(position), &value)
        return LuaScalar(type: type, value: value)
    }

    /// The `keys.count` values on top become the fields of a new table, value `i` under the C
    /// string `keys[i]` (kept at the same address from call to call; `nil` leaves the field
    /// absent); the values are replaced by the table. The table and its fields under one guard;
    /// needs 3 free slots.
    @inline(__always) func record(keys: UnsafeMutableBufferPointer<UnsafePointer<CChar>?>) {
        if usable { _ = pt_guarded_record(raw, keys.baseAddress, Int32(keys.count)) }
    }

    /// `table[key]` (raw), the key being the string kept at registry reference `key`, read as a
    /// scalar in place (one free slot).
    @inline(__always) func scalar(_ table: Int32, keptKey key: Int32) -> LuaScalar {
        guard usable else { return LuaScalar(type: LUA_TNONE, value: pt_scalar()) }
        var value = pt_scalar()
        let type = pt_rawget_kept_key(raw, table, key, &value)
        return LuaScalar(type: type, value: value)
    }

    // MARK: References

    /// Pushes the value kept in the registry under `reference`.
    @inline(__always) func push(reference: Int32) { if usable { lua_rawgeti(raw, pt_registry_index(), lua_Integer(reference)) } }
    /// Pops the top value into the registry; its reference (`nil` when the state failed).
    @inline(__always) func makeReference() -> Int32? {
        let reference = pt_guarded_ref(raw)
        return reference == LUA_NOREF ? nil : reference
    }
    /// Lets a kept value go.
    @inline(__always) func release(reference: Int32) { pt_unref(raw, reference) }
    /// Pops the top value into the registry's globals slot (what every chunk sees as `_ENV`).
    func setGlobals() { rawSet(pt_registry_index(), index: Int(pt_globals_index())) }

    // MARK: Calls

    /// Calls the function below the `arguments` on top, under the limits; Lua's status and,
    /// on failure, why (recorded by the C side) with the message on top.
    @inline(__always) func call(arguments: Int32, results: Int32) -> (ok: Bool, kind: LuaFailureKind) {
        let status = pt_call(raw, arguments, results)
        return status == LUA_OK ? (true, .runtime) : (false, LuaFailureKind(code: info.pointee.fail_kind))
    }

    static let allResults = LUA_MULTRET

    /// Pushes the function of a text chunk (mode "t") or of the host's bytecode ("b"); on
    /// failure the message is on top.
    func load(_ bytes: UnsafeBufferPointer<UInt8>, name: String, binary: Bool) -> (ok: Bool, kind: LuaFailureKind) {
        let status = bytes.withMemoryRebound(to: CChar.self) { chars in
            pt_load(raw, chars.baseAddress, chars.count, "=" + name, binary ? "b" : "t")
        }
        return status == LUA_OK ? (true, .runtime) : (false, LuaFailureKind(code: info.pointee.fail_kind))
    }

    /// Pushes a host function: the trampoline calls `entry` with `index`.
    func pushHostFunction(_ entry: @convention(c) (OpaquePointer?) -> Int32, index: Int) {
        _ = pt_push_host_function(raw, entry, lua_Integer(index))
    }

    /// The index a host function was pushed with (inside its call).
    var hostFunctionIndex: Int { Int(pt_host_function_index(raw)) }

    /// Records why the host function about to return `hostError` failed.
    func recordHostError(_ kind: LuaError.Kind) { info.pointee.host_error_kind = LuaFailureKind.code(of: kind) }

    // MARK: - Where plugin code is (traces)

    /// Locates the return of the function at `index` in the next outer call: afterwards
    /// ``locatedReturn()`` is the line of its `return` (of its tail call, or of its end).
    /// `tailCalls` is the function's ``tailCalls(ofFunctionAt:)``: unless the function
    /// tail-calls from several lines, only return events are hooked.
    func locateReturn(ofFunctionAt index: Int32, tailCalls: TailCalls) {
        guard usable else { return }
        let line: Int32 = switch tailCalls {
        case .none: 0
        case .line(let line): Int32(clamping: line)
        case .several: -1
        }
        pt_locate_return(raw, index, line)
    }

    /// Where a Lua function leaves through a tail call (`return f(...)`), from its bytecode.
    enum TailCalls: Equatable {
        /// It makes none (or it is a C function).
        case none
        /// All of them are on this line.
        case line(Int)
        /// On several lines, or the bytecode could not be read.
        case several
    }

    /// The tail calls of the function at `index` (one slot of stack space needed).
    func tailCalls(ofFunctionAt index: Int32) -> TailCalls {
        guard usable else { return .several }
        let line = Int(pt_tail_call_line(raw, index))
        return line == 0 ? .none : line > 0 ? .line(line) : .several
    }

    /// The line found since ``locateReturn(ofFunctionAt:)`` (nil when not known); stops locating.
    func locatedReturn() -> Int? {
        let line = Int(pt_located_return(raw))
        return line > 0 ? line : nil
    }

    /// The line on which the Lua function at `index` is defined (nil for a C function).
    func definitionLine(ofFunctionAt index: Int32) -> Int? {
        guard usable else { return nil }
        let line = Int(pt_definition_line(raw, index))
        return line > 0 ? line : nil
    }

    /// The file and line of the innermost frame of plugin code from `level` up (1 = the caller
    /// of the running host function), if there is one.
    /// When the file is `usual`, that string is returned (no new one is made).
    func location(level: Int32, usually usual: String? = nil) -> (file: String, line: Int)? {
        guard usable else { return nil }
        // LUA_IDSIZE (60) bytes hold any short source name
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let line = Int(buffer.withMemoryRebound(to: CChar.self) { pt_caller_location(raw, level, $0.baseAddress!, $0.count) })
            guard line > 0 else { return nil }
            let name = UnsafeBufferPointer(rebasing: buffer[..<(buffer.firstIndex(of: 0) ?? buffer.count)])
            if let usual, usual.utf8.count == name.count,
               usual.utf8.withContiguousStorageIfAvailable({ LuaStack.same($0, name) }) ?? usual.utf8.elementsEqual(name) {
                return (usual, line)
            }
            return (String(decoding: name, as: UTF8.self), line)
        }
    }

    /// Whether two byte buffers of the same length hold the same bytes (a plain loop: the
    /// generic comparison of a string's UTF-8 view costs far more).
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    /// The value a host function returns to report the error on top of the stack.
    static let hostError = Int32(PT_HOST_ERROR)
}

/// A scalar read from a table in place (``LuaStack/scalar(_:key:position:)``): its type and value.
struct LuaScalar {
    let type: Int32
    fileprivate let value: pt_scalar

    fileprivate init(type: Int32, value: pt_scalar) {
        self.type = type
        self.value = value
    }

    /// The string (the table keeps its bytes alive until the value is changed).
    var string: String? {
        guard type == LuaStack.string, let bytes = value.string else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: value.length), as: UTF8.self)
    }
    var number: Double? { type == LuaStack.number ? value.number : nil }
    /// An integer, or a float with an exact integer value.
    var integer: Int? { type == LuaStack.number && value.is_integer != 0 ? Int(value.integer) : nil }
    var bool: Bool? { type == LuaStack.boolean ? value.integer != 0 : nil }
}

