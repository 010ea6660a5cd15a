/// The output formats of `diff` and `impact`.
public enum EditionDiffFormat: String, Sendable, Hashable, CaseIterable {
    /// For a terminal, at most 120 columns.
    case text
    /// To paste into a pull request or the joint report.
    case markdown
    /// Versioned JSON (``EditionDiff/schemaVersion``).
    case json
    /// A self-contained page (no script, no network).
    case html
}

extension EditionDiff {
    /// The comparison in `format`; `color` only for text on a terminal.
    public func rendered(as format: EditionDiffFormat, language: MatrixLanguage = .english, color: Bool = false) -> String {
        switch format {
        case .text: EditionDiffText(diff: self, language: language, color: color).render()
        case .markdown: EditionDiffMarkdown(diff: self, language: language).render()
        case .json: EditionDiffJSON(diff: self, language: language).render()
        case .html: EditionDiffHTML(diff: self, language: language).render()
        }
    }

    /// The title of an instrument in `language` (its id when unknown).
    func title(_ id: String, _ language: MatrixLanguage) -> String {
        titles[id]?.text(in: language.code) ?? id
    }

    /// `git:report-P6 (commit 1a2b3c4d5e6f)`.
    static func describe(_ side: Side) -> String {
        side.name + (side.commit.map { " (commit \($0.prefix(12)))" } ?? "")
    }

    /// The summary line: what was compared and how much changed.
    var summary: String { summary(arrow: "->") }

    /// The summary line with `arrow` between the editions.
    func summary(arrow: String) -> String {
        let periodsText = periods.count > 1 ? "\(periods.first!)-\(periods.last!)" : (periods.first ?? "none")
        let what = mode == .rules ? "the data of \(to.name) under the rules of \(from.name) and of \(to.name)" : "\(Self.describe(from)) \(arrow) \(Self.describe(to))"
        return "\(what); as of \(asOf), known on \(knownOn); periods \(periodsText)"
    }

    /// `3 changed cells (1 in a reported period), 1 changed project-row cell`.
    var countsLine: String {
        if isEmpty { return "nothing changed" }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var parts = [plural(cells.count, "changed cell")]
        if mode == .rules {
            let reportedCount = cells.filter(\.reported).count
            parts[0] += " (\(reportedCount) in reported periods, \(rewrittenHistory.count) not acknowledged)"
        }
        if !projectRow.isEmpty { parts.append(plural(projectRow.count, "changed project-row cell")) }
        return parts.joined(separator: ", ")
    }

    /// `on-track 45% (expected 50%), improved`, `not loaded`, `absent`.
    static func describe(_ state: State) -> String {
        switch state.presence {
        case .absent: return "absent"
        case .notLoaded: return "not loaded"
        case .evaluated: break
        }
        var text = state.status?.rawValue ?? "?"
        if let progress = state.progress { text += " \(MatrixNumber.percent(progress))%" }
        if let expected = state.expected { text += " (expected \(MatrixNumber.percent(expected))%)" }
        if state.improved == true { text += ", improved" }
        return text
    }

    /// `before -> after` of a cause, when it has values.
    static func values(_ cause: Cause, arrow: String = "->") -> String? {
        switch (cause.before, cause.after) {
        case (nil, nil): nil
        case let (before, after): "\(before ?? "none") \(arrow) \(after ?? "none")"
        }
    }

    /// The causes shown under an item: none when they repeat the cell's (the JSON has them all).
    static func shownCauses(_ item: ItemChange, in cell: CellChange) -> [Cause] {
        item.causes == cell.causes ? [] : item.causes
    }

    /// A project-row number (`12`, `none`).
    static func describe(_ value: Double?) -> String { value.map { MatrixNumber.decimal($0) } ?? "none" }

    /// `instruments improved` or the code.
    static func measureName(_ measure: String) -> String { measure == "instruments-improved" ? "instruments improved" : measure }
}
