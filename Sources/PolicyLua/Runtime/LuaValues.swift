/// The type of a Lua value, as Lua's `type()` names it.
public enum LuaType: String, Sendable, Hashable, CaseIterable {
    /// `nil`, or no value at that place.
    case `nil`
    /// `true` or `false`.
    case boolean
    /// An integer or a float.
    case number
    /// A string.
    case string
    /// A table.
    case table
    /// A Lua function (or a host function).
    case function
    /// A userdata, a thread, or anything else a script cannot get from the sandbox by itself.
    case other

    init(code: Int32) {
        switch code {
        case LuaStack.nilType, LuaStack.none: self = .nil
        case LuaStack.boolean: self = .boolean
        case LuaStack.number: self = .number
        case LuaStack.string: self = .string
        case LuaStack.table: self = .table
        case LuaStack.function: self = .function
        default: self = .other
        }
    }
}

/// Values on the Lua stack, read only when asked: the results of a call
/// (``LuaRuntime/call(_:arguments:results:)``) or the arguments of a
/// ``LuaRuntime/HostFunction``.
///
/// Lent to a closure for the duration of the call and valid only there: the type can be neither
/// copied nor kept (it is `~Copyable` and lent `borrowing`). Read a field of a result table with
/// ``table(_:_:)`` without converting the rest of it; keep a function or a table beyond the call
/// with ``function(_:)`` or ``keptTable(_:)``. Positions start at 0; reading past ``count``
/// gives `nil`.
public struct LuaValues: ~Copyable {
    private unowned(unsafe) let runtime: LuaRuntime
    private let stack: LuaStack
    /// The stack slot of value 0.
    private let base: Int32
    /// How many values there are.
    public let count: Int

    /// Values at `base`... (the caller has reserved at least 3 free slots above the top).
    init(runtime: LuaRuntime, stack: LuaStack, base: Int32, count: Int) {
        self.runtime = runtime
        self.stack = stack
        self.base = base
        self.count = count
    }

    @inline(__always) private func position(_ index: Int) -> Int32? {
        index >= 0 && index < count ? base + Int32(index) : nil
    }

    /// The type of value `index` (``LuaType/nil`` past the end).
    public func type(_ index: Int) -> LuaType {
        guard let position = position(index) else { return .nil }
        return LuaType(code: stack.type(at: position))
    }

    /// Whether value `index` is `nil` (or past the end).
    public func isNil(_ index: Int) -> Bool { type(index) == .nil }

    /// Value `index` if it is a string (numbers are not converted).
    public func string(_ index: Int) -> String? {
        guard let position = position(index) else { return nil }
        return stack.string(at: position)
    }

    /// Value `index` if it is a number, integer or float, as a `Double`.
    public func number(_ index: Int) -> Double? {
        guard let position = position(index) else { return nil }
        return LuaTableView.number(at: position, on: stack)
    }

    /// Value `index` if it is a number with an exact integer value (`3` and `3.0`).
    public func integer(_ index: Int) -> Int? {
        guard let position = position(index) else { return nil }
        return LuaTableView.integer(at: position, on: stack)
    }

    /// Value `index` if it is a boolean.
    public func bool(_ index: Int) -> Bool? {
        guard let position = position(index), stack.type(at: position) == LuaStack.boolean else { return nil }
        return stack.boolean(at: position)
    }

    /// Value `index` converted to a Swift value (tables entirely); throws
    /// ``LuaError/Kind/marshalling`` for functions and other values that cannot cross.
    public func value(_ index: Int) throws -> LuaValue {
        guard let position = position(index) else { return .nil }
        return try runtime.value(at: position, on: stack)
    }

    /// Every value, converted (see ``value(_:)``).
    public func all() throws -> [LuaValue] {
        try (0..<count).map { try value($0) }
    }

    /// Value `index` if it is a function, kept so that Swift can call it later (for instance the
    /// rule a chunk returns).
    public func function(_ index: Int) throws -> LuaFunction? {
        guard let position = position(index), stack.type(at: position) == LuaStack.function else { return nil }
        stack.pushCopy(of: position)
        return try runtime.keepFunction(on: stack)
    }

