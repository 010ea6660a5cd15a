/// Renders a comparison for a terminal: at most 120 columns, colour only when asked.
struct EditionDiffText {
    let diff: EditionDiff
    let language: MatrixLanguage
    let color: Bool
    static let width = 120

    func render() -> String {
        var lines: [String] = []
        lines += wrap(bold("policy-tracker \(diff.mode.rawValue):") + " " + diff.summary, indent: 2)
        lines += wrap(diff.countsLine, indent: 2)
        for unloadable in diff.unloadable {
            lines.append("")
            lines += wrap(paint("not loaded in \(unloadable.side == "from" ? diff.from.name : diff.to.name): \(unloadable.instrumentID)", code: "33"), indent: 2)
            for diagnostic in unloadable.diagnostics { lines += wrap("  " + diagnostic.description, indent: 4) }
        }
        var lastInstrument = ""
        for cell in diff.cells {
            if cell.instrumentID != lastInstrument {
                lines.append("")
                lines += wrap(bold(cell.instrumentID) + "  " + diff.title(cell.instrumentID, language), indent: 2)
                lastInstrument = cell.instrumentID
            }
            var head = "  \(cell.period)  \(EditionDiff.describe(cell.before)) -> \(EditionDiff.describe(cell.after))  [\(cell.attribution.rawValue)]"
            if cell.reported { head += cell.accepted ? "  reported period, acknowledged" : "  " + paint("REPORTED PERIOD: history rewritten", code: "31") }
            lines += wrap(head, indent: 6)
            for cause in cell.causes { lines += causeLines(cause, indent: 4) }
            for item in cell.items {
                lines += wrap("    \(item.kind.rawValue) \(item.id): \(EditionDiff.describe(item.before)) -> \(EditionDiff.describe(item.after))  [\(item.attribution.rawValue)]", indent: 8)
                for cause in EditionDiff.shownCauses(item, in: cell) { lines += causeLines(cause, indent: 6) }
                for detail in item.details { lines.append(truncate("        | " + detail)) }
            }
        }
        if !diff.projectRow.isEmpty {
            lines.append("")
            lines.append(bold("project row"))  // short, fixed
            for change in diff.projectRow {
                var head = "  \(change.period)  \(EditionDiff.measureName(change.measure)): \(EditionDiff.describe(change.before)) -> \(EditionDiff.describe(change.after))"
                if !change.instruments.isEmpty { head += "  (\(change.instruments.joined(separator: ", ")))" }
                lines += wrap(head, indent: 6)
                for cause in change.causes { lines += causeLines(cause, indent: 4) }
            }
        }
        if !diff.withoutEffect.isEmpty {
            lines.append("")
            lines.append(bold("changes without effect on any cell"))
            for cause in diff.withoutEffect { lines += causeLines(cause, indent: 2) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func causeLines(_ cause: EditionDiff.Cause, indent: Int) -> [String] {
        var text = String(repeating: " ", count: indent) + paint(cause.kind.rawValue, code: "36")
        if let location = cause.location { text += "  " + location }
        text += "  " + cause.subject
        if let hook = cause.hook { text += " (hook \(hook))" }
        if let values = EditionDiff.values(cause) { text += ": " + values }
        return wrap(text, indent: indent + 2)
    }

    /// Breaks `text` at spaces so that no line is longer than the width (a word longer than a
    /// line is cut), continuing lines indented by `indent`.
    private func wrap(_ text: String, indent: Int) -> [String] {
        var lines: [String] = []
        let leading = text.prefix { $0 == " " }
        var current = String(leading)
        var visible = leading.count
        var fresh = true
        let pad = String(repeating: " ", count: indent)
        for word in text.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false) {
            let length = Self.visibleLength(word)
            if !fresh, visible + 1 + length > Self.width {
                lines.append(current)
                current = pad
                visible = indent
                fresh = true
            }
            if !fresh {
                current += " "
                visible += 1
            }
            current += word
            visible += length
            fresh = false
        }
        lines.append(current)
        return lines.map(truncate)
    }

    private func truncate(_ line: String) -> String {
        guard Self.visibleLength(Substring(line)) > Self.width, !line.contains("\u{1B}") else { return line }
        return String(line.prefix(Self.width - 1)) + "…"
    }

    private static func visibleLength(_ text: Substring) -> Int {
        var count = 0
        var escape = false
        for character in text {
            if character == "\u{1B}" { escape = true; continue }
            if escape { if character == "m" { escape = false }; continue }
            count += 1
        }
        return count
    }

    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func paint(_ text: String, code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
