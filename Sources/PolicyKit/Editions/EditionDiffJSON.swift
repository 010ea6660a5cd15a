/// Renders a comparison as JSON, schema version ``EditionDiff/schemaVersion`` (documented in
/// the EditionDiff article).
struct EditionDiffJSON {
    let diff: EditionDiff
    let language: MatrixLanguage

    func render() -> String {
        let document: MatrixJSON = .object([
            ("schema_version", .integer(EditionDiff.schemaVersion)),
            ("generator", .object([("name", .string("policy-tracker")), ("version", .string(PolicyTrackerVersion.current))])),
            ("mode", .string(diff.mode.rawValue)),
            ("from", side(diff.from)),
            ("to", side(diff.to)),
            ("as_of", .string(diff.asOf.description)),
            ("known_on", .string(diff.knownOn.description)),
            ("periods", .array(diff.periods.map { .string($0) })),
            ("changed", .bool(!diff.isEmpty)),
            ("cells", .array(diff.cells.map(cell))),
            ("project_row", .array(diff.projectRow.map(projectChange))),
            ("not_loaded", .array(diff.unloadable.map { unloadable in
                .object([
                    ("edition", .string(unloadable.side)),
                    ("instrument", .string(unloadable.instrumentID)),
                    ("diagnostics", .array(unloadable.diagnostics.map { diagnostic in
                        .object([("path", .string(diagnostic.path)), ("line", .integer(diagnostic.line)),
                                 ("column", .integer(diagnostic.column)), ("message", .string(diagnostic.message))])
                    })),
                ])
            })),
            ("without_effect", .array(diff.withoutEffect.map(cause))),
        ])
        return document.serialized() + "\n"
    }

    private func side(_ side: EditionDiff.Side) -> MatrixJSON {
        .object([("edition", .string(side.name)), ("commit", .text(side.commit))])
    }

    private func state(_ state: EditionDiff.State) -> MatrixJSON {
        var members: [(String, MatrixJSON)] = [
            ("presence", .string(state.presence.rawValue)),
            ("status", .text(state.status?.rawValue)),
            ("progress", .fraction(state.progress)),
            ("expected", .fraction(state.expected)),
        ]
        if let improved = state.improved { members.append(("improved", .bool(improved))) }
        return .object(members)
    }

    private func cause(_ cause: EditionDiff.Cause) -> MatrixJSON {
        .object([
            ("kind", .string(cause.kind.rawValue)),
            ("path", .text(cause.path)),
            ("line", cause.line.map { .integer($0) } ?? .null),
            ("subject", .string(cause.subject)),
            ("before", .text(cause.before)),
            ("after", .text(cause.after)),
            ("hook", .text(cause.hook)),
        ])
    }

    private func cell(_ cell: EditionDiff.CellChange) -> MatrixJSON {
        var members: [(String, MatrixJSON)] = [
            ("instrument", .string(cell.instrumentID)),
            ("title", .string(diff.title(cell.instrumentID, language))),
            ("partner", .string(cell.partnerID)),
            ("period", .string(cell.period)),
            ("before", state(cell.before)),
            ("after", state(cell.after)),
            ("attribution", .string(cell.attribution.rawValue)),
            ("causes", .array(cell.causes.map(cause))),
            ("changed_items", .array(cell.changedItems.map { .string($0) })),
            ("items", .array(cell.items.map { item in
                .object([
                    ("kind", .string(item.kind.rawValue)),
                    ("id", .string(item.id)),
                    ("before", state(item.before)),
                    ("after", state(item.after)),
                    ("attribution", .string(item.attribution.rawValue)),
                    ("causes", .array(item.causes.map(cause))),
                    ("details", .array(item.details.map { .string($0) })),
                ])
            })),
        ]
        if diff.mode == .rules {
            members.append(("reported", .bool(cell.reported)))
            members.append(("accepted", .bool(cell.accepted)))
        }
        return .object(members)
    }

    private func projectChange(_ change: EditionDiff.ProjectChange) -> MatrixJSON {
        .object([
            ("period", .string(change.period)),
            ("measure", .string(change.measure)),
            ("before", change.before.map { .number(MatrixNumber.decimal($0)) } ?? .null),
            ("after", change.after.map { .number(MatrixNumber.decimal($0)) } ?? .null),
            ("instruments", .array(change.instruments.map { .string($0) })),
            ("causes", .array(change.causes.map(cause))),
        ])
    }
}
