/// What the public writers share during one call: the stack, the first error, the depth of open
/// tables and the values written at the top (the arguments). Lives on the Swift stack of
/// ``LuaRuntime/call(_:arguments:results:)``; the writers point at it.
///
/// The table being written is always on top of the stack: a scalar is pushed and set into it at
/// once (one guarded call sets a field with its key), a nested table is made on top, written, and
/// then set into its parent.
struct LuaWriteState {
    let stack: LuaStack
    unowned(unsafe) let runtime: LuaRuntime
    /// The first value that could not be written; nothing more is written after it, and the
    /// call throws it instead of running.
    var failure: LuaError?
    /// Tables open now.
    var depth = 0
    /// Values written at the top: the call's arguments.
    var arguments: Int32 = 0
    /// The deepest nesting the writers open (the limits).
    let maximumDepth: Int

    init(stack: LuaStack, runtime: LuaRuntime) {
        self.stack = stack
        self.runtime = runtime
        maximumDepth = runtime.limits.maximumDepth
    }

    /// Whether the next value may be written: no failure so far, and room on the stack for an
    /// argument (every 8 arguments, room for 8 more).
    @inline(__always) mutating func begin() -> Bool {
        guard failure == nil else { return false }
        if depth == 0 {
            if arguments % 8 == 0 && !reserve(12) { return false }
            arguments += 1
        }
        return true
    }

    @inline(__always) mutating func reserve(_ slots: Int32) -> Bool {
        do {
            try stack.reserve(slots)
            return true
        } catch {
            failure = error as? LuaError ?? LuaError(.memory, "no room on the Lua stack")
            return false
        }
    }

    mutating func fail(_ message: String) {
        if failure == nil { failure = LuaError(.marshalling, message) }
    }

    /// A value the writers push as it is written.
    enum Scalar {
        case string(String), integer(Int), double(Double), bool(Bool), null
        case value(LuaValue), function(LuaFunction), table(LuaTable)
    }

    /// Pushes a value; false when it cannot cross (the failure is recorded, nothing pushed).
    @inline(__always) mutating func push(_ scalar: Scalar) -> Bool {
        switch scalar {
        case .string(let text): stack.push(text)
        case .integer(let number): stack.push(number)
        case .double(let number):
            guard !number.isNaN else {
                fail("cannot pass NaN to Lua where a number is required")
                return false
            }
            stack.push(number)
        case .bool(let flag): stack.push(flag)
        case .null: stack.pushNil()
        case .value(let value): return push(value)
        case .function(let function): return push(function)
        case .table(let table): return push(table)
        }
        return true
    }

    mutating func push(_ value: LuaValue) -> Bool {
        do {
            try runtime.push(value, depth: depth, on: stack)
            return true
        } catch {
            if failure == nil { failure = error as? LuaError ?? LuaError(.marshalling, String(describing: error)) }
            return false
        }
    }

    mutating func push(_ function: LuaFunction) -> Bool {
        push(reference: function.reference, of: function.runtime, "a LuaFunction belongs to the runtime that loaded it")
    }

    mutating func push(_ table: LuaTable) -> Bool {
        push(reference: table.reference, of: table.runtime, "a LuaTable belongs to the runtime that made it")
    }

    /// Pushes a kept value of `owner`; fails with `mismatch` when that is another runtime.
    private mutating func push(reference: Int32, of owner: LuaRuntime, _ mismatch: String) -> Bool {
        guard belongsHere(owner, mismatch) else { return false }
        stack.push(reference: reference)
        return true
    }

    /// Whether something of `owner` (a kept value, a record shape) may be written here; fails
    /// with `mismatch` when it belongs to another runtime.
    mutating func belongsHere(_ owner: LuaRuntime, _ mismatch: String) -> Bool {
        guard owner === runtime else {
            fail(mismatch)
            return false
        }
        return true
    }

    /// Whether one more table level may be opened (the nesting limit); fails when too deep.
    private mutating func hasDepthLeft() -> Bool {
        guard depth < maximumDepth else {
            fail("cannot pass a value nested deeper than \(maximumDepth) tables to Lua")
            return false
        }
        return true
    }

    /// One table level more, for a table made only when it is closed (a shaped record); false
    /// when too deep.
    mutating func enter() -> Bool {
        guard hasDepthLeft() else { return false }
        depth += 1
        return true
    }

    /// Opens a table on top (a new record or array, or a kept table to refill); false when too
    /// deep or refused.
    mutating func open(_ kind: OpenKind, capacity: Int) -> Bool {
        guard hasDepthLeft(), reserve(4) else { return false }
        switch kind {
        case .record: stack.newTable(array: 0, record: Int32(clamping: capacity))
        case .array: stack.newTable(array: Int32(clamping: capacity), record: 0)
        case .kept(let table): guard push(table) else { return false }
        }
        depth += 1
        return true
    }

