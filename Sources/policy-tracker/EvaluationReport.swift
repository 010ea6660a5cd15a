import Foundation
import PolicyKit

/// Renders the results of `evaluate`.
enum EvaluationReport {
    /// The text report; with `excerpt`, each error that leads with a place in a file is followed
    /// by that line of the file, with a caret.
    static func text(_ evaluation: ProjectEvaluation, project: Project, excerpt: SourceExcerpt? = nil) -> String {
        var lines: [String] = []
        let dates = evaluation.dates
        lines.append("\(project.acronym): evaluated as of \(dates.asOf) (\(dates.period.id)), as known on \(dates.knownOn)")
        let instruments = project.instrumentsByID
        for result in evaluation.instruments {
            let instrument = instruments[result.instrumentID]
            lines.append("")
            lines.append("\(result.instrumentID) \u{2014} \(instrument?.title.english ?? "")")
            lines.append("  \(summary(status: result.status, progress: result.progress, expected: result.expected)), improved: \(result.improved ? "yes" : "no")\(result.illustrative ? ", illustrative numbers" : "") [\(result.evaluatedBy)]")
            if let note = result.note { lines.append("  note: \(note)") }
            lines += details(findings: result.findings, explanation: result.explanation, indent: "  ", excerpt: excerpt)
            for entry in result.log { lines.append("  log \(entry.level)\(entry.item.map { " (\($0))" } ?? ""): \(entry.message)") }
            for item in result.indicators + result.actions {
                lines.append("  \(item.kind.rawValue) \(item.id): \(summary(status: item.status, progress: item.progress, expected: item.expected))\(item.illustrative ? ", illustrative" : "") [\(item.evaluatedBy)]")
                if let note = item.note { lines.append("    note: \(note)") }
                lines += details(findings: item.findings, explanation: item.explanation, indent: "    ", excerpt: excerpt)
            }
        }
        let items = evaluation.instruments.flatMap { $0.indicators + $0.actions }
        let errors = evaluation.errors
        let itemErrors = errors.count { $0.itemID != nil }
        let instrumentErrors = errors.count { $0.itemID == nil }
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        lines.append("")
        lines.append("\(counted(evaluation.instruments.count, "instrument")), \(counted(items.count, "item")) evaluated, "
            + (itemErrors + instrumentErrors == 0 ? "no errors"
                : "errors in \(counted(itemErrors, "item")) and \(counted(instrumentErrors, "instrument"))"))
        // no control character from the data reaches the terminal (a text's own line breaks are
        // kept, indented like the line they belong to)
        return lines.map { UntrustedText.escapingControls($0).replacingOccurrences(of: "\n", with: "\n      ") }
            .joined(separator: "\n") + "\n"
    }

    private static func summary(status: EvaluationStatus, progress: Double?, expected: Double?) -> String {
        "\(status.rawValue), progress \(percent(progress)), expected \(percent(expected))"
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.1f%%", value * 100)
    }

    private static func details(findings: [Finding], explanation: [String], indent: String, excerpt: SourceExcerpt?) -> [String] {
        findings.flatMap { finding in
            ["\(indent)\(finding.severity.rawValue): \(finding.message)"]
                + (finding.severity == .error ? excerpt?.lines(leading: finding.message, indent: indent + "  ") ?? [] : [])
        } + explanation.map { "\(indent)| \($0)" }
    }

    static func json(_ evaluation: ProjectEvaluation) -> String {
        EvaluationJSON.render(evaluation)
    }
}
