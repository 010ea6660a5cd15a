internal import Yams

/// What project.yaml holds: the project without its instruments.
struct ProjectFile {
    var id: String
    var acronym: String
    var name: String
    var programme: String
    var reference: String
    var start: Day
    var end: Day
    var sources: [String]
    var phases: [Phase]
    var calendar: ReportingCalendar
    var partners: [Partner]
}

/// The format version this build reads, and the check of a file's `schema:` header.
enum SchemaVersion {
    /// The only version this build reads.
    static let supported = 1

    /// Checks that `root` is a mapping whose `schema` is the supported version; on failure the
    /// rest of the file is not read.
    static func check(_ root: Node, reader: NodeReader) -> Bool {
        guard case .mapping(let mapping) = root else {
            reader.sink.error("the file must be a mapping that starts with `schema: \(supported)`, found \(NodeReader.describe(root))", at: root)
            return false
        }
        guard let (_, value) = mapping.first(where: { $0.key.scalar?.string == "schema" }) else {
            reader.sink.error("missing `schema: \(supported)` (the format version) at the start of the file", at: root)
            return false
        }
        guard case .scalar(let scalar) = value, let version = Int(scalar.string),
              scalar.style == .plain || scalar.style == .any
        else {
            reader.sink.error("`schema` must be the format version \(supported), found \(NodeReader.describe(value))", at: value)
            return false
        }
        guard version == supported else {
            reader.sink.error("unsupported schema version \(version); this version of policy-tracker reads schema \(supported)", at: value)
            return false
        }
        return true
    }
}

/// Reads project.yaml.
enum ProjectFileDecoder {
    /// The project file, or `nil` when what every instrument needs is wrong: the project's
    /// dates, the calendar, the phases or the partners. Errors in the descriptive parts (id,
    /// acronym, name, programme, reference, sources, midterm review) are reported but leave a
    /// usable project, with the unreadable parts replaced (the id by `project`, the names by the
    /// id, the rest left empty).
    static func decode(_ root: Node, sink: DiagnosticSink) -> ProjectFile? {
        let reader = NodeReader(sink: sink)
        guard SchemaVersion.check(root, reader: reader),
              let file = reader.mapping(root, "project.yaml", keys: ["schema", "project", "calendar", "phases", "partners"])
        else { return nil }
        // the errors of the parts every instrument needs
        var essentialErrors = 0
        func essential<T>(_ read: () -> T) -> T {
            let before = sink.errorCount
            let value = read()
            essentialErrors += sink.errorCount - before
            return value
        }

        let header = essential {
            file.required("project") { node, label in
                reader.mapping(node, label, keys: ["id", "acronym", "name", "programme", "reference", "start", "end", "sources"])
            }
        }
        let id = header?.required("id", reader.identifier)
        let acronym = header?.required("acronym", reader.string)
        let name = header?.required("name", reader.string)
        let programme = header?.required("programme", reader.string)
        let reference = header?.required("reference", reader.string)
        let start = essential { header?.required("start", reader.day) }
        let end = essential { header?.required("end", reader.day) }
        let sources = header?.optional("sources", reader.strings) ?? []
        if let start, let end, end < start, let header {
            essential { sink.error("the project ends (\(end)) before it starts (\(start))", at: header.location(of: "end")) }
        }

        let calendarReader = essential {
            file.required("calendar") { node, label in
                reader.mapping(node, label, keys: ["period_months", "report_due_months", "midterm_review"])
            }
        }
        let periodMonths = essential { calendarReader?.required("period_months") { reader.integer($0, $1, in: 1...24) } }
        let reportDueMonths = essential { calendarReader?.required("report_due_months") { reader.integer($0, $1, in: 0...24) } }
        let midterm = calendarReader?.optional("midterm_review") { node, label in
            reader.string(node, label).map { ($0, Location(node)) }
        }

        let phases = essential {
            file.required("phases") { node, label in
                reader.list(node, label) { item, _ in decodePhase(item, reader: reader) }
            }
        }
        if let phases, let start, let end, start <= end {
            essential { checkPhases(phases, project: DayInterval(start: start, end: end), sink: sink) }
        }

        let partners = essential {
            file.required("partners") { node, label in
                reader.list(node, label) { item, _ in decodePartner(item, reader: reader) }
            }
        }
        if let partners {
            essential {
                Uniqueness.check(partners.map { ($0.partner.id, $0.location) }, what: "partner", sink: sink)
                let leads = partners.filter { $0.partner.role == .leadPartner }
                if leads.isEmpty {
                    sink.error("no partner has `role: lead-partner`; exactly one must", at: file.location(of: "partners"))
                }
                for extra in leads.dropFirst() {
                    sink.error("`\(extra.partner.id)` is a second lead partner (the first is `\(leads[0].partner.id)`); exactly one is allowed", at: extra.location)
                }
                if partners.isEmpty {
                    sink.error("`partners` must list at least one partner", at: file.location(of: "partners"))
                }
            }
        }

        guard essentialErrors == 0, let start, let end, let periodMonths, let reportDueMonths, let phases, let partners
        else { return nil }
        var calendar = ReportingCalendar(
            start: start, end: end, periodMonths: periodMonths, reportDueMonths: reportDueMonths,
            phases: phases.map(\.phase), midtermReview: midterm?.0)
        if let (period, location) = midterm, calendar.period(id: period) == nil {
            sink.error("`midterm_review` names the unknown period `\(period)`; the calendar has \(PeriodNames.range(calendar))", at: location)
            calendar.midtermReview = nil
        }
        let shownID = id ?? "project"
        return ProjectFile(
            id: shownID, acronym: acronym ?? shownID, name: name ?? acronym ?? shownID, programme: programme ?? "",
            reference: reference ?? "",
            start: start, end: end, sources: sources, phases: phases.map(\.phase), calendar: calendar,
            partners: partners.map(\.partner))
    }

