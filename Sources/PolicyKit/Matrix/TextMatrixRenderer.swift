/// Renders a matrix as aligned text for a terminal, at most 120 columns wide.
struct TextMatrixRenderer {
    let matrix: ProgressMatrix
    let language: MatrixLanguage
    let color: Bool

    static let width = 120
    static let cellWidth = 9

    private var lines: [String] = []

    init(matrix: ProgressMatrix, language: MatrixLanguage, color: Bool) {
        self.matrix = matrix
        self.language = language
        self.color = color
    }

    func render() -> String {
        var renderer = self
        renderer.header()
        if matrix.view == .periods { renderer.periodTable() } else { renderer.detail() }
        renderer.changes()
        renderer.errors()
        renderer.legend()
        return renderer.lines.map { line in
            String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
        }.joined()
    }

    // MARK: Parts

    private mutating func header() {
        let title = matrix.view == .periods ? language.text(.title)
            : "\(language.text(.periodDetail)) \(matrix.columns.first.map(matrix.periodSpan) ?? "")"
        lines.append(bold(Self.fit("\(matrix.project.acronym) — \(title)", Self.width)))
        lines.append(Self.fit("\(matrix.project.name) (\(matrix.project.programme), \(matrix.project.reference))", Self.width))
        var dates = ""
        for part in matrix.datesSummary(language, separator: "\u{0}").split(separator: "\u{0}") {
            if !dates.isEmpty, dates.count + 3 + part.count > Self.width {
                lines.append(dates)
                dates = String(part)
            } else {
                dates += (dates.isEmpty ? "" : " · ") + part
            }
        }
        lines.append(dates)
        lines.append("")
    }

    private var titleWidth: Int {
        min(60, Self.width - matrix.columns.count * Self.cellWidth)
    }

    private mutating func periodTable() {
        let header = Self.fit(language.text(.instrument), titleWidth)
            + matrix.columns.map { Self.fit($0.period.id + ($0.isCurrent ? "*" : ""), Self.cellWidth, right: true) }.joined()
        lines.append(bold(header))
        for group in matrix.groups {
            lines.append(bold(Self.fit(matrix.partnerHeading(group, language), Self.width)))
            for row in group.rows {
                var line = Self.fit("  " + matrix.localized(row.title, language), titleWidth)
                for cell in row.cells {
                    line += paint(Self.fit(MatrixCellText.cell(cell), Self.cellWidth, right: true), cell.status)
                }
                lines.append(line)
            }
        }
        projectRows()
        if matrix.columns.contains(where: \.isCurrent) {
            lines.append("* \(language.text(.evaluatedAsOf)) \(matrix.asOf)")
        }
    }

    private mutating func projectRows() {
        let project = matrix.projectRow
        lines.append(bold(Self.fit(language.text(.project), Self.width)))
        var line = Self.fit("  " + language.text(.instrumentsImproved), titleWidth)
        for (index, count) in project.improved.enumerated() {
            let changed = project.improvedLater[index] != nil
            line += Self.fit("\(count)/\(project.instrumentCount)" + MatrixCellText.marks(illustrative: false, changed: changed),
                             Self.cellWidth, right: true)
        }
        lines.append(line)
        if let evaluated = matrix.evaluatedSummary(language) { lines.append("  " + evaluated) }
        for common in project.commonIndicators where common.isSummed {
            var line = Self.fit("  \(common.code) \(common.unit)", titleWidth)
            for sum in common.sums { line += Self.fit(MatrixCellText.sum(sum), Self.cellWidth, right: true) }
            lines.append(line)
        }
        commonIndicatorNotes()
    }

    private mutating func commonIndicatorNotes() {
        let commons = matrix.projectRow.commonIndicators
        guard !commons.isEmpty else { return }
        lines.append("")
        lines.append(bold(language.text(.commonIndicators)))
        for common in commons {
            var text = "  \(common.code) \(matrix.localized(common.title, language)) (\(common.unit))"
            if let target = common.target {
                text += " — \(language.text(.target).lowercased()) \(MatrixNumber.decimal(target, places: 2))"
                    + MatrixCellText.marks(illustrative: common.targetIllustrative, changed: false)
            }
            if let reason = common.notSummed {
                text += " — \(language.text(.notSummed)): \(matrix.reason(reason, language))"
            }
            lines += Self.wrap(text, Self.width, indent: "    ")
        }
        lines += Self.wrap("  " + language.text(.cumulativeNote) + "; " + language.text(.incrementalNote), Self.width, indent: "    ")
    }

