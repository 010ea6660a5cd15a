/// The drill-down of the HTML matrix, without any script: one `<details>` block per instrument
/// with its result at the latest period, who decided each field, its trace, and each item with
/// its own trace. Every cell of the instrument's row links to `#why-INSTRUMENT`, an element
/// inside the block, so that following the link opens the block (browsers reveal the closed
/// `<details>` around a fragment's target). Printed, every block is open.
extension HTMLMatrixRenderer {
    /// The `id` of an instrument's drill-down block (the row itself has the instrument id).
    static func drillDownID(_ instrumentID: String) -> String { "why-" + instrumentID }

    func drillDown() -> String {
        let rows = matrix.groups.flatMap(\.rows).filter { $0.latest != nil }
        guard !rows.isEmpty, let column = matrix.columns.last else { return "" }
        var html = "<section class=\"drill\">\n<h2>\(escape(language.text(.drillDown)))</h2>\n"
        html += "<p class=\"note\">\(escape(column.period.id)) · \(escape(language.text(.asOf))) \(column.evaluatedAsOf) · \(escape(language.text(.knownOn))) \(matrix.knownOn)</p>\n"
        for row in rows {
            guard let result = row.latest else { continue }
            html += instrumentBlock(row, result)
        }
        return html + "</section>\n"
    }

    private func instrumentBlock(_ row: MatrixRow, _ result: InstrumentResult) -> String {
        var html = "<details class=\"why\">\n<summary>"
        html += badge(result.status)
        html += " <b>\(escape(matrix.localized(row.title, language)))</b> <small class=\"iid\">\(escape(row.instrumentID))</small>"
        html += " · \(escape(language.text(.progress))) \(MatrixCellText.percent(result.progress))"
        html += " · \(escape(language.text(.expected))) \(MatrixCellText.percent(result.expected))"
        html += "</summary>\n<div class=\"why-body\" id=\"\(escape(Self.drillDownID(row.instrumentID)))\">\n"
        html += "<p>\(escape(language.text(.evaluatedBy))): <code>\(escape(result.evaluatedBy.description))</code> · <a href=\"#\(escape(row.instrumentID))\">\(escape(language.text(.title)))</a></p>\n"
        html += decidersTable(result.trace, status: result.status, progress: result.progress, expected: result.expected, improved: result.improved)
        html += "<h4>\(escape(language.text(.steps)))</h4>\n" + steps(result.trace)
        html += "<div class=\"table-wrap\">\n<table class=\"items why-items\">\n<thead><tr><th scope=\"col\">\(escape(language.text(.item)))</th><th scope=\"col\">\(escape(language.text(.status)))</th><th scope=\"col\">\(escape(language.text(.progress)))</th><th scope=\"col\">\(escape(language.text(.expected)))</th><th scope=\"col\">\(escape(language.text(.decidedBy)))</th></tr></thead>\n<tbody>\n"
        for item in result.indicators + result.actions {
            html += "<tr><th scope=\"row\"><a href=\"#\(escape(itemID(row.instrumentID, item)))\">\(escape(item.id))</a></th><td>\(badge(item.status))</td>"
            html += "<td>\(MatrixCellText.percent(item.progress))</td><td>\(MatrixCellText.percent(item.expected))</td>"
            html += "<td><code>\(escape(item.decidedBy.status?.description ?? "—"))</code></td></tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"
        for item in result.indicators + result.actions {
            html += "<details class=\"item-why\">\n<summary>\(escape(language.text(item.kind == .indicator ? .indicators : .actions))): <b>\(escape(item.id))</b> "
            html += badge(item.status)
            html += " · \(escape(language.text(.progress))) \(MatrixCellText.percent(item.progress)) · \(escape(language.text(.expected))) \(MatrixCellText.percent(item.expected))</summary>\n"
            html += "<div id=\"\(escape(itemID(row.instrumentID, item)))\">\n"
            html += decidersTable(item.trace, status: item.status, progress: item.progress, expected: item.expected, improved: nil)
            html += steps(item.trace)
            html += "</div>\n</details>\n"
        }
        return html + "</div>\n</details>\n"
    }

    private func itemID(_ instrumentID: String, _ item: ItemResult) -> String {
        "\(Self.drillDownID(instrumentID))--\(item.id)"
    }

    private func badge(_ status: EvaluationStatus) -> String {
        "<span class=\"badge s-\(status.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(MatrixSymbols.symbol(status))</span> \(escape(language.text(status)))</span>"
    }

    /// Each field, its value and who decided it.
    private func decidersTable(_ trace: Trace, status: EvaluationStatus, progress: Double?, expected: Double?, improved: Bool?) -> String {
        var rows: [(String, String, ResultField)] = [
            (language.text(.status), language.text(status), .status),
            (language.text(.progress), MatrixCellText.percent(progress), .progress),
            (language.text(.expected), MatrixCellText.percent(expected), .expected),
        ]
        if let improved { rows.append((language.text(.instrumentsImproved), improved ? "✓" : "—", .improved)) }
        var html = "<div class=\"table-wrap\">\n<table class=\"deciders\">\n<thead><tr><th scope=\"col\">\(escape(language.text(.field)))</th><th scope=\"col\">\(escape(language.text(.value)))</th><th scope=\"col\">\(escape(language.text(.decidedBy)))</th></tr></thead>\n<tbody>\n"
        for (name, value, field) in rows {
            let step = trace.lastStep(setting: field)
            let override = step?.kind == .override ? " <span class=\"k-override\">(\(TraceStep.Kind.override.rawValue))</span>" : ""
            html += "<tr><th scope=\"row\">\(escape(name))</th><td>\(escape(value))</td><td><code>\(escape(step?.origin.description ?? "—"))</code>\(override)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    /// The steps of a trace, in order, each with its kind and origin.
    private func steps(_ trace: Trace) -> String {
        var html = "<ol class=\"trace\">\n"
        for step in trace.steps {
            html += "<li class=\"k-\(step.kind.rawValue)\"><span class=\"kind\">\(step.kind.rawValue)</span> <code class=\"origin\">\(escape(step.origin.description))</code> \(escape(step.text))"
            if let superseded = step.supersedes { html += " <small>(\(escape(superseded.description)))</small>" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }
}
