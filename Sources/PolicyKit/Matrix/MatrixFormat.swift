internal import Foundation
/// An output format of the matrix.
public enum MatrixFormat: String, Sendable, Hashable, CaseIterable {
    /// Aligned columns for a terminal, at most 120 columns wide.
    case text
    /// Markdown tables (GitHub, GitLab, Gitea).
    case markdown
    /// RFC 4180 CSV, one header row, numbers unformatted.
    case csv
    /// JSON, versioned schema (``ProgressMatrix/schemaVersion``).
    case json
    /// One self-contained HTML page with inline CSS and SVG.
    case html
}

extension ProgressMatrix {
    /// Renders the matrix in `format`, labels in `language`; `color` adds ANSI colours (text only).
    ///
    /// The output depends only on the matrix, the format and the language: no clock, no locale.
    public func rendered(as format: MatrixFormat, language: MatrixLanguage = .english, color: Bool = false) -> String {
        switch format {
        case .text: TextMatrixRenderer(matrix: self, language: language, color: color).render()
        case .markdown: MarkdownMatrixRenderer(matrix: self, language: language).render()
        case .csv: CSVMatrixRenderer(matrix: self, language: language).render()
        case .json: JSONMatrixRenderer(matrix: self, language: language).render()
        case .html: HTMLMatrixRenderer(matrix: self, language: language).render()
        }
    }

    /// The title of `text` in `language` when the data has it, else English.
    func localized(_ text: LocalizedText, _ language: MatrixLanguage) -> String {
        text.text(in: language.code)
    }

    /// `Region of Peloponnese (lead partner)`.
    package func partnerHeading(_ group: MatrixPartnerGroup, _ language: MatrixLanguage) -> String {
        let name = localized(group.partner.name, language)
        return group.isLead ? "\(name) (\(language.text(.leadPartner)))" : name
    }

    /// `8 of 9 instruments evaluated` when some instrument files failed to load, else `nil`.
    package func evaluatedSummary(_ language: MatrixLanguage) -> String? {
        guard projectRow.isIncomplete else { return nil }
        return language.text(.instrumentsEvaluated)
            .replacingOccurrences(of: "%1", with: String(projectRow.evaluatedCount))
            .replacingOccurrences(of: "%2", with: String(projectRow.instrumentCount))
    }

    /// The errors of the cells shown, as (where, instrument id, messages): one entry per cell in
    /// error, or one per row for an instrument file that failed to load (`P1–P8`).
    package func errorEntries(_ language: MatrixLanguage) -> [(periods: String, instrument: String, message: String)] {
        var entries: [(periods: String, instrument: String, message: String)] = []
        for row in rows {
            if let loadError = row.loadError {
                let span = [row.cells.first?.period, row.cells.last?.period].compactMap { $0 }
                entries.append((span.count == 2 && span[0] != span[1] ? "\(span[0])–\(span[1])" : span.first ?? "", row.instrumentID, loadError))
                continue
            }
            for cell in row.cells where cell.status == .error {
                let messages = cell.findings.filter { $0.severity == .error }.map(\.message)
                entries.append((cell.period, row.instrumentID, messages.isEmpty ? language.text(.statusError) : messages.joined(separator: "; ")))
            }
        }
        return entries
    }

    /// The dates line shared by the formats: evaluation date, knowledge date, comparison.
    func datesSummary(_ language: MatrixLanguage, separator: String = " · ") -> String {
        var parts = ["\(language.text(.asOf)) \(asOf) (\(currentPeriod.id))", "\(language.text(.knownOn)) \(knownOn)"]
        if let comparedWith { parts.append("\(language.text(.comparedWith)) \(comparedWith)") }
        parts.append("policy-tracker \(PolicyTrackerVersion.current)")
        return parts.joined(separator: separator)
    }

    /// `P5 2025-03-01 – 2025-08-31`.
    func periodSpan(_ column: MatrixColumn) -> String {
        "\(column.period.id) \(column.period.start) – \(column.period.end)"
    }

    /// The reason a common indicator is not summed, in `language`.
    package func reason(_ reason: MatrixCommonIndicator.NotSummedReason, _ language: MatrixLanguage) -> String {
        switch reason {
        case .level: language.text(.reasonLevel)
        case .measure: language.text(.reasonMeasure)
        case .units: language.text(.reasonUnits)
        }
    }
}

/// Display helpers for cells.
enum MatrixCellText {
    /// `45%`, or `—` without a number.
    static func percent(_ value: Double?) -> String {
        value.map { MatrixNumber.percent($0) + "%" } ?? "—"
    }

    /// The marks after a number: `†` when illustrative, `Δ` when changed.
    static func marks(illustrative: Bool, changed: Bool) -> String {
        (illustrative ? MatrixSymbols.illustrative : "") + (changed ? MatrixSymbols.changed : "")
    }

    /// `● 45%†Δ`.
    static func cell(_ cell: MatrixCell) -> String {
        MatrixSymbols.symbol(cell.status) + (cell.progress == nil ? "" : " " + percent(cell.progress))
            + marks(illustrative: cell.illustrative && cell.progress != nil, changed: cell.isChanged)
    }

    /// A sum of a common indicator: `132†Δ`, `—` when nothing is reported.
    static func sum(_ sum: MatrixCommonIndicator.Sum?) -> String {
        guard let sum else { return "—" }
        return MatrixNumber.decimal(sum.value, places: 2) + marks(illustrative: sum.illustrative, changed: sum.later != nil)
    }
}