    private mutating func detail() {
        let itemTitle = 46, value = 20, number = 10
        for group in matrix.groups {
            lines.append(bold(Self.fit(matrix.partnerHeading(group, language), Self.width)))
            for row in group.rows {
                lines.append(Self.fit("  " + matrix.localized(row.title, language), Self.width))
                guard let cell = row.cells.last else { continue }
                var summary = "  " + paint(MatrixSymbols.symbol(cell.status) + " " + language.text(cell.status), cell.status)
                summary += " · \(language.text(.progress).lowercased()) \(MatrixCellText.percent(cell.progress))"
                    + MatrixCellText.marks(illustrative: cell.illustrative && cell.progress != nil, changed: cell.isChanged)
                summary += " · \(language.text(.expected).lowercased()) \(MatrixCellText.percent(cell.expected))"
                if let detail = row.detail {
                    summary += " · \(language.text(.evidenceCoverage).lowercased()) \(detail.itemsWithEvidence) \(language.text(.of)) \(detail.itemCount)"
                    summary += " · \(language.text(.errors).lowercased()) \(detail.errorCount)"
                    summary += " · \(language.text(.warnings).lowercased()) \(detail.warningCount)"
                }
                lines.append(summary)
                guard let detail = row.detail else { continue }
                for (label, items) in [(MatrixLabel.indicators, detail.indicators), (.actions, detail.actions)] where !items.isEmpty {
                    lines.append(bold("    " + Self.fit(language.text(label), itemTitle - 1) + " " + Self.fit(language.text(.value), value - 1) + " "
                        + Self.fit(language.text(.progress), number - 1, right: true) + " " + Self.fit(language.text(.expected), number - 1, right: true)
                        + "  " + language.text(.status)))
                    for item in items {
                        let title = (item.code.map { $0 + " " } ?? "") + matrix.localized(item.title, language)
                        let valueText = item.value.map { $0 + " " + (item.unit ?? "") } ?? ""
                        var status = MatrixSymbols.symbol(item.status) + " " + language.text(item.status)
                        if let achievement = item.achievement { status += " (\(language.text(achievement)))" }
                        let marks = MatrixCellText.marks(illustrative: item.illustrative && item.progress != nil, changed: item.isChanged)
                        lines.append("    " + Self.fit(title, itemTitle - 1) + " " + Self.fit(valueText, value - 1) + " "
                            + Self.fit(MatrixCellText.percent(item.progress) + marks, number, right: true)
                            + Self.fit(MatrixCellText.percent(item.expected), number, right: true)
                            + "  " + paint(Self.fit(status, Self.width - 4 - itemTitle - value - 2 * number - 2), item.status))
                    }
                }
                let findings = cell.findings + (detail.indicators + detail.actions).flatMap { item in
                    item.findings.filter { $0.severity != .error }.map { Finding($0.severity, "\(item.id): \($0.message)") }
                }
                for finding in findings {
                    lines += Self.wrap("    \(finding.severity.rawValue): \(finding.message)", Self.width, indent: "      ")
                }
            }
        }
        lines.append("")
        lines.append(bold(language.text(.project)))
        let project = matrix.projectRow
        lines.append("  \(language.text(.instrumentsImproved)): \(project.improved.last ?? 0) \(language.text(.of)) \(project.instrumentCount)"
            + MatrixCellText.marks(illustrative: false, changed: project.improvedLater.last.flatMap { $0 } != nil))
        if let evaluated = matrix.evaluatedSummary(language) { lines.append("  " + evaluated) }
        for common in project.commonIndicators where common.isSummed {
            lines.append("  \(common.code) \(common.unit): \(MatrixCellText.sum(common.sums.last ?? nil))")
        }
        commonIndicatorNotes()
    }