    private static func decodePhase(_ node: Node, reader: NodeReader) -> (phase: Phase, location: Location)? {
        guard let map = reader.mapping(node, "a phase", keys: ["id", "title", "start", "end"]) else { return nil }
        let id = map.required("id", reader.identifier)
        let title = map.required("title", reader.text)
        let start = map.required("start", reader.day)
        let end = map.required("end", reader.day)
        guard let id, let title, let start, let end else { return nil }
        if end < start {
            reader.sink.error("phase `\(id)` ends (\(end)) before it starts (\(start))", at: map.location(of: "end"))
            return nil
        }
        return (Phase(id: id, title: title, start: start, end: end), Location(node))
    }

    private static func checkPhases(_ phases: [(phase: Phase, location: Location)], project: DayInterval, sink: DiagnosticSink) {
        Uniqueness.check(phases.map { ($0.phase.id, $0.location) }, what: "phase", sink: sink)
        for (phase, location) in phases where !project.contains(phase.start) || !project.contains(phase.end) {
            sink.error("phase `\(phase.id)` (\(phase.start) to \(phase.end)) is not inside the project (\(project.start) to \(project.end))", at: location)
        }
        for (previous, next) in zip(phases, phases.dropFirst()) where next.phase.start != previous.phase.end.adding(days: 1) {
            sink.error("phases must be consecutive: `\(next.phase.id)` should start on \(previous.phase.end.adding(days: 1)), the day after `\(previous.phase.id)` ends, found \(next.phase.start)", at: next.location)
        }
    }

    private static func decodePartner(_ node: Node, reader: NodeReader) -> (partner: Partner, location: Location)? {
        guard let map = reader.mapping(node, "a partner", keys: ["id", "name", "country", "language", "role"]) else { return nil }
        let id = map.required("id", reader.identifier)
        let name = map.required("name", reader.text)
        let country = map.required("country") { node, label -> String? in
            guard let text = reader.string(node, label) else { return nil }
            guard text.unicodeScalars.count == 2, text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                reader.sink.error("\(label) must be an ISO 3166-1 alpha-2 code (two capital letters, like `GR`), found \(NodeReader.describe(node))", at: node)
                return nil
            }
            return text
        }
        let language = map.required("language") { node, label -> String? in
            guard let text = reader.string(node, label) else { return nil }
            guard NodeReader.isLanguageCode(text) else {
                reader.sink.error("\(label) must be an ISO 639-1 code (two lower-case letters, like `el`), found \(NodeReader.describe(node))", at: node)
                return nil
            }
            return text
        }
        let role = map.required("role") { reader.choice($0, $1, Partner.Role.self) }
        guard let id, let name, let country, let language, let role else { return nil }
        return (Partner(id: id, name: name, country: country, language: language, role: role), Location(node))
    }
}

/// Reports ids used twice, at the second use.
enum Uniqueness {
    static func check(_ items: [(String, Location)], what: String, sink: DiagnosticSink) {
        var seen: [String: Location] = [:]
        for (id, location) in items {
            if let first = seen[id] {
                sink.error("duplicate \(what) id `\(id)`; it is already used at line \(first.line), column \(first.column)", at: location)
            } else {
                seen[id] = location
            }
        }
    }
}

/// How periods are named in messages.
enum PeriodNames {
    static func range(_ calendar: ReportingCalendar) -> String {
        guard let first = calendar.periods.first, let last = calendar.periods.last else { return "no periods" }
        return first.id == last.id ? "only \(first.id)" : "\(first.id) to \(last.id)"
    }
}
