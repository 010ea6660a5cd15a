public import PolicyKit

/// The lead partner's workbook: the progress matrix, one period in detail, the common
/// indicators, the reporting completeness and an About sheet, labels in the matrix's language.
///
/// Statuses are written as symbol and word on a fill of their colour (never colour alone),
/// progress as numbers formatted as percentages, illustrative numbers with `†` in their number
/// format (they stay numbers). Every sheet has its header row frozen and an autofilter.
public enum MatrixWorkbook {
    /// The sheets' names, in tab order.
    public static let sheetNames = ["Matrix", "Detail", "Common indicators", "Reporting", "About"]

    /// The workbook of `matrix` (the periods view), `detail` (one period in detail) and `status`.
    public static func make(matrix: ProgressMatrix, detail: ProgressMatrix, status: ReportingCompleteness, language: MatrixLanguage) -> Spreadsheet {
        Spreadsheet(sheets: [
            matrixSheet(matrix, language), detailSheet(detail, language), commonSheet(matrix, language),
            reportingSheet(status, language), aboutSheet(matrix: matrix, detail: detail, status: status, language: language),
        ], title: "\(matrix.project.acronym) — \(language.text(.title))", creator: "policy-tracker \(PolicyTrackerVersion.current)")
    }

    /// The workbook of `status` alone: the Reporting and About sheets.
    public static func make(status: ReportingCompleteness) -> Spreadsheet {
        Spreadsheet(sheets: [reportingSheet(status, .english), aboutSheet(matrix: nil, detail: nil, status: status, language: .english)],
                    title: "\(status.project.acronym) — reporting status for \(status.period.id)",
                    creator: "policy-tracker \(PolicyTrackerVersion.current)")
    }

    // MARK: Cells

    static func header(_ texts: [String]) -> [Spreadsheet.Cell] { texts.map { .text($0, .header) } }

    /// `● on track` on the status's fill.
    static func statusCell(_ status: EvaluationStatus, _ language: MatrixLanguage, changed: Bool = false) -> Spreadsheet.Cell {
        .text(MatrixSymbols.symbol(status) + " " + language.text(status) + (changed ? " " + MatrixSymbols.changed : ""), .fill(MatrixSymbols.tint(status)))
    }

    /// A fraction as a percentage (`†` when illustrative), or empty.
    static func percent(_ value: Double?, illustrative: Bool) -> Spreadsheet.Cell {
        value.map { .number($0, illustrative ? .illustrativePercent : .percent) } ?? .empty
    }

    static func text(_ value: String?) -> Spreadsheet.Cell { value.map { .text($0) } ?? .empty }

    // MARK: Sheets

    static func matrixSheet(_ matrix: ProgressMatrix, _ language: MatrixLanguage) -> Spreadsheet.Sheet {
        var rows: [[Spreadsheet.Cell]] = [header(
            [language.text(.partner), language.text(.instrument)]
                + matrix.columns.flatMap { column in
                    ["\(column.period.id) \(language.text(.status).lowercased())" + (column.isCurrent ? "*" : ""),
                     "\(column.period.id) \(language.text(.progress).lowercased())"]
                })]
        for group in matrix.groups {
            let partner = matrix.partnerHeading(group, language)
            for row in group.rows {
                var cells: [Spreadsheet.Cell] = [.text(partner), .text(row.title.text(in: language.code))]
                for cell in row.cells {
                    cells += [statusCell(cell.status, language, changed: cell.isChanged), percent(cell.progress, illustrative: cell.illustrative)]
                }
                rows.append(cells)
            }
        }
        let filterRows = rows.count
        let project = matrix.projectRow
        rows.append([.text(language.text(.project), .bold), .text(language.text(.instrumentsImproved), .bold)]
            + project.improved.flatMap { [Spreadsheet.Cell.text("\($0) \(language.text(.of)) \(project.instrumentCount)", .bold), .empty] })
        if let evaluated = matrix.evaluatedSummary(language) {
            rows.append([.text(language.text(.project), .bold), .text(evaluated, .fill(MatrixSymbols.tint(.error)))])
        }
        for common in project.commonIndicators where common.isSummed {
            rows.append([.text(language.text(.project)), .text("\(common.code) \(common.unit)")]
                + common.sums.flatMap { sum -> [Spreadsheet.Cell] in
                    [sum.map { .number($0.value, $0.illustrative ? .illustrativeNumber : .number) } ?? .empty, .empty]
                })
        }
        let errors = matrix.errorEntries(language)
        if !errors.isEmpty {
            rows.append([])
            rows.append([.text("\(MatrixSymbols.symbol(.error)) \(language.text(.errors))", .bold)])
            for entry in errors { rows.append([.text(entry.periods), .text("\(entry.instrument): \(entry.message)")]) }
        }
        return Spreadsheet.Sheet(name: "Matrix", columnWidths: [34, 48] + matrix.columns.flatMap { _ in [15.0, 11] }, rows: rows,
                                 frozenRows: 1, frozenColumns: 2, filterRows: filterRows)
    }

