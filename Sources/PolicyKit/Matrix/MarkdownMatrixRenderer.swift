/// Renders a matrix as Markdown tables that GitHub, GitLab and Gitea render.
struct MarkdownMatrixRenderer {
    let matrix: ProgressMatrix
    let language: MatrixLanguage

    func render() -> String {
        var lines: [String] = []
        let title = matrix.view == .periods ? language.text(.title)
            : "\(language.text(.periodDetail)) \(matrix.columns.first.map(matrix.periodSpan) ?? "")"
        lines.append("# \(escape(matrix.project.acronym)) — \(escape(title))")
        lines.append("")
        lines.append(escape("\(matrix.project.name) (\(matrix.project.programme), \(matrix.project.reference))"))
        lines.append("")
        lines.append(escape(matrix.datesSummary(language)))
        lines.append("")
        if matrix.view == .periods {
            lines += periodTable()
        } else {
            lines += detail()
        }
        lines += commonIndicators()
        lines += changes()
        let errors = matrix.errorEntries(language)
        if !errors.isEmpty {
            lines.append("## \(MatrixSymbols.symbol(.error)) \(escape(language.text(.errors)))")
            lines.append("")
            for entry in errors { lines.append("- **\(entry.periods)** \(escape(entry.instrument)): \(escape(entry.message))") }
            lines.append("")
        }
        lines.append("## \(escape(language.text(.legend)))")
        lines.append("")
        for status in MatrixSymbols.legendOrder {
            lines.append("- \(MatrixSymbols.symbol(status)) \(escape(language.text(status)))")
        }
        lines.append("- \(MatrixSymbols.illustrative) \(escape(language.text(.illustrative)))")
        lines.append("- \(MatrixSymbols.changed) \(escape(language.text(.changed)))")
        return lines.map { $0 + "\n" }.joined()
    }

    private func periodTable() -> [String] {
        var lines: [String] = []
        let heads = [language.text(.partner), language.text(.instrument)] + matrix.columns.map {
            $0.isCurrent ? "\($0.period.id) (\(language.text(.evaluatedAsOf)) \(matrix.asOf))" : $0.period.id
        }
        lines.append(row(heads))
        lines.append("|" + heads.indices.map { $0 < 2 ? "---|" : "---:|" }.joined())
        for group in matrix.groups {
            for (index, item) in group.rows.enumerated() {
                let partner = index == 0 ? matrix.partnerHeading(group, language) : ""
                lines.append(row([partner, matrix.localized(item.title, language)] + item.cells.map(cellText)))
            }
        }
        let project = matrix.projectRow
        lines.append(row(["**\(escape(language.text(.project)))**", escape(language.text(.instrumentsImproved))] + project.improved.indices.map {
            "\(project.improved[$0]) \(language.text(.of)) \(project.instrumentCount)"
                + MatrixCellText.marks(illustrative: false, changed: project.improvedLater[$0] != nil)
        }, escaped: true))
        for common in project.commonIndicators where common.isSummed {
            lines.append(row(["", "\(common.code) (\(common.unit))"] + common.sums.map(MatrixCellText.sum)))
        }
        lines.append("")
        if let evaluated = matrix.evaluatedSummary(language) {
            lines.append(escape(evaluated))
            lines.append("")
        }
        return lines
    }

    private func cellText(_ cell: MatrixCell) -> String {
        MatrixCellText.cell(cell) + " " + language.text(cell.status)
    }