    /// Closes the table on top: it stays there, to be set into its parent (or left as an argument).
    @inline(__always) mutating func close() { depth -= 1 }

    enum OpenKind {
        case record, array
        case kept(LuaTable)
    }
}

/// Where a ``LuaValuesWriter`` puts its values: the call's arguments or the values of a shaped
/// record (left on the stack), or the elements of the array on top (set one by one).
struct LuaSequence {
    /// Values stay on the stack (arguments, a shaped record's values) instead of going into the
    /// array on top.
    let leavesValues: Bool
    /// The most values it takes (a shaped record's keys: the stack room reserved for them).
    let limit: Int
    /// The position of the next value (from 1).
    var next = 1
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
    private var sequence: LuaSequence

    init(state: UnsafeMutablePointer<LuaWriteState>, arguments: Bool) {
        self.state = state
        sequence = LuaSequence(leavesValues: arguments, limit: .max)
    }

    /// The writer of a shaped record's values: they stay on the stack, at most `shape`'s keys.
    private init(state: UnsafeMutablePointer<LuaWriteState>, fieldsOf shape: LuaRecordShape) {
        self.state = state
        sequence = LuaSequence(leavesValues: true, limit: shape.keys.count)
    }

    /// Places the value on top: an argument or a shaped record's value stays, an element is set
    /// into the array below it.
    @inline(__always) private mutating func place() {
        if !sequence.leavesValues { state.pointee.stack.rawSet(-2, index: sequence.next) }
        sequence.next += 1
    }

    /// Whether one more value may be written here (a shaped record takes one per key).
    @inline(__always) private func accepts() -> Bool {
        guard sequence.next > sequence.limit else { return true }
        state.pointee.fail("more values than the \(sequence.limit) keys of the record shape")
        return false
    }

    /// Writes one value at the place of this writer.
    @inline(__always) private mutating func add(_ scalar: LuaWriteState.Scalar) {
        guard accepts(), state.pointee.begin(), state.pointee.push(scalar) else { return }
        place()
    }

    /// A string.
    public mutating func append(_ text: String) { add(.string(text)) }
    /// An integer.
    public mutating func append(_ number: Int) { add(.integer(number)) }
    /// A float (NaN cannot be passed).
    public mutating func append(_ number: Double) { add(.double(number)) }
    /// A boolean.
    public mutating func append(_ flag: Bool) { add(.bool(flag)) }
    /// Any Swift value, converted (tables entirely).
    public mutating func append(_ value: LuaValue) { add(.value(value)) }
    /// `nil`.
    public mutating func appendNil() { add(.null) }
    /// A function kept in Swift (of this runtime).
    public mutating func append(_ function: LuaFunction) { add(.function(function)) }
    /// A table kept in Swift (of this runtime), as it is.
    public mutating func append(_ table: LuaTable) { add(.table(table)) }

    /// A kept table, refilled first: the fields `body` sets replace those of the same key (set
    /// `nil` to remove one); the others stay.
    public mutating func append(_ table: LuaTable, refilling body: (inout LuaRecordWriter) throws -> Void) rethrows {
        try appendRecord(.kept(table), capacity: 0, body)
    }

    /// A new table with string keys, written field by field by `body`.
    public mutating func appendRecord(capacity: Int = 0, _ body: (inout LuaRecordWriter) throws -> Void) rethrows {
        try appendRecord(.record, capacity: capacity, body)
    }

    /// A new table with the keys of `shape`, its values written by `body` in the order of the
    /// keys, one per key (``appendNil()`` leaves that field absent; nested tables with
    /// ``appendRecord(capacity:_:)`` and the others). The table and all its fields are then made
    /// in one step, with no key made from its bytes (see ``LuaRecordShape``). Writing more or
    /// fewer values than the shape has keys makes the call throw ``LuaError/Kind/marshalling``.
    ///
    /// ```swift
    /// arguments.appendRecord(indicator) { fields in   // ["id", "value", "target"]
    ///     fields.append("IND-1")
    ///     fields.append(42.5)
    ///     fields.append(100)
    /// }
    /// ```
    public mutating func appendRecord(_ shape: LuaRecordShape, _ body: (inout LuaValuesWriter) throws -> Void) rethrows {
        guard accepts(), state.pointee.begin(),
              state.pointee.belongsHere(shape.runtime, "a LuaRecordShape belongs to the runtime that made it"),
              state.pointee.reserve(Int32(clamping: shape.keys.count + 3)), state.pointee.enter() else { return }
        var fields = LuaValuesWriter(state: state, fieldsOf: shape)
        try body(&fields)
        state.pointee.close()
        guard state.pointee.failure == nil else { return }
        let written = fields.sequence.next - 1
        guard written == shape.keys.count else {
            return state.pointee.fail("\(written) value\(written == 1 ? "" : "s") for the record shape's \(shape.described)")
        }
        state.pointee.stack.record(keys: shape.cKeys)
        place()
    }

