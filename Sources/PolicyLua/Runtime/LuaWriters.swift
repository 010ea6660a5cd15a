/// What the public writers share during one call: the plugin path's stack writer (interned
/// strings, fields set in batches), the first error, the depth of open tables and the values
/// written at the top (the arguments). Lives on the Swift stack of
/// ``LuaRuntime/call(_:arguments:results:)``; the writers point at it.
struct LuaWriteState {
    var writer: LuaStackWriter
    let stack: LuaStack
    unowned(unsafe) let runtime: LuaRuntime
    /// The first value that could not be written; nothing more is written after it, and the
    /// call throws it instead of running.
    var failure: LuaError?
    /// Tables open now.
    var depth = 0
    /// Values written at the top: the call's arguments.
    var arguments: Int32 = 0
    /// The deepest nesting the writers open (the stack writer's reserve, and the limits).
    let maximumDepth: Int

    init(writer: LuaStackWriter, stack: LuaStack, runtime: LuaRuntime) {
        self.writer = writer
        self.stack = stack
        self.runtime = runtime
        maximumDepth = min(LuaStackWriter.maximumOpenTables - 1, runtime.limits.maximumDepth)
    }

    /// Whether the next value may be written: no failure so far, and room on the stack for an
    /// argument (every 8 arguments, room for 8 more and the deepest tables).
    @inline(__always) mutating func begin() -> Bool {
        guard failure == nil else { return false }
        if depth == 0 {
            if arguments % 8 == 0 {
                do { try stack.reserve(8 + LuaStackWriter.slots) } catch let error as LuaError {
                    failure = error
                    return false
                } catch { return false }
            }
            arguments += 1
        }
        return true
    }

    mutating func fail(_ message: String) {
        if failure == nil { failure = LuaError(.marshalling, message) }
    }

    @inline(__always) mutating func string(_ text: String) { writer.string(text) }
    @inline(__always) mutating func integer(_ value: Int) { writer.integer(value) }
    @inline(__always) mutating func bool(_ value: Bool) { writer.bool(value) }

    @inline(__always) mutating func double(_ value: Double) {
        if value.isNaN {
            fail("cannot pass NaN to Lua where a number is required")
        } else {
            writer.double(value)
        }
    }

    mutating func null() {
        stack.pushNil()
        writer.place()
    }

    mutating func value(_ value: LuaValue) {
        do {
            try runtime.push(value, depth: depth, on: stack)
            writer.place()
        } catch let error as LuaError {
            if failure == nil { failure = error }
        } catch {
            fail(String(describing: error))
        }
    }

    mutating func function(_ function: LuaFunction) {
        guard function.runtime === runtime else { return fail("a LuaFunction belongs to the runtime that loaded it") }
        stack.push(reference: function.reference)
        writer.place()
    }

    mutating func table(_ table: LuaTable) {
        guard table.runtime === runtime else { return fail("a LuaTable belongs to the runtime that made it") }
        stack.push(reference: table.reference)
        writer.place()
    }

    /// Opens a table (a new record or array, or a kept table to refill); false when too deep.
    mutating func open(_ kind: OpenKind, capacity: Int) -> Bool {
        guard depth < maximumDepth else {
            fail("cannot pass a value nested deeper than \(maximumDepth) tables to Lua")
            return false
        }
        depth += 1
        switch kind {
        case .record: writer.beginRecord(capacity: capacity)
        case .array: writer.beginArray(capacity: capacity)
        case .kept(let table):
            guard table.runtime === runtime else {
                depth -= 1
                fail("a LuaTable belongs to the runtime that made it")
                return false
            }
            writer.reopenRecord(reference: table.reference)
        }
        return true
    }

    /// Closes the innermost table. After a failure nothing is set any more: the stack may hold
    /// a key without its value, or part of a value, and the call throws without using it (the
    /// scope restores the stack).
    mutating func close() {
        depth -= 1
        if failure == nil { writer.endTable() }
    }

    enum OpenKind {
        case record, array
        case kept(LuaTable)
    }
}

/// Writes a sequence of values straight into the Lua state: the arguments of a call
/// (``LuaRuntime/call(_:arguments:results:)``) or the elements of an array.
///
/// Nothing is built in Swift first: each value goes onto the Lua stack as it is written, tables
/// field by field. Lent to a closure and valid only there (the type can be neither copied nor
/// kept). A value that cannot cross (NaN, a table nested deeper than ``LuaLimits/maximumDepth``,
/// a function of another runtime) makes the call throw ``LuaError/Kind/marshalling`` before
/// anything runs.
///
/// ```swift
/// try lua.call(rule, arguments: { arguments in
///     arguments.appendRecord(capacity: 2) { indicator in
///         indicator.set("value", 42.5)
///         indicator.set("target", 100)
///     }
///     arguments.append("P6")
/// }, results: { results in results.string(0) })
/// ```
public struct LuaValuesWriter: ~Copyable {
    private let state: UnsafeMutablePointer<LuaWriteState>

    init(state: UnsafeMutablePointer<LuaWriteState>) { self.state = state }