    /// Value `index` if it is a table, kept so that Swift can pass it (or refill it) later.
    public func keptTable(_ index: Int) throws -> LuaTable? {
        guard let position = position(index), stack.isTable(at: position) else { return nil }
        stack.pushCopy(of: position)
        return try runtime.keepTable(on: stack)
    }

    /// Reads the table at `index` with `body`, field by field, without converting it; `nil` when
    /// the value is not a table.
    public func table<Result>(_ index: Int, _ body: (borrowing LuaTableView) throws -> Result) throws -> Result? {
        guard let position = position(index), stack.isTable(at: position) else { return nil }
        try stack.reserve(3)
        return try body(LuaTableView(runtime: runtime, stack: stack, index: position))
    }

    // MARK: - The policy library's arguments (internal)

    /// Whether value `index` is a table.
    func isTable(_ index: Int) -> Bool { type(index) == .table }

    /// The item value `index` names: the `id` field of a table (read raw), or a string.
    func itemID(_ index: Int) -> String? {
        guard let position = position(index) else { return nil }
        guard stack.isTable(at: position) else { return stack.string(at: position) }
        stack.rawGet(position, field: "id")
        defer { stack.pop() }
        return stack.string(at: -1)
    }

    /// `file` and `line` of the plugin code that made this call (in a host function), if known;
    /// `usual` is the file the caller is nearly always in (its string is reused).
    func callerLocation(usually usual: String? = nil) -> (file: String, line: Int)? { runtime.callerLocation(usually: usual) }
}

@available(*, unavailable)
extension LuaValues: Sendable {}

/// A Lua table read in place, field by field: lent by ``LuaValues/table(_:_:)``,
/// ``LuaTableView/table(_:_:)`` or ``LuaRuntime/read(_:_:)``, valid only in that closure.
///
/// Reads are raw (no metamethod runs). A typed read (``string(_:)``, ``number(_:)``, ...) gives
/// `nil` when the field is absent or of another type; ``value(_:)`` converts a field of any shape.
/// Positions of elements are Lua's (from 1).
public struct LuaTableView: ~Copyable {
    private unowned(unsafe) let runtime: LuaRuntime
    private let stack: LuaStack
    /// The stack slot of the table.
    private let index: Int32

    init(runtime: LuaRuntime, stack: LuaStack, index: Int32) {
        self.runtime = runtime
        self.stack = stack
        self.index = stack.absolute(index)
    }

    /// The length of the array part (`#t` without `__len`).
    public var count: Int { stack.rawLength(at: index) }

    // MARK: By key

    /// The type of field `key`.
    public func type(_ key: String) -> LuaType { LuaType(code: scalar(key).type) }

    /// Field `key` if it is a string (numbers are not converted).
    public func string(_ key: String) -> String? { scalar(key).string }

    /// Field `key` if it is a number, as a `Double`.
    public func number(_ key: String) -> Double? { scalar(key).number }

    /// Field `key` if it is a number with an exact integer value.
    public func integer(_ key: String) -> Int? { scalar(key).integer }

    /// Field `key` if it is a boolean.
    public func bool(_ key: String) -> Bool? { scalar(key).bool }

    /// Field `key` converted to a Swift value (tables entirely); `.nil` when absent.
    public func value(_ key: String) throws -> LuaValue { try field(key) { try runtime.value(at: $0, on: stack) } }

    /// Field `key` if it is a function, kept so that Swift can call it (a plugin's hook, say).
    public func function(_ key: String) throws -> LuaFunction? {
        try field(key) { position in
            guard stack.type(at: position) == LuaStack.function else { return nil }
            stack.pushCopy(of: position)
            return try runtime.keepFunction(on: stack)
        }
    }

    /// Reads the table in field `key` with `body`; `nil` when the field is not a table.
    public func table<Result>(_ key: String, _ body: (borrowing LuaTableView) throws -> Result) throws -> Result? {
        try field(key) { position in try nested(at: position, body) }
    }

    // MARK: By the keys of a record shape

    /// The type of the field under key `field` of `shape` (a position in its ``LuaRecordShape/keys``).
    public func type(_ shape: LuaRecordShape, _ field: Int) -> LuaType { LuaType(code: scalar(shape, field).type) }