    /// A record opened as `kind` (new or kept), written by `body`, then placed.
    private mutating func appendRecord(_ kind: LuaWriteState.OpenKind, capacity: Int, _ body: (inout LuaRecordWriter) throws -> Void) rethrows {
        guard accepts(), state.pointee.begin(), state.pointee.open(kind, capacity: capacity) else { return }
        var record = LuaRecordWriter(state: state)
        try body(&record)
        state.pointee.close()
        if state.pointee.failure == nil { place() }
    }

    /// A new array (keys 1...n), written element by element by `body`.
    public mutating func appendArray(capacity: Int = 0, _ body: (inout LuaValuesWriter) throws -> Void) rethrows {
        guard accepts(), state.pointee.begin(), state.pointee.open(.array, capacity: capacity) else { return }
        var array = LuaValuesWriter(state: state, arguments: false)
        try body(&array)
        state.pointee.close()
        if state.pointee.failure == nil { place() }
    }
}

@available(*, unavailable)
extension LuaValuesWriter: Sendable {}

/// Writes the fields of a table straight into the Lua state, by string key: lent by
/// ``LuaValuesWriter/appendRecord(capacity:_:)`` and the nested `set` functions, valid only in
/// that closure.
///
/// Each field is set as it is written (the key pushed and the field set under one guard of the C
/// side). Setting `nil` leaves the field absent (or removes it from a refilled table).
public struct LuaRecordWriter: ~Copyable {
    private let state: UnsafeMutablePointer<LuaWriteState>

    init(state: UnsafeMutablePointer<LuaWriteState>) { self.state = state }

    /// Sets the value on top into the table below it under `key`.
    @inline(__always) private func place(_ key: String) {
        var key = key
        key.withUTF8 { state.pointee.stack.setField(-2, key: $0) }
    }

    /// Writes one field.
    @inline(__always) private func put(_ key: String, _ scalar: LuaWriteState.Scalar) {
        if case .double(let number) = scalar, number.isNaN {
            return state.pointee.fail("cannot pass NaN to Lua where a number is required (field '\(key)')")
        }
        guard state.pointee.begin(), state.pointee.push(scalar) else { return }
        place(key)
    }

    /// `table[key] = text`.
    public mutating func set(_ key: String, _ text: String) { put(key, .string(text)) }
    /// `table[key] = number` (an integer).
    public mutating func set(_ key: String, _ number: Int) { put(key, .integer(number)) }
    /// `table[key] = number` (a float; NaN cannot be passed).
    public mutating func set(_ key: String, _ number: Double) { put(key, .double(number)) }
    /// `table[key] = flag`.
    public mutating func set(_ key: String, _ flag: Bool) { put(key, .bool(flag)) }
    /// `table[key] = value`, converted (tables entirely; `.nil` removes the field).
    public mutating func set(_ key: String, _ value: LuaValue) { put(key, .value(value)) }
    /// `table[key] = function` (a function kept in Swift, of this runtime).
    public mutating func set(_ key: String, _ function: LuaFunction) { put(key, .function(function)) }
    /// `table[key] = table` (a table kept in Swift, of this runtime, as it is).
    public mutating func set(_ key: String, _ table: LuaTable) { put(key, .table(table)) }
    /// Removes field `key` (a new table simply does not get it).
    public mutating func setNil(_ key: String) { put(key, .null) }

    /// `table[key]` = a new table with string keys, written by `body`.
    public mutating func setRecord(_ key: String, capacity: Int = 0, _ body: (inout LuaRecordWriter) throws -> Void) rethrows {
        guard state.pointee.begin(), state.pointee.open(.record, capacity: capacity) else { return }
        try body(&self)
        state.pointee.close()
        if state.pointee.failure == nil { place(key) }
    }

    /// `table[key]` = a new array, written element by element by `body`.
    public mutating func setArray(_ key: String, capacity: Int = 0, _ body: (inout LuaValuesWriter) throws -> Void) rethrows {
        guard state.pointee.begin(), state.pointee.open(.array, capacity: capacity) else { return }
        var array = LuaValuesWriter(state: state, arguments: false)
        try body(&array)
        state.pointee.close()
        if state.pointee.failure == nil { place(key) }
    }
}

@available(*, unavailable)
extension LuaRecordWriter: Sendable {}
