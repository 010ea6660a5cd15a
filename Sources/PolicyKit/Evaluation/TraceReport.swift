/// A result explained as a tree, like a computation log: the result at the top, each field
/// with who decided it, then the steps in order with their origins (input values with the
/// `file:line` of their entry), then, for an instrument, its items.
///
/// `policy-tracker explain` prints it; apps can show the same.
public struct TraceReport: Sendable {
    /// What is explained: an instrument's result, or one of its items.
    public enum Subject: Sendable {
        /// An instrument, with its items.
        case instrument(InstrumentResult)
        /// One indicator or action of an instrument.
        case item(ItemResult, instrument: InstrumentResult)
    }

    /// What is explained.
    public var subject: Subject
    /// The dates of the evaluation.
    public var dates: EvaluationDates
    /// The title of the instrument, shown in the heading.
    public var title: String

    /// Creates a report.
    public init(subject: Subject, dates: EvaluationDates, title: String) {
        self.subject = subject
        self.dates = dates
        self.title = title
    }

    /// The report for `id` (`INSTRUMENT` or `INSTRUMENT/ITEM`) in `evaluation`, or `nil` when no
    /// such instrument or item was evaluated.
    public init?(_ id: String, in evaluation: ProjectEvaluation, title: (String) -> String) {
        let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let instrument = evaluation.instrument(id: first) else { return nil }
        if parts.count == 2 {
            guard let item = (instrument.indicators + instrument.actions).first(where: { $0.id == parts[1] }) else { return nil }
            subject = .item(item, instrument: instrument)
        } else {
            subject = .instrument(instrument)
        }
        dates = evaluation.dates
        self.title = title(first)
    }

    // MARK: - Plain text

