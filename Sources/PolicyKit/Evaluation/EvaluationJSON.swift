/// Renders a ``ProjectEvaluation`` as JSON, schema version ``schemaVersion``, documented in the
/// article <doc:EvaluationResults>: snake_case keys in a fixed order, every result with who
/// evaluated it, who decided each field and its trace. The same evaluation gives the same bytes.
public enum EvaluationJSON {
    /// The version of the JSON document; it changes only when a key changes meaning or goes.
    public static let schemaVersion = 1

    /// The whole evaluation as a JSON document (ends with a newline).
    public static func render(_ evaluation: ProjectEvaluation) -> String {
        let document: MatrixJSON = .object([
            ("schema_version", .integer(schemaVersion)),
            ("generator", .object([("name", .string("policy-tracker")), ("version", .string(PolicyTrackerVersion.current))])),
            ("dates", .object([
                ("as_of", .string(evaluation.dates.asOf.description)),
                ("known_on", .string(evaluation.dates.knownOn.description)),
                ("period", .string(evaluation.dates.period.id)),
            ])),
            ("has_errors", .bool(evaluation.hasErrors)),
            ("instruments", .array(evaluation.instruments.map(instrument))),
        ])
        return document.serialized() + "\n"
    }

    /// One instrument's result as a JSON value (the elements of `instruments`).
    static func instrument(_ result: InstrumentResult) -> MatrixJSON {
        .object([
            ("instrument_id", .string(result.instrumentID)),
            ("partner_id", .string(result.partnerID)),
            ("status", .string(result.status.rawValue)),
            ("progress", number(result.progress)),
            ("expected", number(result.expected)),
            ("improved", .bool(result.improved)),
            ("note", .text(result.note)),
            ("illustrative", .bool(result.illustrative)),
            ("evaluated_by", evaluatedBy(result.evaluatedBy)),
            ("decided_by", deciders(result.decidedBy, improved: true)),
            ("findings", findings(result.findings)),
            ("log", .array(result.log.map { .object([("level", .string($0.level)), ("message", .string($0.message)), ("item", .text($0.item))]) })),
            ("trace", trace(result.trace)),
            ("indicators", .array(result.indicators.map(item))),
            ("actions", .array(result.actions.map(item))),
        ])
    }

    /// One item's result as a JSON value.
    static func item(_ result: ItemResult) -> MatrixJSON {
        .object(members(of: result))
    }

    /// The members of an item's result, in order.
    static func members(of result: ItemResult) -> [(String, MatrixJSON)] {
        [
            ("id", .string(result.id)),
            ("kind", .string(result.kind.rawValue)),
            ("status", .string(result.status.rawValue)),
            ("progress", number(result.progress)),
            ("expected", number(result.expected)),
            ("note", .text(result.note)),
            ("illustrative", .bool(result.illustrative)),
            ("achievement", .text(result.achievement?.rawValue)),
            ("evidence", .array(result.evidence.map(MatrixJSON.string))),
            ("evaluated_by", evaluatedBy(result.evaluatedBy)),
            ("decided_by", deciders(result.decidedBy, improved: false)),
            ("findings", findings(result.findings)),
            ("trace", trace(result.trace)),
        ]
    }

    /// The steps of a trace as a JSON array.
    static func trace(_ trace: Trace) -> MatrixJSON {
        .array(trace.steps.map { step in
            var members: [(String, MatrixJSON)] = [
                ("kind", .string(step.kind.rawValue)),
                ("origin", origin(step.origin)),
                ("text", .string(step.text)),
                ("numbers", numbers(step.numbers)),
                ("sets", .array(step.sets.map { .string($0.rawValue) })),
            ]
            if let status = step.status { members.append(("status", .string(status.rawValue))) }
            if let improved = step.improved { members.append(("improved", .bool(improved))) }
            if let superseded = step.supersedes { members.append(("supersedes", origin(superseded))) }
            return .object(members)
        })
    }

    /// An origin: `{kind, rule, thresholds}` for a standard rule, `{kind, file, line}` otherwise.
    static func origin(_ origin: TraceOrigin) -> MatrixJSON {
        switch origin.kind {
        case .standard:
            return .object([("kind", .string("standard")), ("rule", .text(origin.rule)), ("thresholds", numbers(origin.thresholds))])
        case .plugin, .file:
            return .object([("kind", .string(origin.kind.rawValue)), ("file", .text(origin.file)), ("line", origin.line.map(MatrixJSON.integer) ?? .null)])
        }
    }

    private static func numbers(_ numbers: [TraceNumber]) -> MatrixJSON {
        .array(numbers.map { .object([("name", .string($0.name)), ("value", number($0.value))]) })
    }

    private static func evaluatedBy(_ by: EvaluatedBy) -> MatrixJSON {
        .object([("plugin", .text(by.plugin)), ("hook", .text(by.hook)), ("plugin_unusable", .bool(by.pluginUnusable == true))])
    }

    private static func deciders(_ deciders: FieldDeciders, improved: Bool) -> MatrixJSON {
        var members: [(String, MatrixJSON)] = [
            ("status", deciders.status.map(origin) ?? .null),
            ("progress", deciders.progress.map(origin) ?? .null),
            ("expected", deciders.expected.map(origin) ?? .null),
        ]
        if improved { members.append(("improved", deciders.improved.map(origin) ?? .null)) }
        return .object(members)
    }

    private static func findings(_ findings: [Finding]) -> MatrixJSON {
        .array(findings.map { .object([("severity", .string($0.severity.rawValue)), ("message", .string($0.message))]) })
    }

    /// A number unrounded (the shortest text that reads back as the same double), `null` when
    /// absent or not finite.
    static func number(_ value: Double?) -> MatrixJSON {
        guard let value, value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int64(value))) }
        return .number(String(value))
    }
}