    private func detail() -> [String] {
        var lines: [String] = []
        for group in matrix.groups {
            lines.append("## \(escape(matrix.partnerHeading(group, language)))")
            lines.append("")
            for item in group.rows {
                lines.append("### \(escape(matrix.localized(item.title, language)))")
                lines.append("")
                if let cell = item.cells.last {
                    var summary = "\(cellText(cell)) · \(language.text(.expected)) \(MatrixCellText.percent(cell.expected))"
                    if let detail = item.detail {
                        summary += " · \(language.text(.evidenceCoverage)) \(detail.itemsWithEvidence) \(language.text(.of)) \(detail.itemCount)"
                            + " · \(language.text(.errors)) \(detail.errorCount) · \(language.text(.warnings)) \(detail.warningCount)"
                    }
                    lines.append(escape(summary))
                    lines.append("")
                }
                guard let detail = item.detail else { continue }
                let heads = ["", language.text(.code), language.text(.value), language.text(.progress), language.text(.expected), language.text(.status)]
                lines.append(row(heads))
                lines.append("|---|---|---:|---:|---:|---|")
                for (label, items) in [(MatrixLabel.indicators, detail.indicators), (.actions, detail.actions)] {
                    for entry in items {
                        let title = "\(language.text(label)): \(matrix.localized(entry.title, language))"
                        var status = MatrixSymbols.symbol(entry.status) + " " + language.text(entry.status)
                        if let achievement = entry.achievement { status += " (\(language.text(achievement)))" }
                        let marks = MatrixCellText.marks(illustrative: entry.illustrative, changed: entry.isChanged)
                        lines.append(row([title, entry.code ?? "", entry.value.map { "\($0) \(entry.unit ?? "")" } ?? "—",
                                          MatrixCellText.percent(entry.progress) + marks, MatrixCellText.percent(entry.expected), status]))
                    }
                }
                lines.append("")
                let findings = (item.cells.last?.findings ?? []) + (detail.indicators + detail.actions).flatMap { entry in
                    entry.findings.filter { $0.severity != .error }.map { Finding($0.severity, "\(entry.id): \($0.message)") }
                }
                if !findings.isEmpty {
                    lines.append("**\(escape(language.text(.findings)))**")
                    lines.append("")
                    for finding in findings { lines.append("- \(finding.severity.rawValue): \(escape(finding.message))") }
                    lines.append("")
                }
            }
        }
        let project = matrix.projectRow
        lines.append("## \(escape(language.text(.project)))")
        lines.append("")
        lines.append(escape("\(language.text(.instrumentsImproved)): \(project.improved.last ?? 0) \(language.text(.of)) \(project.instrumentCount)")
            + MatrixCellText.marks(illustrative: false, changed: project.improvedLater.last.flatMap { $0 } != nil))
        lines.append("")
        if let evaluated = matrix.evaluatedSummary(language) {
            lines.append(escape(evaluated))
            lines.append("")
        }
        return lines
    }

    private func commonIndicators() -> [String] {
        let commons = matrix.projectRow.commonIndicators
        guard !commons.isEmpty else { return [] }
        var lines = ["## \(escape(language.text(.commonIndicators)))", ""]
        let heads = [language.text(.code), language.text(.indicators), language.text(.unit), language.text(.target)]
            + matrix.columns.map(\.period.id)
        lines.append(row(heads))
        lines.append("|---|---|---|---:|" + String(repeating: "---:|", count: matrix.columns.count))
        for common in commons {
            var cells = [common.code, matrix.localized(common.title, language), common.unit]
            if let reason = common.notSummed {
                cells.append("\(language.text(.notSummed)): \(matrix.reason(reason, language))")
                cells += matrix.columns.map { _ in "" }
            } else {
                cells.append(common.target.map { MatrixNumber.decimal($0, places: 2) + MatrixCellText.marks(illustrative: common.targetIllustrative, changed: false) } ?? "—")
                cells += common.sums.map(MatrixCellText.sum)
            }
            lines.append(row(cells))
        }
        lines.append("")
        lines.append(escape(language.text(.cumulativeNote) + "; " + language.text(.incrementalNote) + "."))
        lines.append("")
        return lines
    }

    private func changes() -> [String] {
        guard let comparedWith = matrix.comparedWith, matrix.hasChanges else { return [] }
        var lines = ["## \(MatrixSymbols.changed) \(escape(language.text(.comparedWith))) \(comparedWith)", ""]
        for item in matrix.rows {
            for cell in item.cells {
                guard let later = cell.later else { continue }
                lines.append("- \(cell.period) \(escape(matrix.localized(item.title, language))): "
                    + "\(MatrixSymbols.symbol(cell.status)) \(MatrixCellText.percent(cell.progress)) → "
                    + "\(MatrixSymbols.symbol(later.status)) \(MatrixCellText.percent(later.progress))")
            }
            for entry in (item.detail.map { $0.indicators + $0.actions } ?? []) {
                guard let later = entry.later else { continue }
                lines.append("- \(escape(item.instrumentID)) \(escape(entry.id)): "
                    + "\(escape(entry.value ?? "—")) \(MatrixSymbols.symbol(entry.status)) \(MatrixCellText.percent(entry.progress)) → "
                    + "\(escape(later.value ?? "—")) \(MatrixSymbols.symbol(later.status)) \(MatrixCellText.percent(later.progress))")
            }
        }
        lines.append("")
        return lines
    }

    private func row(_ cells: [String], escaped: Bool = false) -> String {
        "| " + cells.map { escaped ? $0 : escape($0) }.joined(separator: " | ") + " |"
    }

    private func escape(_ text: String) -> String { Self.escape(text) }

    /// Escapes what Markdown would interpret: pipes, emphasis, links, HTML.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|", "*", "_", "`", "[", "]", "<", ">", "\\", "#": result += "\\" + String(character)
            case "\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