    private mutating func changes() {
        guard let comparedWith = matrix.comparedWith, matrix.hasChanges else { return }
        lines.append("")
        lines.append(bold("\(MatrixSymbols.changed) \(language.text(.comparedWith)) \(comparedWith)"))
        for row in matrix.rows {
            for cell in row.cells {
                guard let later = cell.later else { continue }
                let before = MatrixSymbols.symbol(cell.status) + " " + MatrixCellText.percent(cell.progress)
                let after = MatrixSymbols.symbol(later.status) + " " + MatrixCellText.percent(later.progress)
                lines += Self.wrap("  \(cell.period) \(matrix.localized(row.title, language)): \(before) → \(after)", Self.width, indent: "    ")
            }
            for item in (row.detail.map { $0.indicators + $0.actions } ?? []) {
                guard let later = item.later else { continue }
                let before = (item.value.map { $0 + " · " } ?? "") + MatrixSymbols.symbol(item.status) + " " + MatrixCellText.percent(item.progress)
                let after = (later.value.map { $0 + " · " } ?? "") + MatrixSymbols.symbol(later.status) + " " + MatrixCellText.percent(later.progress)
                lines += Self.wrap("  \(row.instrumentID) \(item.id): \(before) → \(after)", Self.width, indent: "    ")
            }
        }
    }

    private mutating func errors() {
        let found = matrix.errorEntries(language)
        guard !found.isEmpty else { return }
        lines.append("")
        lines.append(bold("\(MatrixSymbols.symbol(.error)) \(language.text(.errors))"))
        for entry in found { lines += Self.wrap("  \(entry.periods) \(entry.instrument): \(entry.message)", Self.width, indent: "    ") }
    }

    private mutating func legend() {
        lines.append("")
        var parts = MatrixSymbols.legendOrder.map { paint(MatrixSymbols.symbol($0), $0) + " " + language.text($0) }
        parts.append("\(MatrixSymbols.illustrative) \(language.text(.illustrative))")
        parts.append("\(MatrixSymbols.changed) \(language.text(.changed))")
        // Wrap on the plain text, then paint: colour codes must not count as width.
        let plain = MatrixSymbols.legendOrder.map { MatrixSymbols.symbol($0) + " " + language.text($0) }
            + ["\(MatrixSymbols.illustrative) \(language.text(.illustrative))", "\(MatrixSymbols.changed) \(language.text(.changed))"]
        var line = language.text(.legend) + ":"
        var painted = bold(line)
        for (index, part) in plain.enumerated() {
            if (line + "  " + part).count > Self.width {
                lines.append(painted)
                line = "  " + part
                painted = "  " + parts[index]
            } else {
                line += "  " + part
                painted += "  " + parts[index]
            }
        }
        lines.append(painted)
    }

    // MARK: Helpers

    private func paint(_ text: String, _ status: EvaluationStatus) -> String {
        guard color else { return text }
        let trimmed = text.drop { $0 == " " }
        let padding = text.count - trimmed.count
        let core = trimmed.reversed().drop { $0 == " " }.reversed()
        let trailing = trimmed.count - core.count
        return String(repeating: " ", count: padding) + "\u{1B}[\(MatrixSymbols.ansi(status))m" + String(core) + "\u{1B}[0m"
            + String(repeating: " ", count: trailing)
    }

    private func bold(_ text: String) -> String {
        color ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }

    /// `text` cut to `width` characters (with `…`) and padded to it.
    static func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        var text = text
        if text.count > width { text = String(text.prefix(max(0, width - 1))) + "…" }
        let padding = String(repeating: " ", count: max(0, width - text.count))
        if right { return padding + text }
        return text + padding
    }

    /// `text` wrapped at spaces to `width` characters, continuation lines indented.
    static func wrap(_ text: String, _ width: Int, indent: String = "  ") -> [String] {
        let lead = String(text.prefix { $0 == " " })
        var result: [String] = []
        var line = lead
        for word in text.dropFirst(lead.count).split(separator: " ") {
            let candidate = line == lead ? line + word : line + " " + word
            if candidate.count > width, line != lead, line != indent {
                result.append(line)
                line = indent + word
            } else {
                line = candidate
            }
        }
        if line != lead { result.append(line) }
        return result.map { $0.count > width ? fit($0, width) : $0 }
    }
}
