/// Renders a matrix as one self-contained HTML page: inline CSS and SVG, no script, no font or
/// image from the network; status by symbol, text and colour; readable on a phone; printable on
/// A4 landscape; with the evaluation dates, the tool version and a legend.
struct HTMLMatrixRenderer {
    let matrix: ProgressMatrix
    let language: MatrixLanguage

    func render() -> String {
        let title = matrix.view == .periods ? language.text(.title)
            : "\(language.text(.periodDetail)) \(matrix.columns.first?.period.id ?? "")"
        var html = HTMLMatrixStyle.head(language: language.code, title: "\(matrix.project.acronym) — \(title) — \(matrix.asOf)") + """
            <body>
            <header>
            <h1>\(escape(matrix.project.acronym)) — \(escape(title))</h1>
            <p class="project">\(escape(matrix.project.name)) · \(escape(matrix.project.programme)) · \(escape(matrix.project.reference))</p>
            \(dates())
            </header>
            <main>

            """
        html += legend()
        if matrix.view == .periods {
            html += periodTable()
            html += commonIndicators()
            html += charts()
        } else {
            html += detail()
            html += commonIndicators()
        }
        html += drillDown()
        html += changes()
        html += errors()
        html += """
            </main>
            <footer>
            <p>policy-tracker \(PolicyTrackerVersion.current) · \(escape(language.text(.asOf))) \(matrix.asOf) · \(escape(language.text(.knownOn))) \(matrix.knownOn)\(matrix.comparedWith.map { " · \(escape(language.text(.comparedWith))) \($0)" } ?? "")</p>
            </footer>
            </body>
            </html>

            """
        return html
    }

    // MARK: Header and legend

    private func dates() -> String {
        var items = [
            (language.text(.asOf), "\(matrix.asOf) (\(matrix.currentPeriod.id))"),
            (language.text(.knownOn), matrix.knownOn.description),
        ]
        if let comparedWith = matrix.comparedWith { items.append((language.text(.comparedWith), comparedWith.description)) }
        items.append((language.text(.toolVersion), "policy-tracker \(PolicyTrackerVersion.current)"))
        return "<dl class=\"dates\">" + items.map { "<div><dt>\(escape($0.0))</dt><dd>\(escape($0.1))</dd></div>" }.joined() + "</dl>"
    }

    private func legend() -> String {
        var html = "<section class=\"legend\" aria-label=\"\(escape(language.text(.legend)))\">\n<h2>\(escape(language.text(.legend)))</h2>\n<ul>\n"
        for status in MatrixSymbols.legendOrder {
            html += "<li class=\"s-\(status.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(MatrixSymbols.symbol(status))</span> \(escape(language.text(status)))</li>\n"
        }
        html += "<li><span class=\"mark\">\(MatrixSymbols.illustrative)</span> <i>\(escape(language.text(.illustrative)))</i></li>\n"
        html += "<li><span class=\"mark changed-mark\">\(MatrixSymbols.changed)</span> \(escape(language.text(.changed)))</li>\n"
        return html + "</ul>\n</section>\n"
    }

    // MARK: Periods view

