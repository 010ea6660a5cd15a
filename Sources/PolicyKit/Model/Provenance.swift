/// Where a number comes from: made up for illustration, or cited from a source.
public enum Provenance: Sendable, Hashable {
    /// Made up for the example data; every report flags it.
    case illustrative
    /// Taken from a source: a URL or a document reference.
    case cited(String)

    /// Creates a provenance from its written form: `illustrative` or a citation.
    public init(_ text: String) {
        self = text == "illustrative" ? .illustrative : .cited(text)
    }

    /// Whether the number is illustrative rather than cited.
    public var isIllustrative: Bool {
        self == .illustrative
    }

    /// The written form: `illustrative` or the citation.
    public var text: String {
        switch self {
        case .illustrative: "illustrative"
        case .cited(let citation): citation
        }
    }
}

extension Provenance: Codable {
    /// Decodes the written form, a single string.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the written form, a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
