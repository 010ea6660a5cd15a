/// Renders a comparison as Markdown, to paste into a pull request or the joint report.
struct EditionDiffMarkdown {
    let diff: EditionDiff
    let language: MatrixLanguage

    func render() -> String {
        var lines: [String] = []
        lines.append("## " + (diff.mode == .rules ? "Impact of the rule change" : "What changed since \(escape(diff.from.name))"))
        lines.append("")
        lines.append(escape(diff.summary(arrow: "→")) + ".")
        lines.append("")
        lines.append("**" + escape(diff.countsLine) + "**")
        if !diff.unloadable.isEmpty {
            lines.append("")
            lines.append("### Not loaded")
            lines.append("")
            for unloadable in diff.unloadable {
                let edition = unloadable.side == "from" ? diff.from.name : diff.to.name
                lines.append("- `\(code(unloadable.instrumentID))` in \(escape(edition)):")
                for diagnostic in unloadable.diagnostics { lines.append("  - `\(code(diagnostic.description))`") }
            }
        }
        if !diff.cells.isEmpty {
            lines.append("")
            lines.append("### Changed cells")
            lines.append("")
            var header = "| Instrument | Period | Before | After | Why |"
            var rule = "|---|---|---|---|---|"
            if diff.mode == .rules { header += " Reported |"; rule += "---|" }
            lines.append(header)
            lines.append(rule)
            for cell in diff.cells {
                var row = "| \(escape(cell.instrumentID)) | \(cell.period) | \(escape(EditionDiff.describe(cell.before))) | \(escape(EditionDiff.describe(cell.after))) | "
                    + cell.causes.map { "\($0.kind.rawValue)" + ($0.location.map { " `\(code($0))`" } ?? "") }.uniqued().joined(separator: "<br>") + " |"
                if diff.mode == .rules { row += (cell.reported ? (cell.accepted ? " acknowledged" : " **yes**") : " no") + " |" }
                lines.append(row)
            }
            var lastInstrument = ""
            for cell in diff.cells {
                if cell.instrumentID != lastInstrument {
                    lines.append("")
                    lines.append("#### \(escape(cell.instrumentID)): \(escape(diff.title(cell.instrumentID, language)))")
                    lastInstrument = cell.instrumentID
                }
                lines.append("")
                lines.append("- **\(cell.period)**: \(escape(EditionDiff.describe(cell.before))) → \(escape(EditionDiff.describe(cell.after))) (\(cell.attribution.rawValue))")
                for cause in cell.causes { lines.append("  - " + causeText(cause)) }
                for item in cell.items {
                    lines.append("  - \(item.kind.rawValue) `\(code(item.id))`: \(escape(EditionDiff.describe(item.before))) → \(escape(EditionDiff.describe(item.after))) (\(item.attribution.rawValue))")
                    for cause in EditionDiff.shownCauses(item, in: cell) { lines.append("    - " + causeText(cause)) }
                    for detail in item.details { lines.append("    - " + escape(detail)) }
                }
            }
        }
        if !diff.projectRow.isEmpty {
            lines.append("")
            lines.append("### Project row")
            lines.append("")
            lines.append("| Period | Measure | Before | After | Instruments |")
            lines.append("|---|---|---|---|---|")
            for change in diff.projectRow {
                lines.append("| \(change.period) | \(escape(EditionDiff.measureName(change.measure))) | \(EditionDiff.describe(change.before)) | \(EditionDiff.describe(change.after)) | \(escape(change.instruments.joined(separator: ", "))) |")
            }
        }
        if !diff.withoutEffect.isEmpty {
            lines.append("")
            lines.append("### Changes without effect on any cell")
            lines.append("")
            for cause in diff.withoutEffect { lines.append("- " + causeText(cause)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func causeText(_ cause: EditionDiff.Cause) -> String {
        var text = "`\(cause.kind.rawValue)`"
        if let location = cause.location { text += " `\(code(location))`" }
        text += " " + escape(cause.subject)
        if let hook = cause.hook { text += " (hook `\(code(hook))`)" }
        if let values = EditionDiff.values(cause, arrow: "→") { text += ": " + escape(values) }
        return text
    }

    /// Text inside a code span: backticks would end it, so they become apostrophes.
    private func code(_ text: String) -> String {
        text.map { $0 == "`" ? "'" : $0 == "\n" ? " " : $0 }.reduce(into: "") { $0.append($1) }
    }

    /// Escapes what Markdown would interpret: pipes, emphasis, links, HTML.
    private func escape(_ text: String) -> String { MarkdownMatrixRenderer.escape(text) }
}
