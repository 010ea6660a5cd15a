/// The reporting status as one self-contained HTML page (the matrix's style sheet, no script):
/// per partner a table of its instruments' items, each state as a symbol and words, never colour alone.
struct ReportingCompletenessHTML {
    let status: ReportingCompleteness

    private func escape(_ text: String) -> String { HTMLMatrixRenderer.escape(text) }

    /// The status class of an item (the matrix's colours): received, late, missing, not due.
    private func style(_ item: ReportingCompleteness.Item) -> EvaluationStatus {
        if let day = item.reportedOn { return status.daysLate(day) == nil ? .achieved : .atRisk }
        return item.isDue ? .offTrack : .noData
    }

    func render() -> String {
        let title = "\(status.project.acronym) — reporting status for \(status.period.id)"
        var html = HTMLMatrixStyle.head(language: "en", title: "\(title) — \(status.asOf)") + """
            <body>
            <header>
            <h1>\(escape(title))</h1>
            <p class="project">\(escape(status.project.name)) · \(escape(status.periodSpan))</p>
            <p>\(escape(status.datesLine))</p>
            </header>
            <main>
            <p class="summary"><b>\(escape(status.summary))</b></p>

            """
        for partner in status.partners {
            let name = partner.partner.name.english + (partner.partner.role == .leadPartner ? " (lead partner)" : "")
            let badge: EvaluationStatus = partner.isComplete ? .achieved : .offTrack
            html += "<section class=\"partner-detail\">\n<h2>\(escape(name))</h2>\n"
            html += "<p><span class=\"badge s-\(badge.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(MatrixSymbols.symbol(partner.isComplete ? .achieved : .error))</span> \(escape(status.summary(of: partner)))</span></p>\n"
            for instrument in partner.instruments {
                html += "<h3>\(escape(instrument.id)) — \(escape(instrument.title.english))</h3>\n"
                if let loadError = instrument.loadError {
                    html += "<p class=\"badge s-error\"><span class=\"sym\" aria-hidden=\"true\">\(MatrixSymbols.symbol(.error))</span> \(escape(loadError))</p>\n"
                    continue
                }
                html += "<div class=\"table-wrap\">\n<table class=\"items\">\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Kind</th><th scope=\"col\">State</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n"
                for item in instrument.items {
                    let state = style(item)
                    html += "<tr><th scope=\"row\">\(escape(item.id))<br><small>\(escape(item.title.english))</small></th><td>\(item.kind.rawValue)</td>"
                    html += "<td class=\"s-\(state.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(status.symbol(of: item))</span> \(escape(status.state(of: item)))</td>"
                    html += "<td>\(escape(item.evidence.joined(separator: ", ")))</td></tr>\n"
                }
                html += "</tbody>\n</table>\n</div>\n"
            }
            html += "</section>\n"
        }
        html += """
            <p class="note">✔ received · ▲ received after the due date · ✖ missing · – not due</p>
            </main>
            <footer>
            <p>policy-tracker \(PolicyTrackerVersion.current) · \(escape(status.datesLine))</p>
            </footer>
            </body>
            </html>

            """
        return html
    }
}
