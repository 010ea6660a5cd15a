/// A document that proves a reported value or an improvement.
public struct Evidence: Sendable, Hashable, Codable {
    /// What kind of document it is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A decision of an authority.
        case decision
        /// A call for proposals.
        case call
        /// An amended programme.
        case amendedProgramme = "amended-programme"
        /// An amended strategy.
        case amendedStrategy = "amended-strategy"
        /// Minutes of a meeting.
        case minutes
        /// A report.
        case report
        /// A publication.
        case publication
        /// Anything else.
        case other
    }

    /// The id, unique in the instrument.
    public var id: String
    /// The title.
    public var title: LocalizedText
    /// The kind of document.
    public var kind: Kind
    /// Where to find it online (exactly one of `url` and `path` is set).
    public var url: String?
    /// Where to find it in the repository.
    public var path: String?
    /// The SHA-256 digest of the document, 64 lower-case hex digits, if given.
    public var sha256: String?
    /// The date of the document.
    public var date: Day

    /// Creates an evidence entry.
    public init(
        id: String, title: LocalizedText, kind: Kind, url: String? = nil, path: String? = nil,
        sha256: String? = nil, date: Day
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.url = url
        self.path = path
        self.sha256 = sha256
        self.date = date
    }
}
