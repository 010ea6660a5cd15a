extension ReportingCompleteness {
    /// `P7 2026-03-01 – 2026-08-31`.
    var periodSpan: String { "\(period.id) \(period.start) – \(period.end)" }

    /// `6 of 9 partners complete for P7; 3 overdue by 5 days; 1 received late (by 2 days)`.
    public var summary: String {
        var text = "\(partners.count { $0.isComplete }) of \(partners.count) partners complete for \(period.id)"
        let incomplete = partners.filter { !$0.isComplete }
        if isPastDue, !incomplete.isEmpty {
            text += "; \(incomplete.count) overdue by \(Self.days(dueDate.days(to: asOf)))"
        } else if !incomplete.isEmpty {
            text += "; \(incomplete.count) still to report, due \(dueDate) (in \(Self.days(asOf.days(to: dueDate))))"
        }
        let late = partners.compactMap { partner in partner.instruments.compactMap(receivedLate).max() }
        if !late.isEmpty {
            let distinct = Array(Set(late)).sorted().map(String.init)
            text += "; \(late.count) received late (by \(Self.list(distinct)) day\(distinct == ["1"] ? "" : "s"))"
        }
        return text
    }

    /// How many days after the due date the latest item of `instrument` was received, if any was late.
    public func receivedLate(_ instrument: Instrument) -> Int? {
        instrument.items.compactMap { $0.reportedOn.flatMap(daysLate) }.max()
    }

    /// One line for a partner: complete, or what is missing and how late.
    public func summary(of partner: Partner) -> String {
        let due = partner.instruments.flatMap(\.due), missing = partner.instruments.flatMap(\.missing)
        let failed = partner.instruments.count { $0.loadError != nil }
        let evidence = partner.instruments.reduce(0) { $0 + $1.evidenceCited }
        var text: String
        if partner.isComplete {
            text = "complete: \(due.count) of \(due.count) due received, \(evidence) evidence cited"
        } else {
            var parts: [String] = []
            let values = missing.count { $0.kind == .indicator }, updates = missing.count { $0.kind == .action }
            if values > 0 { parts.append("\(values) indicator value\(values == 1 ? "" : "s")") }
            if updates > 0 { parts.append("\(updates) action update\(updates == 1 ? "" : "s")") }
            if failed > 0 { parts.append("\(failed) instrument file\(failed == 1 ? "" : "s") with errors") }
            text = "incomplete: missing \(Self.list(parts))"
            if !missing.isEmpty { text += " (\(missing.count) of \(due.count) item\(due.count == 1 ? "" : "s") due)" }
            if let late = daysLate(nil) { text += "; overdue by \(Self.days(late))" } else { text += "; due \(dueDate)" }
        }
        if let late = partner.instruments.compactMap(receivedLate).max() {
            text += "; received \(Self.days(late)) late"
        }
        return text
    }

    /// `12 days`, `1 day`.
    static func days(_ count: Int) -> String { "\(count) day\(count == 1 ? "" : "s")" }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// The state of an item in words: `received 2026-10-21`, `received 2026-12-02, 2 days late`,
    /// `missing, overdue by 5 days`, `missing`, `received (not due)`.
    public func state(of item: Item) -> String {
        if let day = item.reportedOn {
            var text = "received \(day)"
            if let late = daysLate(day) { text += ", \(Self.days(late)) late" }
            return item.isDue ? text : text + " (not due)"
        }
        if let late = daysLate(nil) { return "missing, overdue by \(Self.days(late))" }
        return "missing"
    }

    /// The symbol of an item: ✔ received on time, ▲ received late, ✖ missing, – not due.
    package func symbol(of item: Item) -> String {
        if let day = item.reportedOn { return daysLate(day) == nil ? MatrixSymbols.symbol(.achieved) : MatrixSymbols.symbol(.atRisk) }
        return item.isDue ? MatrixSymbols.symbol(.error) : MatrixSymbols.symbol(.noData)
    }

    /// The dates line: due date, as of, known on, tool version.
    var datesLine: String {
        "report due \(dueDate) · as of \(asOf) · known on \(knownOn) · policy-tracker \(PolicyTrackerVersion.current)"
    }

    /// The status rendered in `format` (text, markdown, csv, json or html).
    public func rendered(as format: MatrixFormat) -> String {
        switch format {
        case .text: textReport(markdown: false)
        case .markdown: textReport(markdown: true)
        case .csv: csv()
        case .json: json()
        case .html: ReportingCompletenessHTML(status: self).render()
        }
    }

    /// Text for a terminal, or Markdown.
    private func textReport(markdown: Bool) -> String {
        func escape(_ text: String) -> String { markdown ? MarkdownMatrixRenderer.escape(text) : text }
        var lines: [String] = []
        lines.append((markdown ? "# " : "") + escape("\(project.acronym) — reporting status for \(periodSpan)"))
        if markdown { lines.append("") }
        lines.append(escape(datesLine))
        lines.append("")
        lines.append(markdown ? "**\(escape(summary))**" : summary)
        for partner in partners {
            lines.append("")
            let name = partner.partner.name.english + (partner.partner.role == .leadPartner ? " (lead partner)" : "")
            lines.append(markdown ? "## \(escape(name))" : name)
            if markdown { lines.append("") }
            lines.append((markdown ? "" : "  ") + escape(summary(of: partner)))
            for instrument in partner.instruments {
                if markdown { lines.append("") }
                let head = "\(instrument.id) — \(instrument.title.english)"
                lines.append(markdown ? "### \(escape(head))" : "  " + head)
                if markdown { lines.append("") }
                if let loadError = instrument.loadError {
                    lines.append((markdown ? "- " : "    ") + "\(MatrixSymbols.symbol(.error)) " + escape(loadError))
                    continue
                }
                let values = instrument.due.count { $0.kind == .indicator }, updates = instrument.due.count { $0.kind == .action }
                let got = instrument.received
                lines.append((markdown ? "" : "    ")
                    + "indicator values \(got.count { $0.kind == .indicator }) of \(values) · action updates \(got.count { $0.kind == .action }) of \(updates) · evidence cited \(instrument.evidenceCited)")
                if markdown { lines.append("") }
                for item in instrument.items {
                    let text = "\(symbol(of: item)) \(item.kind.rawValue) \(item.id): \(state(of: item))"
                    lines.append(markdown ? "- " + escape(text) : "      " + text)
                }
            }
        }
        lines.append("")
        lines.append(escape("✔ received · ▲ received after the due date · ✖ missing · – not due"))
        return lines.map { $0 + "\n" }.joined()
    }

    private func csv() -> String {
        func flag(_ value: Bool) -> String { value ? "1" : "0" }
        var records = [["row_type", "partner_id", "partner", "instrument_id", "id", "title", "due", "received", "missing",
                        "reported_on", "days_late", "evidence", "status", "message"]]
        records.append(["project", "", "", "", project.id, project.name, "", "", "", "", daysLate(nil).map(String.init) ?? "", "",
                        isComplete ? "complete" : "incomplete", summary])
        for partner in partners {
            let id = partner.partner.id, name = partner.partner.name.english
            let due = partner.instruments.flatMap(\.due)
            records.append(["partner", id, name, "", id, name, String(due.count), String(partner.instruments.flatMap(\.received).count),
                            String(partner.instruments.flatMap(\.missing).count), "", partner.isComplete ? "" : daysLate(nil).map(String.init) ?? "",
                            String(partner.instruments.reduce(0) { $0 + $1.evidenceCited }), partner.isComplete ? "complete" : "incomplete",
                            summary(of: partner)])
            for instrument in partner.instruments {
                records.append(["instrument", id, name, instrument.id, instrument.id, instrument.title.english, String(instrument.due.count),
                                String(instrument.received.count), String(instrument.missing.count), instrument.lastReportedOn?.description ?? "",
                                receivedLate(instrument).map(String.init) ?? (instrument.isComplete ? "" : daysLate(nil).map(String.init) ?? ""),
                                String(instrument.evidenceCited), instrument.isComplete ? "complete" : "incomplete", instrument.loadError ?? ""])
                for item in instrument.items {
                    records.append([item.kind.rawValue, id, name, instrument.id, item.id, item.title.english, flag(item.isDue),
                                    flag(item.isReceived), flag(item.isMissing), item.reportedOn?.description ?? "",
                                    (item.isReceived || item.isDue ? daysLate(item.reportedOn) : nil).map(String.init) ?? "",
                                    String(item.evidence.count), item.isMissing ? "missing" : item.isReceived ? "received" : "not-due", ""])
                }
            }
        }
        return records.map { $0.map(CSVMatrixRenderer.field).joined(separator: ",") + "\r\n" }.joined()
    }

    private func json() -> String {
        func item(_ item: Item) -> MatrixJSON {
            .object([("kind", .string(item.kind.rawValue)), ("id", .string(item.id)), ("title", .string(item.title.english)),
                     ("due", .bool(item.isDue)), ("received", .bool(item.isReceived)), ("reported_on", .text(item.reportedOn?.description)),
                     ("days_late", (item.isReceived || item.isDue ? daysLate(item.reportedOn) : nil).map { .integer($0) } ?? .null),
                     ("evidence", .array(item.evidence.map { .string($0) }))])
        }
        func instrument(_ instrument: Instrument) -> MatrixJSON {
            .object([("id", .string(instrument.id)), ("title", .string(instrument.title.english)), ("complete", .bool(instrument.isComplete)),
                     ("load_error", .text(instrument.loadError)), ("due", .integer(instrument.due.count)),
                     ("received", .integer(instrument.received.count)), ("missing", .integer(instrument.missing.count)),
                     ("evidence_cited", .integer(instrument.evidenceCited)), ("items", .array(instrument.items.map(item)))])
        }
        let document: MatrixJSON = .object([
            ("schema_version", .integer(Self.schemaVersion)),
            ("generator", .object([("name", .string("policy-tracker")), ("version", .string(PolicyTrackerVersion.current))])),
            ("project", .object([("id", .string(project.id)), ("acronym", .string(project.acronym)), ("name", .string(project.name))])),
            ("period", .object([("id", .string(period.id)), ("start", .string(period.start.description)), ("end", .string(period.end.description))])),
            ("report_due", .string(dueDate.description)),
            ("as_of", .string(asOf.description)),
            ("known_on", .string(knownOn.description)),
            ("past_due", .bool(isPastDue)),
            ("complete", .bool(isComplete)),
            ("summary", .string(summary)),
            ("partners", .array(partners.map { partner in
                .object([("id", .string(partner.partner.id)), ("name", .string(partner.partner.name.english)),
                         ("lead", .bool(partner.partner.role == .leadPartner)), ("complete", .bool(partner.isComplete)),
                         ("summary", .string(summary(of: partner))),
                         ("days_overdue", partner.isComplete ? .null : daysLate(nil).map { .integer($0) } ?? .null),
                         ("instruments", .array(partner.instruments.map(instrument)))])
            })),
        ])
        return document.serialized() + "\n"
    }
}
