/// An organisation of the partnership.
public struct Partner: Sendable, Hashable, Codable {
    /// The partner's role in the project.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// The lead partner (exactly one), who compiles the joint progress report.
        case leadPartner = "lead-partner"
        /// A partner with a policy instrument.
        case partner
        /// An advisory partner, usually without a policy instrument.
        case advisoryPartner = "advisory-partner"
    }

    /// The id, unique in the project.
    public var id: String
    /// The name.
    public var name: LocalizedText
    /// The ISO 3166-1 alpha-2 country code.
    public var country: String
    /// The ISO 639-1 code of the partner's language, if given.
    public var language: String?
    /// The role.
    public var role: Role

    /// Creates a partner.
    public init(id: String, name: LocalizedText, country: String, language: String? = nil, role: Role) {
        self.id = id
        self.name = name
        self.country = country
        self.language = language
        self.role = role
    }
}

extension Partner {
    /// Stands for a partner that project.yaml does not have (named by its id), or, with an empty
    /// id, for the unknown partner of instrument files whose `partner` could not be read.
    static func placeholder(id: String) -> Partner {
        Partner(id: id, name: LocalizedText(en: id.isEmpty ? "Partner not known (the instrument file has errors)" : id), country: "", role: .partner)
    }
}
