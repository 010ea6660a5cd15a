/// A value that can cross between Swift and Lua: nil, booleans, numbers, strings, and tables that
/// are either arrays (keys 1...n) or records (string keys), nested.
///
/// Functions, userdata, threads, cycles, and tables with mixed or non-string keys cannot cross;
/// reading them from Lua throws ``LuaError`` with kind ``LuaError/Kind/marshalling``.
/// An empty Lua table reads as an empty ``record(_:)``.
public enum LuaValue: Sendable, Equatable, Hashable {
    /// Lua `nil`.
    case `nil`
    /// A Lua boolean.
    case bool(Bool)
    /// A Lua integer.
    case int(Int)
    /// A Lua float.
    case double(Double)
    /// A Lua string (UTF-8 text; invalid bytes are replaced when read from Lua).
    case string(String)
    /// A Lua table with the keys 1...n.
    case array([LuaValue])
    /// A Lua table with string keys.
    case record([String: LuaValue])

    /// The number held, integer or float, as a `Double`.
    public var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The string held, if this is a string.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean held, if this is a boolean.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array (an empty record counts as an empty array).
    public var array: [LuaValue]? {
        switch self {
        case .array(let values): values
        case .record(let fields) where fields.isEmpty: []
        default: nil
        }
    }

    /// The fields, if this is a record (an empty array counts as an empty record).
    public var record: [String: LuaValue]? {
        switch self {
        case .record(let fields): fields
        case .array(let values) where values.isEmpty: [:]
        default: nil
        }
    }

    /// `true` for `nil`.
    public var isNil: Bool {
        if case .nil = self { return true }
        return false
    }

    /// The field `key` of a record, or `nil`.
    public subscript(key: String) -> LuaValue {
        if case .record(let fields) = self { return fields[key] ?? .nil }
        return .nil
    }

    /// The name of the Lua type this value becomes.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array, .record: "table"
        }
    }
}

extension LuaValue: ExpressibleByNilLiteral {
    /// Lua `nil`.
    public init(nilLiteral: ()) { self = .nil }
}

extension LuaValue: ExpressibleByBooleanLiteral {
    /// A Lua boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension LuaValue: ExpressibleByIntegerLiteral {
    /// A Lua integer.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension LuaValue: ExpressibleByFloatLiteral {
    /// A Lua float.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension LuaValue: ExpressibleByStringLiteral {
    /// A Lua string.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension LuaValue: ExpressibleByArrayLiteral {
    /// A Lua array.
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
}

extension LuaValue: ExpressibleByDictionaryLiteral {
    /// A Lua record.
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .record(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