    private func periodTable() -> String {
        var html = "<section class=\"matrix-section\">\n<h2>\(escape(language.text(.title)))</h2>\n<div class=\"table-wrap\">\n<table class=\"matrix\">\n<thead><tr><th scope=\"col\">\(escape(language.text(.instrument)))</th>"
        for column in matrix.columns {
            html += "<th scope=\"col\">\(column.period.id)<small>\(shortSpan(column))</small></th>"
        }
        html += "</tr></thead>\n"
        for group in matrix.groups {
            html += "<tbody>\n<tr class=\"partner\"><th colspan=\"\(matrix.columns.count + 1)\" scope=\"rowgroup\">\(escape(matrix.partnerHeading(group, language)))</th></tr>\n"
            for row in group.rows {
                html += "<tr id=\"\(escape(row.instrumentID))\"><th scope=\"row\">\(escape(matrix.localized(row.title, language)))<small class=\"iid\">\(escape(row.instrumentID))</small></th>"
                html += row.cells.map { cell($0, link: Self.drillDownID(row.instrumentID)) }.joined()
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        let project = matrix.projectRow
        html += "<tbody class=\"project\">\n<tr class=\"partner\"><th colspan=\"\(matrix.columns.count + 1)\" scope=\"rowgroup\">\(escape(language.text(.project)))</th></tr>\n"
        html += "<tr><th scope=\"row\">\(escape(language.text(.instrumentsImproved)))</th>"
        for index in project.improved.indices {
            let later = project.improvedLater[index]
            html += "<td class=\"count\(later != nil ? " changed" : "")\" data-period=\"\(matrix.columns[index].period.id)\"\(later.map { " title=\"\(escape(language.text(.comparedWith))) \(matrix.comparedWith?.description ?? ""): \($0)\"" } ?? "")>"
            html += "<b>\(project.improved[index])</b> \(escape(language.text(.of))) \(project.instrumentCount)"
            if let later { html += " <span class=\"mark changed-mark\">\(MatrixSymbols.changed)</span><small class=\"later\">→ \(later)</small>" }
            html += "</td>"
        }
        html += "</tr>\n"
        if let evaluated = matrix.evaluatedSummary(language) {
            html += "<tr class=\"incomplete\"><td colspan=\"\(matrix.columns.count + 1)\"><span class=\"sym\" aria-hidden=\"true\">\(MatrixSymbols.symbol(.error))</span> \(escape(evaluated))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"
        if matrix.columns.contains(where: \.isCurrent) {
            html += "<p class=\"note\">\(matrix.columns.last?.period.id ?? ""): \(escape(language.text(.evaluatedAsOf))) \(matrix.asOf)</p>\n"
        }
        return html + "</section>\n"
    }

    private func shortSpan(_ column: MatrixColumn) -> String {
        let end = column.isCurrent ? column.evaluatedAsOf : column.period.end
        func month(_ day: Day) -> String { String(day.description.prefix(7)) }
        return "\(month(column.period.start)) – \(column.isCurrent ? end.description : month(end))"
    }

    private func cell(_ cell: MatrixCell, link: String) -> String {
        var classes = "cell s-\(cell.status.rawValue)"
        if cell.isChanged { classes += " changed" }
        var tooltip = "\(language.text(cell.status))"
        if let expected = cell.expected { tooltip += " · \(language.text(.expected)) \(MatrixCellText.percent(expected))" }
        if let later = cell.later {
            tooltip += " · \(language.text(.comparedWith)) \(matrix.comparedWith?.description ?? ""): \(language.text(later.status)) \(MatrixCellText.percent(later.progress))"
        }
        var html = "<td class=\"\(classes)\" data-period=\"\(cell.period)\" title=\"\(escape(tooltip))\">"
        html += "<a class=\"to-why\" href=\"#\(escape(link))\">"
        html += "<span class=\"sym\" aria-hidden=\"true\">\(MatrixSymbols.symbol(cell.status))</span>"
        if cell.progress != nil {
            html += " <span class=\"pct\(cell.illustrative ? " illustrative" : "")\">\(MatrixCellText.percent(cell.progress))</span>"
            if cell.illustrative { html += "<span class=\"mark\" title=\"\(escape(language.text(.illustrative)))\">\(MatrixSymbols.illustrative)</span>" }
        }
        if cell.isChanged { html += "<span class=\"mark changed-mark\">\(MatrixSymbols.changed)</span>" }
        html += "<span class=\"st\">\(escape(language.text(cell.status)))</span>"
        if let later = cell.later {
            html += "<small class=\"later\">→ \(MatrixSymbols.symbol(later.status)) \(MatrixCellText.percent(later.progress))</small>"
        }
        return html + "</a></td>"
    }

    private func commonIndicators() -> String {
        let commons = matrix.projectRow.commonIndicators
        guard !commons.isEmpty else { return "" }
        var html = "<section class=\"common\">\n<h2>\(escape(language.text(.commonIndicators)))</h2>\n<div class=\"table-wrap\">\n<table class=\"sums\">\n<thead><tr>"
        html += "<th scope=\"col\">\(escape(language.text(.code)))</th><th scope=\"col\">\(escape(language.text(.indicators)))</th><th scope=\"col\">\(escape(language.text(.unit)))</th><th scope=\"col\" class=\"num\">\(escape(language.text(.target)))</th>"
        html += matrix.columns.map { "<th scope=\"col\" class=\"num\">\($0.period.id)</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for common in commons {
            html += "<tr><th scope=\"row\">\(escape(common.code))</th><td>\(escape(matrix.localized(common.title, language)))</td><td>\(escape(common.unit))</td>"
            if let reason = common.notSummed {
                html += "<td colspan=\"\(matrix.columns.count + 1)\" class=\"not-summed\">\(escape(language.text(.notSummed))): \(escape(matrix.reason(reason, language)))</td>"
            } else {
                html += "<td class=\"num\">\(common.target.map { number($0, illustrative: common.targetIllustrative) } ?? "—")</td>"
                for sum in common.sums {
                    guard let sum else { html += "<td class=\"num\">—</td>"; continue }
                    html += "<td class=\"num\(sum.later != nil ? " changed" : "")\">\(number(sum.value, illustrative: sum.illustrative))"
                    if let later = sum.later {
                        html += "<span class=\"mark changed-mark\">\(MatrixSymbols.changed)</span><small class=\"later\">→ \(MatrixNumber.decimal(later, places: 2))</small>"
                    }
                    html += "</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n<p class=\"note\">\(escape(language.text(.cumulativeNote))); \(escape(language.text(.incrementalNote))).</p>\n</section>\n"
        return html
    }

    private func number(_ value: Double, illustrative: Bool) -> String {
        let text = MatrixNumber.decimal(value, places: 2)
        return illustrative ? "<i>\(text)</i><span class=\"mark\">\(MatrixSymbols.illustrative)</span>" : text
    }

    // MARK: Charts

    private func charts() -> String {
        var html = "<section class=\"charts-section\">\n<h2>\(escape(language.text(.chartCaption)))</h2>\n"
        html += "<p class=\"chart-key\"><svg width=\"28\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\" class=\"progress-line\"/></svg> \(escape(language.text(.progress)))"
        html += " <svg width=\"28\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\" class=\"expected-line\"/></svg> \(escape(language.text(.expected)))</p>\n"
        html += "<div class=\"charts\">\n"
        for group in matrix.groups {
            for row in group.rows {
                html += "<figure>\n<figcaption><b>\(escape(matrix.localized(row.title, language)))</b><small>\(escape(matrix.localized(group.partner.name, language)))</small></figcaption>\n"
                html += chart(row)
                html += "</figure>\n"
            }
        }
        return html + "</div>\n</section>\n"
    }

    /// A line chart of progress (solid, points marked with the status symbol) against expected
    /// (dashed) over the period columns, 0% to at least 100%.
    private func chart(_ row: MatrixRow) -> String {
        let width = 340.0, height = 170.0, left = 38.0, right = 10.0, top = 14.0, bottom = 24.0
        let values = row.cells.flatMap { [$0.progress, $0.expected] }.compactMap { $0 }
        let top100 = max(1.0, min(2.0, ((values.max() ?? 1) * 4).rounded(.up) / 4))
        let floor = min(0.0, max(-1.0, ((values.min() ?? 0) * 4).rounded(.down) / 4))
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = max(1, row.cells.count)
        func x(_ index: Int) -> Double { left + plotWidth * (Double(index) + 0.5) / Double(count) }
        func y(_ value: Double) -> Double { top + plotHeight * (top100 - value) / (top100 - floor) }
        func f(_ value: Double) -> String { MatrixNumber.decimal(value, places: 1) }
        let label = "\(matrix.localized(row.title, language)): " + row.cells.map {
            "\($0.period) \(language.text($0.status)) \(MatrixCellText.percent($0.progress))"
        }.joined(separator: ", ")
        var svg = "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(escape(label))\">\n"
        var ticks = [0.0, 0.5, 1.0]
        if top100 > 1 { ticks.append(top100) }
        if floor < 0 { ticks.insert(floor, at: 0) }
        for tick in ticks {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(tick)))\" class=\"\(tick == 1 ? "grid target" : "grid")\"/>"
            svg += "<text x=\"\(f(left - 4))\" y=\"\(f(y(tick) + 3.5))\" class=\"axis\" text-anchor=\"end\">\(MatrixNumber.percent(tick))%</text>\n"
        }
        for (index, cell) in row.cells.enumerated() {
            svg += "<text x=\"\(f(x(index)))\" y=\"\(f(height - 6))\" class=\"axis\" text-anchor=\"middle\">\(cell.period)</text>"
        }
        svg += "\n"
        svg += polylines(row.cells.map(\.expected), x: x, y: y, f: f, className: "expected-line")
        svg += polylines(row.cells.map(\.progress), x: x, y: y, f: f, className: "progress-line")
        for (index, cell) in row.cells.enumerated() {
            guard let progress = cell.progress else {
                svg += "<text x=\"\(f(x(index)))\" y=\"\(f(y(floor) - 4))\" class=\"pt s-\(cell.status.rawValue)\" text-anchor=\"middle\">\(MatrixSymbols.symbol(cell.status))</text>"
                continue
            }
            let clamped = min(max(progress, floor), top100)
            svg += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(clamped)))\" r=\"7.5\" class=\"dot s-\(cell.status.rawValue)\"/>"
            svg += "<text x=\"\(f(x(index)))\" y=\"\(f(y(clamped) + 3.5))\" class=\"pt-sym\" text-anchor=\"middle\">\(MatrixSymbols.symbol(cell.status))</text>"
        }
        return svg + "\n</svg>\n"
    }

