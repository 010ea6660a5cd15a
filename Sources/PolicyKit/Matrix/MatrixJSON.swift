/// A JSON value with ordered object keys and pre-formatted numbers: the JSON output is the same
/// bytes on every machine (no dictionary order, no locale, no float printing differences).
indirect enum MatrixJSON {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([MatrixJSON])
    case object([(String, MatrixJSON)])

    /// A number, or `null`.
    static func fraction(_ value: Double?) -> MatrixJSON {
        value.map { .number(MatrixNumber.decimal($0)) } ?? .null
    }

    /// An integer.
    static func integer(_ value: Int) -> MatrixJSON { .number(String(value)) }

    /// A string, or `null`.
    static func text(_ value: String?) -> MatrixJSON {
        value.map { .string($0) } ?? .null
    }

    /// The value written with two-space indentation, arrays of scalars on one line.
    func serialized(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return MatrixJSON.quote(text)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) {
                return "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.serialized(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { inner + MatrixJSON.quote($0.0) + ": " + $0.1.serialized(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