    /// A string.
    public mutating func append(_ text: String) { if state.pointee.begin() { state.pointee.string(text) } }
    /// An integer.
    public mutating func append(_ number: Int) { if state.pointee.begin() { state.pointee.integer(number) } }
    /// A float (NaN cannot be passed).
    public mutating func append(_ number: Double) { if state.pointee.begin() { state.pointee.double(number) } }
    /// A boolean.
    public mutating func append(_ flag: Bool) { if state.pointee.begin() { state.pointee.bool(flag) } }
    /// Any Swift value, converted (tables entirely).
    public mutating func append(_ value: LuaValue) { if state.pointee.begin() { state.pointee.value(value) } }
    /// `nil`.
    public mutating func appendNil() { if state.pointee.begin() { state.pointee.null() } }
    /// A function kept in Swift (of this runtime).
    public mutating func append(_ function: LuaFunction) { if state.pointee.begin() { state.pointee.function(function) } }
    /// A table kept in Swift (of this runtime), as it is.
    public mutating func append(_ table: LuaTable) { if state.pointee.begin() { state.pointee.table(table) } }

    /// A kept table, refilled first: the fields `body` sets replace those of the same key (set
    /// `nil` to remove one); the others stay.
    public mutating func append(_ table: LuaTable, refilling body: (inout LuaRecordWriter) throws -> Void) rethrows {
        guard state.pointee.begin(), state.pointee.open(.kept(table), capacity: 0) else { return }
        var record = LuaRecordWriter(state: state)
        try body(&record)
        state.pointee.close()
    }

    /// A new table with string keys, written field by field by `body`.
    public mutating func appendRecord(capacity: Int = 0, _ body: (inout LuaRecordWriter) throws -> Void) rethrows {
        guard state.pointee.begin(), state.pointee.open(.record, capacity: capacity) else { return }
        var record = LuaRecordWriter(state: state)
        try body(&record)
        state.pointee.close()
    }

    /// A new array (keys 1...n), written element by element by `body`.
    public mutating func appendArray(capacity: Int = 0, _ body: (inout LuaValuesWriter) throws -> Void) rethrows {
        guard state.pointee.begin(), state.pointee.open(.array, capacity: capacity) else { return }
        var array = LuaValuesWriter(state: state)
        try body(&array)
        state.pointee.close()
    }
}

@available(*, unavailable)
extension LuaValuesWriter: Sendable {}

/// Writes the fields of a table straight into the Lua state, by string key: lent by
/// ``LuaValuesWriter/appendRecord(capacity:_:)`` and the nested `set` functions, valid only in
/// that closure.
///
/// Keys and short strings are interned once per state, and fields are set in batches, as the
/// evaluator writes the tables it gives plugins. Setting `nil` leaves the field absent (or removes
/// it from a refilled table).
public struct LuaRecordWriter: ~Copyable {
    private let state: UnsafeMutablePointer<LuaWriteState>

    init(state: UnsafeMutablePointer<LuaWriteState>) { self.state = state }

    @inline(__always) private func key(_ key: String) -> Bool {
        guard state.pointee.begin() else { return false }
        state.pointee.writer.key(named: key)
        return true
    }

    /// `table[key] = text`.
    public mutating func set(_ key: String, _ text: String) { if self.key(key) { state.pointee.string(text) } }
    /// `table[key] = number` (an integer).
    public mutating func set(_ key: String, _ number: Int) { if self.key(key) { state.pointee.integer(number) } }
    /// `table[key] = number` (a float; NaN cannot be passed).
    public mutating func set(_ key: String, _ number: Double) {
        if number.isNaN { return state.pointee.fail("cannot pass NaN to Lua where a number is required (field '\(key)')") }
        if self.key(key) { state.pointee.double(number) }
    }
    /// `table[key] = flag`.
    public mutating func set(_ key: String, _ flag: Bool) { if self.key(key) { state.pointee.bool(flag) } }
    /// `table[key] = value`, converted (tables entirely; `.nil` removes the field).
    public mutating func set(_ key: String, _ value: LuaValue) { if self.key(key) { state.pointee.value(value) } }
    /// `table[key] = function` (a function kept in Swift, of this runtime).
    public mutating func set(_ key: String, _ function: LuaFunction) { if self.key(key) { state.pointee.function(function) } }
    /// `table[key] = table` (a table kept in Swift, of this runtime, as it is).
    public mutating func set(_ key: String, _ table: LuaTable) { if self.key(key) { state.pointee.table(table) } }
    /// Removes field `key` (a new table simply does not get it).
    public mutating func setNil(_ key: String) { if self.key(key) { state.pointee.null() } }

    /// `table[key]` = a new table with string keys, written by `body`.
    public mutating func setRecord(_ key: String, capacity: Int = 0, _ body: (inout LuaRecordWriter) throws -> Void) rethrows {
        guard self.key(key), state.pointee.open(.record, capacity: capacity) else { return }
        try body(&self)
        state.pointee.close()
    }

    /// `table[key]` = a new array, written element by element by `body`.
    public mutating func setArray(_ key: String, capacity: Int = 0, _ body: (inout LuaValuesWriter) throws -> Void) rethrows {
        guard self.key(key), state.pointee.open(.array, capacity: capacity) else { return }
        var array = LuaValuesWriter(state: state)
        try body(&array)
        state.pointee.close()
    }
}

@available(*, unavailable)
extension LuaRecordWriter: Sendable {}
