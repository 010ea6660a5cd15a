/// One value of an indicator: a number, a level of a qualitative scale, or a milestone reached or not.
public enum MeasureValue: Sendable, Hashable {
    /// A finite number (measures `unit`, `percentage`, `ratio`).
    case number(Double)
    /// A level of the indicator's scale (measure `qualitative`).
    case level(String)
    /// Whether the milestone is reached (measure `milestone`).
    case reached(Bool)

    /// The number, when the value is one.
    public var number: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    /// The level, when the value is one.
    public var level: String? {
        if case .level(let value) = self { value } else { nil }
    }

    /// Whether the milestone is reached, when the value is a milestone.
    public var reached: Bool? {
        if case .reached(let value) = self { value } else { nil }
    }
}

extension MeasureValue: Codable {
    /// Decodes a JSON boolean, number or string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .reached(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .level(try container.decode(String.self))
        }
    }

    /// Encodes a boolean, number or string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .level(let value): try container.encode(value)
        case .reached(let value): try container.encode(value)
        }
    }
}

extension MeasureValue: CustomStringConvertible {
    /// The value as written in an instrument file.
    public var description: String {
        switch self {
        case .number(let value):
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .level(let value): value
        case .reached(let value): value ? "true" : "false"
        }
    }
}
