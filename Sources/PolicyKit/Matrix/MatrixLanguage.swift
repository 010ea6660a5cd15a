/// A language of the matrix's own labels (headings, statuses, legend), chosen with `--lang`.
///
/// Titles of instruments and indicators come from the data in this language when it has them,
/// else in English. Adding a language means adding one case here and one table of labels (`MatrixLabel.swift`).
public enum MatrixLanguage: String, Sendable, Hashable, CaseIterable {
    /// English.
    case english = "en"
    /// Latvian.
    case latvian = "lv"
    /// Bulgarian.
    case bulgarian = "bg"
    /// Greek.
    case greek = "el"

    /// The ISO 639-1 code (`en`).
    public var code: String { rawValue }

    /// The language of an ISO 639-1 code, or `nil` when the matrix has no labels in it.
    public init?(code: String) {
        self.init(rawValue: code.lowercased())
    }

    /// The label in this language.
    package func text(_ label: MatrixLabel) -> String {
        label.text(in: self)
    }

    /// The name of a status in this language (`on track`).
    public func text(_ status: EvaluationStatus) -> String {
        switch status {
        case .achieved: text(.statusAchieved)
        case .onTrack: text(.statusOnTrack)
        case .atRisk: text(.statusAtRisk)
        case .offTrack: text(.statusOffTrack)
        case .notStarted: text(.statusNotStarted)
        case .noData: text(.statusNoData)
        case .error: text(.statusError)
        }
    }

    /// The name of an achievement in this language (`partly`).
    public func text(_ achievement: ActionUpdate.Achievement) -> String {
        switch achievement {
        case .fully: text(.achievementFully)
        case .partly: text(.achievementPartly)
        case .not: text(.achievementNot)
        }
    }
}