    /// The report as indented text.
    public var text: String {
        var lines: [String] = []
        let dateLine = "as of \(dates.asOf) (\(dates.period.id)), as known on \(dates.knownOn)"
        switch subject {
        case .instrument(let result):
            lines.append("\(result.instrumentID) \u{2014} \(title)")
            lines.append("  \(dateLine)")
            lines.append("  result: \(Self.summary(result.status, result.progress, result.expected)), improved: \(result.improved ? "yes" : "no")\(result.illustrative ? " (illustrative numbers)" : "")")
            lines.append("  evaluated by: \(result.evaluatedBy)")
            if let note = result.note { lines.append("  note: \(Self.inline(note))") }
            lines.append("  decided by:")
            lines += fieldLines(result.trace, status: result.status, progress: result.progress, expected: result.expected,
                                improved: result.improved, indent: "    ")
            lines += findingLines(result.findings, indent: "  ")
            lines.append("  steps:")
            lines += stepLines(result.trace, indent: "    ")
            lines.append("  items:")
            for item in result.indicators + result.actions {
                let decider = item.decidedBy.status.map { "\($0)" } ?? "nobody"
                lines.append("    \(item.kind.rawValue) \(item.id): \(Self.summary(item.status, item.progress, item.expected)); status decided by \(decider)")
            }
            lines.append("  (explain \(result.instrumentID)/ITEM for an item's steps)")
        case .item(let item, let instrument):
            lines.append("\(instrument.instrumentID)/\(item.id) \u{2014} \(item.kind.rawValue) of \(title)")
            lines.append("  \(dateLine)")
            lines.append("  result: \(Self.summary(item.status, item.progress, item.expected))\(item.illustrative ? " (illustrative numbers)" : "")")
            lines.append("  evaluated by: \(item.evaluatedBy)")
            if let note = item.note { lines.append("  note: \(Self.inline(note))") }
            lines.append("  decided by:")
            lines += fieldLines(item.trace, status: item.status, progress: item.progress, expected: item.expected, improved: nil, indent: "    ")
            lines += findingLines(item.findings, indent: "  ")
            lines.append("  steps:")
            lines += stepLines(item.trace, indent: "    ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `on-track, progress 65.0%, expected 55.5%`.
    static func summary(_ status: EvaluationStatus, _ progress: Double?, _ expected: Double?) -> String {
        "\(status.rawValue), progress \(percent(progress)), expected \(percent(expected))"
    }

    /// A share as a percentage with one decimal (`65.0%`), `n/a` when absent.
    package static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return RuleText.fixed(value * 100, 1) + "%"
    }

    /// Who decided each field, one line per field.
    private func fieldLines(_ trace: Trace, status: EvaluationStatus, progress: Double?, expected: Double?, improved: Bool?, indent: String) -> [String] {
        var rows: [(String, String, String)] = []
        rows.append(("status", status.rawValue, fieldNote(trace, .status)))
        rows.append(("progress", Self.percent(progress), fieldNote(trace, .progress)))
        rows.append(("expected", Self.percent(expected), fieldNote(trace, .expected)))
        if let improved { rows.append(("improved", improved ? "yes" : "no", fieldNote(trace, .improved))) }
        let width = rows.map { $0.0.count + $0.1.count }.max() ?? 0
        return rows.map { name, value, note in
            let pad = String(repeating: " ", count: width - name.count - value.count)
            return "\(indent)\(name) = \(value)\(pad)  <- \(note)"
        }
    }

    /// `plugins/x.lua:85 (override of the standard at-risk)`, `standard rule ...`.
    func fieldNote(_ trace: Trace, _ field: ResultField) -> String {
        guard let step = trace.lastStep(setting: field) else { return "nobody" }
        var note = step.origin.description
        if step.kind == .override { note += ", overriding the standard rules" }
        if field == .expected, !step.origin.isPlugin, trace.decider(of: .progress)?.isPlugin == true {
            note += " (the standard expected: the plugin returned a progress but no expected)"
        }
        return note
    }

    private func findingLines(_ findings: [Finding], indent: String) -> [String] {
        guard !findings.isEmpty else { return [] }
        return ["\(indent)findings:"] + findings.map { "\(indent)  \($0.severity.rawValue): \(Self.inline($0.message))" }
    }

    /// The steps, numbered, each with its kind and origin, then its text.
    private func stepLines(_ trace: Trace, indent: String) -> [String] {
        var lines: [String] = []
        let width = String(trace.steps.count).count
        for (index, step) in trace.steps.enumerated() {
            let number = String(index + 1)
            let label = String(repeating: " ", count: width - number.count) + number
            var head = "\(indent)\(label). \(step.kind.rawValue), \(step.origin)"
            if !step.sets.isEmpty { head += " \u{2192} sets \(step.sets.map(\.rawValue).joined(separator: ", "))" }
            lines.append(head)
            let pad = indent + String(repeating: " ", count: width + 2)
            lines.append("\(pad)\(Self.inline(step.text))")
            if let superseded = step.supersedes { lines.append("\(pad)supersedes the entry at \(superseded)") }
        }
        return lines
    }

    /// Text from files and plugins on one line (control characters shown as spaces).
    static func inline(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
    }

    // MARK: - Markdown

    /// The report as Markdown: a heading, a table of the fields and who decided them, the steps
    /// as a numbered list (every text escaped).
    public var markdown: String {
        let e = MarkdownMatrixRenderer.escape
        var lines: [String] = []
        let trace: Trace, status: EvaluationStatus, progress: Double?, expected: Double?, improved: Bool?, findings: [Finding]
        let evaluatedBy: EvaluatedBy
        switch subject {
        case .instrument(let result):
            lines.append("# \(e(result.instrumentID)) \u{2014} \(e(title))")
            (trace, status, progress, expected, improved, findings, evaluatedBy) = (result.trace, result.status, result.progress, result.expected, result.improved, result.findings, result.evaluatedBy)
        case .item(let item, let instrument):
            lines.append("# \(e(instrument.instrumentID))/\(e(item.id)) \u{2014} \(e(item.kind.rawValue)) of \(e(title))")
            (trace, status, progress, expected, improved, findings, evaluatedBy) = (item.trace, item.status, item.progress, item.expected, nil, item.findings, item.evaluatedBy)
        }
        lines.append("")
        lines.append(e("As of \(dates.asOf) (\(dates.period.id)), as known on \(dates.knownOn). Evaluated by \(evaluatedBy)."))
        lines.append("")
        lines.append("| field | value | decided by |")
        lines.append("|---|---|---|")
        lines.append("| status | \(status.rawValue) | \(e(fieldNote(trace, .status))) |")
        lines.append("| progress | \(Self.percent(progress)) | \(e(fieldNote(trace, .progress))) |")
        lines.append("| expected | \(Self.percent(expected)) | \(e(fieldNote(trace, .expected))) |")
        if let improved { lines.append("| improved | \(improved ? "yes" : "no") | \(e(fieldNote(trace, .improved))) |") }
        if !findings.isEmpty {
            lines.append("")
            lines.append("## Findings")
            lines.append("")
            for finding in findings { lines.append("- \(finding.severity.rawValue): \(e(finding.message))") }
        }
        lines.append("")
        lines.append("## Steps")
        lines.append("")
        for (index, step) in trace.steps.enumerated() {
            let sets = step.sets.isEmpty ? "" : " \u{2192} sets \(step.sets.map(\.rawValue).joined(separator: ", "))"
            lines.append("\(index + 1). **\(step.kind.rawValue)**, \(e(step.origin.description))\(sets): \(e(step.text))")
        }
        if case .instrument(let result) = subject {
            lines.append("")
            lines.append("## Items")
            lines.append("")
            lines.append("| item | status | progress | expected | status decided by |")
            lines.append("|---|---|---|---|---|")
            for item in result.indicators + result.actions {
                lines.append("| \(e(item.kind.rawValue)) \(e(item.id)) | \(item.status.rawValue) | \(Self.percent(item.progress)) | \(Self.percent(item.expected)) | \(e(item.decidedBy.status?.description ?? "nobody")) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - JSON

    /// The report as JSON: `schema_version` (``EvaluationJSON/schemaVersion``), `dates` and the
    /// `instrument` or `item` result as in `evaluate --format json`.
    public var json: String {
        let subjectMember: (String, MatrixJSON)
        switch subject {
        case .instrument(let result): subjectMember = ("instrument", EvaluationJSON.instrument(result))
        case .item(let item, let instrument):
            subjectMember = ("item", .object([("instrument_id", .string(instrument.instrumentID))] + EvaluationJSON.members(of: item)))
        }
        let document: MatrixJSON = .object([
            ("schema_version", .integer(EvaluationJSON.schemaVersion)),
            ("dates", .object([
                ("as_of", .string(dates.asOf.description)), ("known_on", .string(dates.knownOn.description)),
                ("period", .string(dates.period.id)),
            ])),
            subjectMember,
        ])
        return document.serialized() + "\n"
    }
}
