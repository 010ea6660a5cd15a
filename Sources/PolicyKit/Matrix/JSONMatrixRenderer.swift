/// Renders a matrix as JSON, schema version ``ProgressMatrix/schemaVersion`` (documented in the
/// ProgressMatrix article): every number with its status, illustrative flag and findings.
struct JSONMatrixRenderer {
    let matrix: ProgressMatrix
    let language: MatrixLanguage

    func render() -> String {
        let document: MatrixJSON = .object([
            ("schema_version", .integer(ProgressMatrix.schemaVersion)),
            ("generator", .object([("name", .string("policy-tracker")), ("version", .string(PolicyTrackerVersion.current))])),
            ("language", .string(language.code)),
            ("view", .string(matrix.view.rawValue)),
            ("project", .object([
                ("id", .string(matrix.project.id)), ("acronym", .string(matrix.project.acronym)),
                ("name", .string(matrix.project.name)), ("programme", .string(matrix.project.programme)),
                ("reference", .string(matrix.project.reference)),
            ])),
            ("dates", .object([
                ("as_of", .string(matrix.asOf.description)), ("known_on", .string(matrix.knownOn.description)),
                ("period", .string(matrix.currentPeriod.id)), ("compared_with", .text(matrix.comparedWith?.description)),
            ])),
            ("periods", .array(matrix.columns.map { column in
                .object([
                    ("id", .string(column.period.id)), ("start", .string(column.period.start.description)),
                    ("end", .string(column.period.end.description)), ("evaluated_as_of", .string(column.evaluatedAsOf.description)),
                    ("current", .bool(column.isCurrent)),
                ])
            })),
            ("partners", .array(matrix.groups.map(group))),
            ("project_row", projectRow()),
            ("has_errors", .bool(matrix.hasErrors)),
            ("has_illustrative_numbers", .bool(matrix.hasIllustrativeNumbers)),
        ])
        return document.serialized() + "\n"
    }

    private func findings(_ findings: [Finding]) -> MatrixJSON {
        .array(findings.map { .object([("severity", .string($0.severity.rawValue)), ("message", .string($0.message))]) })
    }

    private func group(_ group: MatrixPartnerGroup) -> MatrixJSON {
        .object([
            ("id", .string(group.partner.id)),
            ("name", .string(matrix.localized(group.partner.name, language))),
            ("country", .string(group.partner.country)),
            ("lead", .bool(group.isLead)),
            ("instruments", .array(group.rows.map(row))),
        ])
    }

    private func row(_ row: MatrixRow) -> MatrixJSON {
        var members: [(String, MatrixJSON)] = [
            ("id", .string(row.instrumentID)),
            ("title", .string(matrix.localized(row.title, language))),
            ("evaluated_by", .string(row.evaluatedBy)),
            ("cells", .array(row.cells.map(cell))),
        ]
        if let loadError = row.loadError { members.append(("load_error", .string(loadError))) }
        if let detail = row.detail {
            members.append(("detail", .object([
                ("indicators", .array(detail.indicators.map(item))),
                ("actions", .array(detail.actions.map(item))),
                ("evidence_coverage", .object([("items_with_evidence", .integer(detail.itemsWithEvidence)),
                                               ("items", .integer(detail.itemCount))])),
                ("counts", .object([("errors", .integer(detail.errorCount)), ("warnings", .integer(detail.warningCount)),
                                    ("infos", .integer(detail.infoCount))])),
            ])))
        }
        return .object(members)
    }

    private func cell(_ cell: MatrixCell) -> MatrixJSON {
        .object([
            ("period", .string(cell.period)),
            ("status", .string(cell.status.rawValue)),
            ("progress", .fraction(cell.progress)),
            ("expected", .fraction(cell.expected)),
            ("improved", .bool(cell.improved)),
            ("illustrative", .bool(cell.illustrative)),
            ("note", .text(cell.note)),
            ("findings", findings(cell.findings)),
            ("changed", cell.later.map { later in
                .object([("status", .string(later.status.rawValue)), ("progress", .fraction(later.progress)),
                         ("expected", .fraction(later.expected)), ("improved", .bool(later.improved))])
            } ?? .null),
        ])
    }

    private func item(_ item: MatrixItem) -> MatrixJSON {
        .object([
            ("id", .string(item.id)),
            ("kind", .string(item.kind.rawValue)),
            ("code", .text(item.code)),
            ("title", .string(matrix.localized(item.title, language))),
            ("unit", .text(item.unit)),
            ("value", .text(item.value)),
            ("status", .string(item.status.rawValue)),
            ("progress", .fraction(item.progress)),
            ("expected", .fraction(item.expected)),
            ("achievement", .text(item.achievement?.rawValue)),
            ("illustrative", .bool(item.illustrative)),
            ("evidence", .array(item.evidence.map { .string($0) })),
            ("note", .text(item.note)),
            ("findings", findings(item.findings)),
            ("changed", item.later.map { later in
                .object([("status", .string(later.status.rawValue)), ("progress", .fraction(later.progress)),
                         ("value", .text(later.value))])
            } ?? .null),
        ])
    }

    private func projectRow() -> MatrixJSON {
        let project = matrix.projectRow
        return .object([
            ("instruments", .integer(project.instrumentCount)),
            ("instruments_evaluated", .integer(project.evaluatedCount)),
            ("improved", .array(project.improved.indices.map { index in
                .object([("period", .string(matrix.columns[index].period.id)), ("count", .integer(project.improved[index])),
                         ("changed", project.improvedLater[index].map { .integer($0) } ?? .null)])
            })),
            ("common_indicators", .array(project.commonIndicators.map { common in
                .object([
                    ("code", .string(common.code)),
                    ("title", .string(matrix.localized(common.title, language))),
                    ("unit", .string(common.unit)),
                    ("summed", .bool(common.isSummed)),
                    ("not_summed_reason", .text(common.notSummed?.rawValue)),
                    ("target", .fraction(common.target)),
                    ("target_illustrative", .bool(common.targetIllustrative)),
                    ("members", .array(common.members.map { member in
                        .object([("instrument", .string(member.instrumentID)), ("indicator", .string(member.indicatorID)),
                                 ("accumulation", .string(member.accumulation.rawValue)),
                                 ("not_summed_reason", .text(member.notSummed?.rawValue))])
                    })),
                    ("sums", .array(common.sums.indices.map { index in
                        let sum = common.sums[index]
                        return .object([
                            ("period", .string(matrix.columns[index].period.id)),
                            ("value", .fraction(sum?.value)),
                            ("reporting", .integer(sum?.reporting ?? 0)),
                            ("illustrative", .bool(sum?.illustrative ?? false)),
                            ("changed", sum?.later.map { .object([("value", .fraction($0))]) } ?? .null),
                        ])
                    })),
                ])
            })),
        ])
    }
}
