/// Renders a comparison as one self-contained HTML page: no script, no network, readable on a
/// phone (one column of cards below 700 px), printable; kinds are words, never colour alone.
struct EditionDiffHTML {
    let diff: EditionDiff
    let language: MatrixLanguage

    static let style = """
        :root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --line: #d5d9e0; --warn: #8a1c1c; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 16px; }
        h1 { font-size: 1.35rem; margin: 0 0 4px; } h2 { font-size: 1.1rem; margin: 24px 0 8px; } h3 { font-size: 1rem; margin: 16px 0 6px; }
        .summary { color: var(--muted); margin: 0 0 12px; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
        th { font-size: .85rem; color: var(--muted); }
        .cell { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 8px 0; break-inside: avoid; }
        .cell.rewritten { border-left: 6px solid var(--warn); }
        .change { font-weight: 600; } .tag { font: 600 .75rem/1 ui-monospace, monospace; border: 1px solid var(--ink); border-radius: 3px; padding: 2px 4px; margin-right: 4px; white-space: nowrap; }
        .loc { font-family: ui-monospace, monospace; font-size: .85rem; overflow-wrap: anywhere; }
        ul { margin: 4px 0; padding-left: 20px; } li { margin: 2px 0; overflow-wrap: anywhere; }
        .details { color: var(--muted); font-size: .85rem; list-style: none; padding-left: 12px; border-left: 2px solid var(--line); }
        @media (max-width: 700px) { body { padding: 10px; font-size: 14px; } table.cells thead { display: none; }
          table.cells tr { display: block; border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
          table.cells td { display: block; border: 0; padding: 3px 8px; }
          table.cells td::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; } }
        @media print { body { max-width: none; } .cell { page-break-inside: avoid; } }
        """

    func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"\(language.code)\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        let title = diff.mode == .rules ? "Impact of the rule change" : "What changed since \(diff.from.name)"
        html += "<title>\(escape(title))</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n"
        html += "<h1>\(escape(title))</h1>\n<p class=\"summary\">\(escape(diff.summary(arrow: "→")))</p>\n"
        html += "<p><strong>\(escape(diff.countsLine))</strong></p>\n"
        if !diff.unloadable.isEmpty {
            html += "<h2>Not loaded</h2>\n<ul>\n"
            for unloadable in diff.unloadable {
                let edition = unloadable.side == "from" ? diff.from.name : diff.to.name
                html += "<li><b>\(escape(unloadable.instrumentID))</b> in \(escape(edition))<ul>"
                html += unloadable.diagnostics.map { "<li class=\"loc\">\(escape($0.description))</li>" }.joined()
                html += "</ul></li>\n"
            }
            html += "</ul>\n"
        }
        if !diff.cells.isEmpty {
            html += "<h2>Changed cells</h2>\n<table class=\"cells\">\n<thead><tr><th>Instrument</th><th>Period</th><th>Before</th><th>After</th><th>Why</th></tr></thead>\n<tbody>\n"
            for cell in diff.cells {
                let kinds = cell.causes.map(\.kind.rawValue).uniqued().map { "<span class=\"tag\">\(escape($0))</span>" }.joined(separator: " ")
                html += "<tr><td data-label=\"Instrument\">\(escape(cell.instrumentID))</td><td data-label=\"Period\">\(escape(cell.period))</td><td data-label=\"Before\">\(escape(EditionDiff.describe(cell.before)))</td>"
                html += "<td data-label=\"After\">\(escape(EditionDiff.describe(cell.after)))</td><td data-label=\"Why\">\(kinds)\(cell.reported && diff.mode == .rules ? (cell.accepted ? " reported, acknowledged" : " <b>reported period</b>") : "")</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
            var lastInstrument = ""
            for cell in diff.cells {
                if cell.instrumentID != lastInstrument {
                    html += "<h3>\(escape(cell.instrumentID)): \(escape(diff.title(cell.instrumentID, language)))</h3>\n"
                    lastInstrument = cell.instrumentID
                }
                let rewritten = diff.mode == .rules && cell.reported && !cell.accepted
                html += "<div class=\"cell\(rewritten ? " rewritten" : "")\">\n"
                html += "<p class=\"change\">\(escape(cell.period)): \(escape(EditionDiff.describe(cell.before))) → \(escape(EditionDiff.describe(cell.after))) <span class=\"tag\">\(cell.attribution.rawValue)</span>\(rewritten ? " — reported period: history rewritten" : "")</p>\n"
                html += causes(cell.causes)
                if !cell.items.isEmpty {
                    html += "<ul>\n"
                    for item in cell.items {
                        html += "<li>\(item.kind.rawValue) <b>\(escape(item.id))</b>: \(escape(EditionDiff.describe(item.before))) → \(escape(EditionDiff.describe(item.after))) <span class=\"tag\">\(item.attribution.rawValue)</span>\n"
                        html += causes(EditionDiff.shownCauses(item, in: cell))
                        if !item.details.isEmpty {
                            html += "<ul class=\"details\">" + item.details.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
                        }
                        html += "</li>\n"
                    }
                    html += "</ul>\n"
                }
                html += "</div>\n"
            }
        }
        if !diff.projectRow.isEmpty {
            html += "<h2>Project row</h2>\n<table>\n<thead><tr><th>Period</th><th>Measure</th><th>Before</th><th>After</th><th>Instruments</th></tr></thead>\n<tbody>\n"
            for change in diff.projectRow {
                html += "<tr><td>\(escape(change.period))</td><td>\(escape(EditionDiff.measureName(change.measure)))</td><td>\(EditionDiff.describe(change.before))</td><td>\(EditionDiff.describe(change.after))</td><td>\(escape(change.instruments.joined(separator: ", ")))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        if !diff.withoutEffect.isEmpty {
            html += "<h2>Changes without effect on any cell</h2>\n" + causes(diff.withoutEffect)
        }
        html += "</body>\n</html>\n"
        return html
    }

    private func causes(_ causes: [EditionDiff.Cause]) -> String {
        guard !causes.isEmpty else { return "" }
        return "<ul>\n" + causes.map { cause in
            var text = "<li><span class=\"tag\">\(escape(cause.kind.rawValue))</span> "
            if let location = cause.location { text += "<span class=\"loc\">\(escape(location))</span> " }
            text += escape(cause.subject)
            if let hook = cause.hook { text += " (hook \(escape(hook)))" }
            if let values = EditionDiff.values(cause, arrow: "→") { text += ": " + escape(values) }
            return text + "</li>"
        }.joined(separator: "\n") + "\n</ul>\n"
    }

    /// Escapes text for HTML content and attribute values.
    private func escape(_ text: String) -> String { HTMLMatrixRenderer.escape(text) }
}