    private func polylines(_ values: [Double?], x: (Int) -> Double, y: (Double) -> Double, f: (Double) -> String, className: String) -> String {
        var runs: [[String]] = [[]]
        for (index, value) in values.enumerated() {
            if let value {
                runs[runs.count - 1].append("\(f(x(index))),\(f(y(value)))")
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        return runs.filter { !$0.isEmpty }.map { points in
            points.count == 1
                ? "<circle cx=\"\(points[0].split(separator: ",")[0])\" cy=\"\(points[0].split(separator: ",")[1])\" r=\"2.5\" class=\"\(className)-dot\"/>"
                : "<polyline points=\"\(points.joined(separator: " "))\" class=\"\(className)\"/>"
        }.joined() + "\n"
    }

    // MARK: Detail view

    private func detail() -> String {
        var html = ""
        for group in matrix.groups {
            html += "<section class=\"partner-detail\">\n<h2>\(escape(matrix.partnerHeading(group, language)))</h2>\n"
            for row in group.rows {
                guard let cell = row.cells.last else { continue }
                html += "<article class=\"instrument\" id=\"\(escape(row.instrumentID))\">\n<h3>\(escape(matrix.localized(row.title, language))) <small class=\"iid\">\(escape(row.instrumentID))</small></h3>\n<p class=\"summary\"><a class=\"to-why\" href=\"#\(escape(Self.drillDownID(row.instrumentID)))\">"
                html += "<span class=\"badge s-\(cell.status.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(MatrixSymbols.symbol(cell.status))</span> \(escape(language.text(cell.status)))</span>"
                html += " \(escape(language.text(.progress))) <b>\(percentHTML(cell.progress, illustrative: cell.illustrative, changed: cell.isChanged))</b>"
                html += " · \(escape(language.text(.expected))) \(MatrixCellText.percent(cell.expected))</a>"
                if let detail = row.detail {
                    html += " · \(escape(language.text(.evidenceCoverage))) \(detail.itemsWithEvidence) \(escape(language.text(.of))) \(detail.itemCount)"
                    html += " · \(escape(language.text(.errors))) \(detail.errorCount) · \(escape(language.text(.warnings))) \(detail.warningCount)"
                }
                html += "</p>\n"
                if let detail = row.detail {
                    html += bars(detail)
                    html += items(detail.indicators, heading: .indicators)
                    html += items(detail.actions, heading: .actions)
                    let findings = cell.findings + (detail.indicators + detail.actions).flatMap { item in
                        item.findings.filter { $0.severity != .error }.map { Finding($0.severity, "\(item.id): \($0.message)") }
                    }
                    if !findings.isEmpty {
                        html += "<h4>\(escape(language.text(.findings)))</h4>\n<ul class=\"findings\">\n"
                        for finding in findings {
                            html += "<li class=\"f-\(finding.severity.rawValue)\"><b>\(finding.severity.rawValue)</b> \(escape(finding.message))</li>\n"
                        }
                        html += "</ul>\n"
                    }
                }
                html += "</article>\n"
            }
            html += "</section>\n"
        }
        let project = matrix.projectRow
        html += "<section class=\"project-detail\">\n<h2>\(escape(language.text(.project)))</h2>\n<p>\(escape(language.text(.instrumentsImproved))): <b>\(project.improved.last ?? 0)</b> \(escape(language.text(.of))) \(project.instrumentCount)"
        if let later = project.improvedLater.last ?? nil {
            html += " <span class=\"mark changed-mark\">\(MatrixSymbols.changed)</span> → \(later)"
        }
        html += "</p>\n"
        if let evaluated = matrix.evaluatedSummary(language) { html += "<p class=\"incomplete\">\(escape(evaluated))</p>\n" }
        return html + "</section>\n"
    }

    private func percentHTML(_ value: Double?, illustrative: Bool, changed: Bool) -> String {
        guard value != nil else { return "—" }
        var html = illustrative ? "<i>\(MatrixCellText.percent(value))</i><span class=\"mark\">\(MatrixSymbols.illustrative)</span>" : MatrixCellText.percent(value)
        if changed { html += "<span class=\"mark changed-mark\">\(MatrixSymbols.changed)</span>" }
        return html
    }

    /// Bars of each indicator's progress with a tick at the expected progress.
    private func bars(_ detail: MatrixInstrumentDetail) -> String {
        guard !detail.indicators.isEmpty else { return "" }
        let rowHeight = 22.0, width = 340.0, left = 150.0
        let height = rowHeight * Double(detail.indicators.count) + 6
        func f(_ value: Double) -> String { MatrixNumber.decimal(value, places: 1) }
        let label = detail.indicators.map { "\($0.id) \(MatrixCellText.percent($0.progress)) / \(MatrixCellText.percent($0.expected))" }.joined(separator: ", ")
        var svg = "<svg class=\"bars\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(escape(label))\">\n"
        let span = width - left - 40
        for (index, item) in detail.indicators.enumerated() {
            let y0 = 4 + rowHeight * Double(index)
            let name = (item.code ?? item.id)
            svg += "<text x=\"0\" y=\"\(f(y0 + 13))\" class=\"axis\">\(escape(String(name.prefix(24))))</text>"
            svg += "<rect x=\"\(f(left))\" y=\"\(f(y0 + 3))\" width=\"\(f(span))\" height=\"12\" class=\"track\"/>"
            if let progress = item.progress {
                svg += "<rect x=\"\(f(left))\" y=\"\(f(y0 + 3))\" width=\"\(f(span * min(max(progress, 0), 1)))\" height=\"12\" class=\"bar s-\(item.status.rawValue)\"/>"
            }
            if let expected = item.expected {
                let tick = left + span * min(max(expected, 0), 1)
                svg += "<line x1=\"\(f(tick))\" y1=\"\(f(y0))\" x2=\"\(f(tick))\" y2=\"\(f(y0 + 18))\" class=\"tick\"/>"
            }
            svg += "<text x=\"\(f(width - 36))\" y=\"\(f(y0 + 13))\" class=\"axis\">\(MatrixSymbols.symbol(item.status)) \(MatrixCellText.percent(item.progress))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func items(_ items: [MatrixItem], heading: MatrixLabel) -> String {
        guard !items.isEmpty else { return "" }
        var html = "<div class=\"table-wrap\">\n<table class=\"items\">\n<caption>\(escape(language.text(heading)))</caption>\n<thead><tr>"
        html += "<th scope=\"col\">\(escape(language.text(heading)))</th>"
        if heading == .indicators { html += "<th scope=\"col\">\(escape(language.text(.value)))</th>" }
        html += "<th scope=\"col\" class=\"num\">\(escape(language.text(.progress)))</th><th scope=\"col\" class=\"num\">\(escape(language.text(.expected)))</th><th scope=\"col\">\(escape(language.text(.status)))</th>"
        html += "</tr></thead>\n<tbody>\n"
        for item in items {
            let title = (item.code.map { "<span class=\"code\">\(escape($0))</span> " } ?? "") + escape(matrix.localized(item.title, language))
            html += "<tr\(item.isChanged ? " class=\"changed\"" : "")><th scope=\"row\">\(title)</th>"
            if heading == .indicators {
                let value = item.value.map { escape("\($0) \(item.unit ?? "")") } ?? "—"
                html += "<td>\(item.illustrative && item.value != nil ? "<i>\(value)</i><span class=\"mark\">\(MatrixSymbols.illustrative)</span>" : value)"
                if let later = item.later, later.value != item.value { html += "<small class=\"later\">→ \(escape(later.value ?? "—"))</small>" }
                html += "</td>"
            }
            html += "<td class=\"num\">\(percentHTML(item.progress, illustrative: item.illustrative, changed: item.isChanged))</td>"
            html += "<td class=\"num\">\(MatrixCellText.percent(item.expected))</td>"
            var status = "<span class=\"badge s-\(item.status.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(MatrixSymbols.symbol(item.status))</span> \(escape(language.text(item.status)))</span>"
            if let achievement = item.achievement { status += " <small>\(escape(language.text(.achievement))): \(escape(language.text(achievement)))</small>" }
            if let later = item.later, later.status != item.status {
                status += "<small class=\"later\">→ \(MatrixSymbols.symbol(later.status)) \(escape(language.text(later.status)))</small>"
            }
            html += "<td>\(status)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    // MARK: Changes and errors

    private func changes() -> String {
        guard let comparedWith = matrix.comparedWith, matrix.hasChanges else { return "" }
        var html = "<section class=\"changes\">\n<h2><span class=\"changed-mark\">\(MatrixSymbols.changed)</span> \(escape(language.text(.comparedWith))) \(comparedWith)</h2>\n<ul>\n"
        for row in matrix.rows {
            for cell in row.cells {
                guard let later = cell.later else { continue }
                html += "<li><b>\(cell.period)</b> \(escape(matrix.localized(row.title, language))): \(MatrixSymbols.symbol(cell.status)) \(escape(language.text(cell.status))) \(MatrixCellText.percent(cell.progress)) → \(MatrixSymbols.symbol(later.status)) \(escape(language.text(later.status))) \(MatrixCellText.percent(later.progress))</li>\n"
            }
        }
        return html + "</ul>\n</section>\n"
    }

    private func errors() -> String {
        let items = matrix.errorEntries(language).map { entry in
            "<li><b>\(entry.periods)</b> \(escape(entry.instrument)): \(escape(entry.message))</li>"
        }
        guard !items.isEmpty else { return "" }
        return "<section class=\"errors\">\n<h2>\(MatrixSymbols.symbol(.error)) \(escape(language.text(.errors)))</h2>\n<ul>\n" + items.joined(separator: "\n") + "\n</ul>\n</section>\n"
    }

    /// Escapes text for HTML content and attribute values.
    func escape(_ text: String) -> String { Self.escape(text) }

    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