    static func detailSheet(_ matrix: ProgressMatrix, _ language: MatrixLanguage) -> Spreadsheet.Sheet {
        var rows: [[Spreadsheet.Cell]] = [header([
            language.text(.period), language.text(.partner), language.text(.instrument), "id", language.text(.code), language.text(.indicators) + " / " + language.text(.actions),
            language.text(.value), language.text(.unit), language.text(.status), language.text(.progress), language.text(.expected),
            language.text(.achievement), language.text(.evidenceCoverage), language.text(.findings),
        ])]
        let period = matrix.columns.last?.period.id ?? ""
        for group in matrix.groups {
            let partner = matrix.partnerHeading(group, language)
            for row in group.rows {
                let title = row.title.text(in: language.code)
                if let cell = row.cells.last {
                    let findings = cell.findings.map { "\($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
                    rows.append([.text(period), .text(partner), .text(title), .text(row.instrumentID), .empty, .text(language.text(.instrument), .bold),
                                 .empty, .empty, statusCell(cell.status, language, changed: cell.isChanged),
                                 percent(cell.progress, illustrative: cell.illustrative), percent(cell.expected, illustrative: false), .empty,
                                 row.detail.map { .text("\($0.itemsWithEvidence) \(language.text(.of)) \($0.itemCount)") } ?? .empty,
                                 findings.isEmpty ? .empty : .text(findings, .wrapped)])
                }
                for item in (row.detail.map { $0.indicators + $0.actions } ?? []) {
                    let findings = item.findings.map { "\($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
                    rows.append([.text(period), .text(partner), .text(title), .text(item.id), text(item.code),
                                 .text(item.title.text(in: language.code), .wrapped), text(item.value), text(item.unit),
                                 statusCell(item.status, language, changed: item.isChanged), percent(item.progress, illustrative: item.illustrative),
                                 percent(item.expected, illustrative: false), item.achievement.map { .text(language.text($0)) } ?? .empty,
                                 item.evidence.isEmpty ? .empty : .text(item.evidence.joined(separator: ", ")),
                                 findings.isEmpty ? .empty : .text(findings, .wrapped)])
                }
            }
        }
        return Spreadsheet.Sheet(name: "Detail", columnWidths: [8, 28, 34, 28, 9, 40, 14, 14, 16, 11, 11, 14, 18, 70], rows: rows,
                                 frozenRows: 1, filterRows: rows.count)
    }

    static func commonSheet(_ matrix: ProgressMatrix, _ language: MatrixLanguage) -> Spreadsheet.Sheet {
        var rows: [[Spreadsheet.Cell]] = [header([language.text(.code), language.text(.commonIndicators), language.text(.unit), language.text(.target),
                                                  language.text(.notSummed)] + matrix.columns.map(\.period.id))]
        for common in matrix.projectRow.commonIndicators {
            rows.append([.text(common.code), .text(common.title.text(in: language.code), .wrapped), .text(common.unit),
                         common.target.map { .number($0, common.targetIllustrative ? .illustrativeNumber : .number) } ?? .empty,
                         common.notSummed.map { .text(matrix.reason($0, language), .wrapped) } ?? .empty]
                + common.sums.map { sum in
                    guard common.isSummed, let sum else { return .empty }
                    return .number(sum.value, sum.illustrative ? .illustrativeNumber : .number)
                })
        }
        let filterRows = rows.count
        rows.append([])
        rows.append([.text(language.text(.cumulativeNote), .wrapped)])
        rows.append([.text(language.text(.incrementalNote), .wrapped)])
        return Spreadsheet.Sheet(name: "Common indicators", columnWidths: [10, 48, 16, 10, 36] + matrix.columns.map { _ in 9.0 },
                                 rows: rows, frozenRows: 1, filterRows: filterRows)
    }

    /// The completeness of one period's report; the headers in `language`, the states in English.
    static func reportingSheet(_ status: ReportingCompleteness, _ language: MatrixLanguage) -> Spreadsheet.Sheet {
        var rows: [[Spreadsheet.Cell]] = [header([language.text(.period), language.text(.partner), language.text(.instrument),
                                                  language.text(.kind), "Id", language.text(.itemTitle), language.text(.due),
                                                  language.text(.receivedOn), language.text(.daysLate), language.text(.evidenceCoverage),
                                                  language.text(.state)])]
        for partner in status.partners {
            let name = partner.partner.name.english
            let complete: EvaluationStatus = partner.isComplete ? .achieved : .offTrack
            rows.append([.text(status.period.id), .text(name, .bold), .empty, .text("partner"), .text(partner.partner.id), .empty, .empty, .empty,
                         partner.isComplete ? .empty : status.daysLate(nil).map { .number(Double($0)) } ?? .empty, .empty,
                         .text((partner.isComplete ? "✔ " : "✖ ") + status.summary(of: partner), .fill(MatrixSymbols.tint(complete)))])
            for instrument in partner.instruments {
                if let loadError = instrument.loadError {
                    rows.append([.text(status.period.id), .text(name), .text(instrument.id), .text("instrument file"), .text(instrument.id),
                                 .text(instrument.title.english), .empty, .empty, .empty, .empty,
                                 .text("✖ " + loadError, .fill(MatrixSymbols.tint(.error)))])
                }
                for item in instrument.items {
                    let late = item.isReceived || item.isDue ? status.daysLate(item.reportedOn) : nil
                    let state: EvaluationStatus = item.isMissing ? .offTrack : item.isReceived ? (late == nil ? .achieved : .atRisk) : .noData
                    rows.append([.text(status.period.id), .text(name), .text(instrument.id), .text(item.kind.rawValue), .text(item.id),
                                 .text(item.title.english), .text(language.text(item.isDue ? .yes : .no)), text(item.reportedOn?.description),
                                 late.map { .number(Double($0)) } ?? .empty,
                                 item.evidence.isEmpty ? .empty : .text(item.evidence.joined(separator: ", ")),
                                 .text(status.symbol(of: item) + " " + status.state(of: item), .fill(MatrixSymbols.tint(state)))])
                }
            }
        }
        return Spreadsheet.Sheet(name: "Reporting", columnWidths: [8, 30, 34, 14, 30, 44, 6, 12, 10, 26, 44], rows: rows,
                                 frozenRows: 1, filterRows: rows.count)
    }

    static func aboutSheet(matrix: ProgressMatrix?, detail: ProgressMatrix?, status: ReportingCompleteness, language: MatrixLanguage) -> Spreadsheet.Sheet {
        let project = status.project
        var rows: [[Spreadsheet.Cell]] = [header(["", ""])]
        rows[0] = header([project.acronym, project.name])
        var pairs: [(String, String)] = [
            (language.text(.programme), project.programme), (language.text(.reference), project.reference),
            (language.text(.projectPeriod), "\(project.start) – \(project.end)"),
        ]
        if let matrix {
            pairs += [(language.text(.asOf), "\(matrix.asOf) (\(matrix.currentPeriod.id))"), (language.text(.knownOn), matrix.knownOn.description)]
            if let compared = matrix.comparedWith { pairs.append((language.text(.comparedWith), compared.description)) }
        }
        if let detail, let column = detail.columns.last { pairs.append((language.text(.detail), "\(column.period.id) \(column.period.start) – \(column.period.end)")) }
        pairs += [
            (language.text(.reporting), "\(status.period.id): report due \(status.dueDate), as of \(status.asOf), known on \(status.knownOn)"),
            (language.text(.reportingSummary), status.summary),
            (language.text(.toolVersion), "policy-tracker \(PolicyTrackerVersion.current)"),
        ]
        if let evaluated = matrix?.evaluatedSummary(language) { pairs.append((language.text(.project), evaluated)) }
        rows += pairs.map { [.text($0.0, .bold), .text($0.1, .wrapped)] }
        rows.append([])
        rows.append([.text(language.text(.legend), .bold)])
        for state in MatrixSymbols.legendOrder { rows.append([statusCell(state, language), .empty]) }
        rows.append([.text(MatrixSymbols.illustrative), .text(language.text(.illustrative), .wrapped)])
        rows.append([.text(MatrixSymbols.changed), .text(language.text(.changed), .wrapped)])
        rows.append([.text(language.text(.reporting)), .text("✔ received · ▲ received after the due date · ✖ missing · – not due", .wrapped)])
        return Spreadsheet.Sheet(name: "About", columnWidths: [26, 90], rows: rows, frozenRows: 1, filterRows: 0)
    }
}
