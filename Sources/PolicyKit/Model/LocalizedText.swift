/// A text in several languages, keyed by ISO 639-1 code; English (`en`) is always present.
public struct LocalizedText: Sendable, Hashable {
    /// The translations by language code, `en` included.
    public private(set) var translations: [String: String]

    /// Creates a text from its English version and optional other languages.
    public init(en english: String, _ others: [String: String] = [:]) {
        var translations = others
        translations["en"] = english
        self.translations = translations
    }

    /// Creates a text from translations, or returns `nil` when `en` is missing.
    public init?(translations: [String: String]) {
        guard translations["en"] != nil else { return nil }
        self.translations = translations
    }

    /// The English text.
    public var english: String {
        translations["en"] ?? ""
    }

    /// The languages present, sorted, `en` included.
    public var languages: [String] {
        translations.keys.sorted()
    }

    /// The text in `language`, or `nil` when it has no such translation.
    public subscript(language: String) -> String? {
        translations[language]
    }

    /// The text in `language` when present, otherwise in English.
    public func text(in language: String?) -> String {
        language.flatMap { translations[$0] } ?? english
    }
}

extension LocalizedText: Codable {
    /// Decodes a mapping from language code to text; `en` is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let translations = try container.decode([String: String].self)
        guard translations["en"] != nil else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "text without `en`")
        }
        self.translations = translations
    }

    /// Encodes the text as a mapping from language code to text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(translations)
    }
}
