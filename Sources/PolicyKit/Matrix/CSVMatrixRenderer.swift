/// Renders a matrix as RFC 4180 CSV: UTF-8, CRLF line ends, one header row, numbers unformatted
/// (fractions with `.`, no grouping, no `%`), flags as `1` or `0`.
///
/// Periods view: one row per instrument, then a `project` row (instruments improved) and one
/// `common-indicator` row per common code; per period the columns `<P>_status`, `<P>_progress`,
/// `<P>_expected`, `<P>_value`, `<P>_improved`, `<P>_illustrative`, `<P>_changed`, and last
/// `error_messages` (why the row's cells are `error`, such as its file's errors).
/// Period detail view: one row per instrument, indicator and action, then the same project rows;
/// `error_messages` last here too.
struct CSVMatrixRenderer {
    let matrix: ProgressMatrix
    let language: MatrixLanguage

    func render() -> String {
        var records = matrix.view == .periods ? periods() : detail()
        records = records.map { $0.map(Self.field) }
        return records.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }

    private func number(_ value: Double?) -> String { value.map { MatrixNumber.decimal($0) } ?? "" }
    private func flag(_ value: Bool) -> String { value ? "1" : "0" }

    private func periods() -> [[String]] {
        let perPeriod = ["status", "progress", "expected", "value", "improved", "illustrative", "changed"]
        var records = [["row_type", "partner_id", "partner", "id", "title", "unit", "target"]
            + matrix.columns.flatMap { column in perPeriod.map { "\(column.period.id)_\($0)" } } + ["error_messages"]]
        for group in matrix.groups {
            for row in group.rows {
                records.append(["instrument", group.partner.id, matrix.localized(group.partner.name, language), row.instrumentID,
                                matrix.localized(row.title, language), "", ""]
                    + row.cells.flatMap { cell in
                        [cell.status.rawValue, number(cell.progress), number(cell.expected), "", flag(cell.improved),
                         flag(cell.illustrative), flag(cell.isChanged)]
                    } + [errorMessages(row)])
            }
        }
        records += projectRecords { index, improved, changed in
            ["", "", "", String(improved), String(improved), "0", flag(changed)]
        } common: { sum, summed in
            ["", "", "", summed ? number(sum?.value) : "", "", flag(sum?.illustrative ?? false), flag(sum?.later != nil)]
        }.map { $0 + [""] }
        return records
    }

    /// The row's load error, or the distinct error messages of its cells, joined by `; `.
    private func errorMessages(_ row: MatrixRow) -> String {
        if let loadError = row.loadError { return loadError }
        var seen = Set<String>()
        return row.cells.flatMap { $0.findings.filter { $0.severity == .error }.map(\.message) }
            .filter { seen.insert($0).inserted }.joined(separator: "; ")
    }

    private func detail() -> [[String]] {
        var records = [["row_type", "partner_id", "partner", "instrument_id", "id", "code", "title", "unit", "value", "status",
                        "progress", "expected", "achievement", "illustrative", "changed", "evidence", "errors", "warnings", "infos",
                        "error_messages"]]
        for group in matrix.groups {
            let partner = [group.partner.id, matrix.localized(group.partner.name, language)]
            for row in group.rows {
                guard let cell = row.cells.last else { continue }
                let detail = row.detail
                records.append(["instrument"] + partner + [row.instrumentID, row.instrumentID, "", matrix.localized(row.title, language),
                    "", "", cell.status.rawValue, number(cell.progress), number(cell.expected), "", flag(cell.illustrative),
                    flag(cell.isChanged), detail.map { "\($0.itemsWithEvidence)/\($0.itemCount)" } ?? "",
                    String(detail?.errorCount ?? 0), String(detail?.warningCount ?? 0), String(detail?.infoCount ?? 0),
                    errorMessages(row)])
                for item in (detail.map { $0.indicators + $0.actions } ?? []) {
                    let counts = [Finding.Severity.error, .warning, .info].map { severity in
                        String(item.findings.count { $0.severity == severity })
                    }
                    records.append([item.kind.rawValue] + partner + [row.instrumentID, item.id, item.code ?? "",
                        matrix.localized(item.title, language), item.unit ?? "", item.value ?? "", item.status.rawValue,
                        number(item.progress), number(item.expected), item.achievement?.rawValue ?? "", flag(item.illustrative),
                        flag(item.isChanged), String(item.evidence.count)] + counts
                        + [item.findings.filter { $0.severity == .error }.map(\.message).joined(separator: "; ")])
                }
            }
        }
        // The project rows share the periods layout's columns up to `target`, then one period.
        let project = matrix.projectRow
        let improved = project.improved.last ?? 0
        records.append(["project", "", "", "", matrix.project.id, "", language.text(.instrumentsImproved), "instruments",
                        String(improved), "", "", "", "", "0", flag(project.improvedLater.last.flatMap { $0 } != nil),
                        "", "", "", "", ""])
        if let evaluated = matrix.evaluatedSummary(language) {
            records.append(["project-evaluated", "", "", "", matrix.project.id, "", evaluated, "instruments",
                            String(project.evaluatedCount), "", "", "", "", "0", "0", "", "", "", "", ""])
        }
        for common in project.commonIndicators {
            let sum = common.sums.last ?? nil
            records.append(["common-indicator", "", "", "", common.code, common.code, matrix.localized(common.title, language),
                            common.unit, common.isSummed ? number(sum?.value) : "", "", "", "", "",
                            flag(sum?.illustrative ?? false), flag(sum?.later != nil), "", "", "", "", ""])
        }
        return records
    }

    private func projectRecords(
        improved: (Int, Int, Bool) -> [String], common: (MatrixCommonIndicator.Sum?, Bool) -> [String]
    ) -> [[String]] {
        let project = matrix.projectRow
        var records = [["project", "", "", matrix.project.id, language.text(.instrumentsImproved), "instruments",
                        String(project.instrumentCount)]
            + project.improved.indices.flatMap { improved($0, project.improved[$0], project.improvedLater[$0] != nil) }]
        if let evaluated = matrix.evaluatedSummary(language) {
            records.append(["project-evaluated", "", "", matrix.project.id, evaluated, "instruments", String(project.instrumentCount)]
                + project.improved.indices.flatMap { _ in ["", "", "", String(project.evaluatedCount), "", "0", "0"] })
        }
        for item in project.commonIndicators {
            let title = matrix.localized(item.title, language)
                + (item.notSummed.map { " (\(language.text(.notSummed)): \(matrix.reason($0, language)))" } ?? "")
            records.append(["common-indicator", "", "", item.code, title, item.unit, item.target.map { number($0) } ?? ""]
                + item.sums.flatMap { common($0, item.isSummed) })
        }
        return records
    }

    /// One field, quoted when it holds a comma, a quote, a line break or leading/trailing spaces.
    static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text {
            quoted += character == "\"" ? "\"\"" : String(character)
        }
        return quoted + "\""
    }
}