    /// The field under key `field` of `shape` if it is a string: as ``string(_:)-(String)``, the key
    /// pushed from where the shape keeps it instead of made from its bytes (see ``LuaRecordShape``).
    public func string(_ shape: LuaRecordShape, _ field: Int) -> String? { scalar(shape, field).string }

    /// The field under key `field` of `shape` if it is a number, as a `Double`.
    public func number(_ shape: LuaRecordShape, _ field: Int) -> Double? { scalar(shape, field).number }

    /// The field under key `field` of `shape` if it is a number with an exact integer value.
    public func integer(_ shape: LuaRecordShape, _ field: Int) -> Int? { scalar(shape, field).integer }

    /// The field under key `field` of `shape` if it is a boolean.
    public func bool(_ shape: LuaRecordShape, _ field: Int) -> Bool? { scalar(shape, field).bool }

    // MARK: By position

    /// The type of element `position` (from 1).
    public func type(at position: Int) -> LuaType { LuaType(code: stack.scalar(index, key: nil, position: position).type) }

    /// Element `position` if it is a string.
    public func string(at position: Int) -> String? { stack.scalar(index, key: nil, position: position).string }

    /// Element `position` if it is a number, as a `Double`.
    public func number(at position: Int) -> Double? { stack.scalar(index, key: nil, position: position).number }

    /// Element `position` if it is a number with an exact integer value.
    public func integer(at position: Int) -> Int? { stack.scalar(index, key: nil, position: position).integer }

    /// Element `position` if it is a boolean.
    public func bool(at position: Int) -> Bool? { stack.scalar(index, key: nil, position: position).bool }

    /// Element `position` converted to a Swift value; `.nil` when absent.
    public func value(at position: Int) throws -> LuaValue { try element(position) { try runtime.value(at: $0, on: stack) } }

    /// Reads the table at element `position` with `body`; `nil` when it is not a table.
    public func table<Result>(at position: Int, _ body: (borrowing LuaTableView) throws -> Result) throws -> Result? {
        try element(position) { slot in try nested(at: slot, body) }
    }

    /// The whole table converted to a Swift value (see ``LuaValue``).
    public func value() throws -> LuaValue { try runtime.value(at: index, on: stack) }

    // MARK: Reading

    /// Field `key` read in place (a scalar: nothing stays on the stack).
    @inline(__always) private func scalar(_ key: String) -> LuaScalar {
        var key = key
        return key.withUTF8 { stack.scalar(index, key: $0) }
    }

    /// The field under key `field` of `shape`, read in place.
    @inline(__always) private func scalar(_ shape: LuaRecordShape, _ field: Int) -> LuaScalar {
        precondition(shape.runtime === runtime, "a LuaRecordShape belongs to the runtime that made it")
        return stack.scalar(index, keptKey: shape.references[field])
    }

    /// Pushes field `key`, reads it at its slot, pops it (one slot: reserved when lent).
    @inline(__always) private func field<T>(_ key: String, _ read: (Int32) throws -> T) rethrows -> T {
        var key = key
        _ = key.withUTF8 { stack.field(index, key: $0) }
        defer { stack.pop() }
        return try read(stack.top)
    }

    @inline(__always) private func element<T>(_ position: Int, _ read: (Int32) throws -> T) rethrows -> T {
        stack.rawGet(index, index: position)
        defer { stack.pop() }
        return try read(stack.top)
    }

    private func nested<Result>(at slot: Int32, _ body: (borrowing LuaTableView) throws -> Result) throws -> Result? {
        guard stack.isTable(at: slot) else { return nil }
        try stack.reserve(3)
        return try body(LuaTableView(runtime: runtime, stack: stack, index: slot))
    }

    static func number(at position: Int32, on stack: LuaStack) -> Double? {
        stack.type(at: position) == LuaStack.number ? stack.number(at: position) : nil
    }

    static func integer(at position: Int32, on stack: LuaStack) -> Int? {
        stack.type(at: position) == LuaStack.number ? stack.integerValue(at: position) : nil
    }

    static func bool(at position: Int32, on stack: LuaStack) -> Bool? {
        stack.type(at: position) == LuaStack.boolean ? stack.boolean(at: position) : nil
    }
}

@available(*, unavailable)
extension LuaTableView: Sendable {}
