internal import Yams

/// What the instrument files are checked against: the parts of project.yaml they refer to.
struct ProjectContext {
    var partners: [Partner]
    var calendar: ReportingCalendar
    var interval: DayInterval
}

/// Where an indicator with a common code is defined, to compare units and measures across files.
struct CodeSite {
    var code: String
    var unit: String
    var measure: Indicator.Measure
    var indicator: String
    var instrumentPath: String
    var location: Location
}

/// An evidence entry that names a file, to check once the folder is known.
struct EvidenceFileReference {
    var path: String
    var pathLocation: Location
    var sha256: (String, Location)?
}

/// What one instrument file produced.
struct InstrumentFile {
    var instrument: PolicyInstrument?
    var id: (String, Location)?
    var codeSites: [CodeSite]
    var evidenceFiles: [EvidenceFileReference] = []
    /// What could be read of the file even when it has errors, to name it in reports.
    var partner: String?
    var title: LocalizedText?
    var plugin: String?
}

/// Reads one instrument file and checks it against the project.
struct InstrumentFileDecoder {
    let reader: NodeReader
    let context: ProjectContext?
    let fileID: String

    private var sink: DiagnosticSink { reader.sink }

    /// References to check once the whole file is read.
    private final class References {
        var evidence: [(id: String, location: Location)] = []
        var indicators: [(id: String, location: Location)] = []
        var codeSites: [CodeSite] = []
        var evidenceFiles: [EvidenceFileReference] = []
        /// The latest `reported_on` of the file's values and updates.
        var lastReport: Day?
        /// Actions to warn about once `lastReport` is known: still open at their end.
        var openActions: [(id: String, end: Day, location: Location)] = []

        /// The lines of the entries read, for the traces.
        var lines = SourceLines()

        func reported(_ day: Day) {
            lastReport = max(day, lastReport ?? day)
        }
        /// Every id declared, also of entries that failed to load, so that references to them
        /// are not reported twice.
        var declaredIndicators: [String] = []
        var declaredEvidence: [String] = []
    }

    static func decode(_ root: Node, path: String, fileID: String, context: ProjectContext?, sink: DiagnosticSink) -> InstrumentFile {
        let decoder = InstrumentFileDecoder(reader: NodeReader(sink: sink), context: context, fileID: fileID)
        return decoder.decode(root, path: path)
    }

    private func decode(_ root: Node, path: String) -> InstrumentFile {
        var result = InstrumentFile(instrument: nil, id: nil, codeSites: [])
        guard SchemaVersion.check(root, reader: reader),
              let map = reader.mapping(root, "an instrument file", keys: [
                  "schema", "id", "partner", "title", "kind", "managing_authority", "funds", "programme_code",
                  "period", "plugin", "sources", "notes", "indicators", "actions", "evidence",
              ])
        else { return result }
        let before = sink.errorCount
        let references = References()

        let id = map.required("id", reader.identifier)
        if let id {
            result.id = (id, map.value("id").map(Location.init) ?? map.location(of: "id"))
            if id != fileID {
                sink.error("the instrument id `\(id)` must equal the file name `\(fileID)` (without .yaml)", at: Location(map.value("id")!))
            }
        }
        let partner = map.required("partner") { node, label -> String? in
            guard let partner = reader.identifier(node, label) else { return nil }
            if let context, !context.partners.contains(where: { $0.id == partner }) {
                var message = "unknown partner `\(partner)`; project.yaml has \(context.partners.map(\.id).joined(separator: ", "))"
                if let suggestion = EditDistance.suggestion(for: partner, among: context.partners.map(\.id)) {
                    message = "unknown partner `\(partner)`; did you mean `\(suggestion)`?"
                }
                sink.error(message, at: node)
                return nil
            }
            return partner
        }
        let title = map.required("title", reader.text)
        let kind = map.required("kind") { reader.choice($0, $1, PolicyInstrument.Kind.self) }
        let authority = map.required("managing_authority", reader.string)
        let funds = map.optional("funds", reader.distinctStrings) ?? []
        let programmeCode = map.optional("programme_code", reader.string)
        let period = map.required("period") { node, label -> DayInterval? in
            guard let periodMap = reader.mapping(node, label, keys: ["start", "end"]) else { return nil }
            let start = periodMap.required("start", reader.day)
            let end = periodMap.required("end", reader.day)
            guard let start, let end else { return nil }
            guard start <= end else {
                sink.error("the instrument's period ends (\(end)) before it starts (\(start))", at: periodMap.location(of: "end"))
                return nil
            }
            return DayInterval(start: start, end: end)
        }
        let plugin = map.optional("plugin", reader.identifier)
        let sources = map.optional("sources", reader.strings) ?? []
        let notes = map.optional("notes", reader.strings) ?? []

        let indicators = map.required("indicators") { node, label -> [(Indicator, Location)]? in
            let list = reader.list(node, label) { item, _ in
                decodeIndicator(item, instrumentPeriod: period, path: path, references: references)
            }
            if node.sequence?.isEmpty == true { sink.error("\(label) must list at least one indicator", at: node) }
            return list
        }
        let actions = map.required("actions") { node, label -> [(ImprovementAction, Location)]? in
            let list = reader.list(node, label) { item, _ in
                decodeAction(item, instrumentPeriod: period, references: references)
            }
            if node.sequence?.isEmpty == true { sink.error("\(label) must list at least one action", at: node) }
            return list
        }
        let evidence = map.required("evidence") { node, label in
            reader.list(node, label) { item, _ in decodeEvidence(item, references: references) }
        }

        if let indicators { Uniqueness.check(indicators.map { ($0.0.id, $0.1) }, what: "indicator", sink: sink) }
        if let actions { Uniqueness.check(actions.map { ($0.0.id, $0.1) }, what: "action", sink: sink) }
        if let evidence { Uniqueness.check(evidence.map { ($0.0.id, $0.1) }, what: "evidence", sink: sink) }
        if evidence != nil {
            let known = references.declaredEvidence
            for reference in references.evidence where !known.contains(reference.id) {
                sink.error(unknownReference("evidence", reference.id, known: known), at: reference.location)
            }
        }
        if indicators != nil {
            let known = references.declaredIndicators
            for reference in references.indicators where !known.contains(reference.id) {
                sink.error(unknownReference("indicator", reference.id, known: known), at: reference.location)
            }
        }
        result.codeSites = references.codeSites
        result.evidenceFiles = references.evidenceFiles
        (result.partner, result.title, result.plugin) = (partner, title, plugin)
        if let lastReport = references.lastReport {
            for action in references.openActions where action.end < lastReport {
                sink.warning("the action `\(action.id)` was due to end on \(action.end), but no update by \(lastReport) (the file's last report) says it is completed, cancelled or delayed; report its outcome", at: action.location)
            }
        }

        guard sink.errorCount == before, let id, let partner, let title, let kind, let authority, let period,
              let indicators, let actions, let evidence
        else { return result }
        result.instrument = PolicyInstrument(
            id: id, partner: partner, title: title, kind: kind, managingAuthority: authority, funds: funds,
            programmeCode: programmeCode, period: period, plugin: plugin, sources: sources, notes: notes,
            indicators: indicators.map(\.0), actions: actions.map(\.0), evidence: evidence.map(\.0))
        references.lines.file = path
        result.instrument?.sourceLines = references.lines
        return result
    }

    private func unknownReference(_ what: String, _ id: String, known declared: [String]) -> String {
        var seen = Set<String>()
        let known = declared.filter { seen.insert($0).inserted }
        var message = "unknown \(what) `\(id)`"
        if let suggestion = EditDistance.suggestion(for: id, among: known) {
            message += "; did you mean `\(suggestion)`?"
        } else {
            message += known.isEmpty ? "; this file has no \(what)" : "; this file has \(known.joined(separator: ", "))"
        }
        return message
    }

    // MARK: - Indicators

    private func decodeIndicator(
        _ node: Node, instrumentPeriod: DayInterval?, path: String, references: References
    ) -> (Indicator, Location)? {
        guard let map = reader.mapping(node, "an indicator", keys: [
            "id", "code", "title", "unit", "measure", "ascending", "accumulation", "reporting", "reference_day", "allocation",
            "scale", "baseline", "target", "intermediate_targets", "values",
        ]) else { return nil }
        let before = sink.errorCount
        let id = map.required("id", reader.identifier)
        if let id { references.declaredIndicators.append(id) }
        let code = map.optional("code", reader.string)
        let title = map.required("title", reader.text)
        let unit = map.required("unit", reader.string)
        let measure = map.required("measure") { reader.choice($0, $1, Indicator.Measure.self) }
        let ascending = map.optional("ascending", reader.bool) ?? true
        var accumulation = map.optional("accumulation") { reader.choice($0, $1, Indicator.Accumulation.self) }
        let allocation = map.optional("allocation") { node, label -> Double? in
            guard let value = reader.number(node, label) else { return nil }
            if value < 0 { sink.error("\(label) must not be negative, found \(NodeReader.describe(node))", at: node) }
            return value
        }
        var scale = map.optional("scale") { node, label -> [String]? in
            guard let levels = reader.strings(node, label) else { return nil }
            if levels.count < 2 { sink.error("\(label) must list at least two levels, worst first", at: node) }
            var seen = Set<String>()
            for level in levels where !seen.insert(level).inserted {
                sink.error("\(label) lists the level `\(level)` twice", at: node)
            }
            return levels
        }
        if let measure {
            if measure.isNumeric {
                if accumulation == nil, !map.contains("accumulation") {
                    sink.error("missing required key `accumulation` in an indicator of measure `\(measure.rawValue)` (cumulative | incremental | level)", at: Location(node))
                }
                if map.contains("scale") {
                    sink.error("`scale` is only for qualitative indicators, not for measure `\(measure.rawValue)`", at: map.location(of: "scale"))
                }
            } else {
                if let given = accumulation, given != .level {
                    sink.error("`accumulation` of a \(measure.rawValue) indicator must be absent or `level`, found `\(given.rawValue)`", at: map.location(of: "accumulation"))
                }
                accumulation = .level
                if measure == .qualitative, !map.contains("scale") {
                    sink.error("missing required key `scale` in a qualitative indicator (the levels, worst first)", at: Location(node))
                }
                if measure == .milestone, map.contains("scale") {
                    sink.error("`scale` is only for qualitative indicators, not for measure `milestone`", at: map.location(of: "scale"))
                }
            }
        }
        if measure != .qualitative { scale = scale ?? [] }
        let reporting = map.optional("reporting") { reader.choice($0, $1, Indicator.Reporting.self) }
        let referenceDay = map.optional("reference_day") { node, label -> Indicator.YearDay? in
            guard let text = reader.string(node, label) else { return nil }
            guard let day = Indicator.YearDay(text) else {
                sink.error("\(label) must be a day of the year written MM-DD, such as 06-30 (not 02-29: not every year has it), found \(NodeReader.describe(node))", at: node)
                return nil
            }
            return day
        }
        // (a misspelt `reporting` has its own error)
        let reportingIsNotAnnual = map.contains("reporting") ? reporting.map { $0 != .annual } ?? false : true
        if map.contains("reference_day"), reportingIsNotAnnual {
            sink.error("`reference_day` is only for `reporting: annual`, found \(reporting.map { "`reporting: \($0.rawValue)`" } ?? "no `reporting`")",
                       at: map.location(of: "reference_day"))
        }
        if let code, let unit, let measure, let id {
            references.codeSites.append(CodeSite(code: code, unit: unit, measure: measure, indicator: id,
                                                 instrumentPath: path, location: map.location(of: "code")))
        }

        // Values need a known measure (and scale) to be checked.
        let valueReader: ((Node, String) -> MeasureValue?)? = measure.flatMap { measure in
            if measure == .qualitative, scale == nil { return nil }
            return { node, label in measureValue(node, label, measure: measure, scale: scale ?? []) }
        }
        func skip(_ node: Node, _ label: String) -> MeasureValue? { nil }
        let readValue = valueReader ?? skip

        let baseline = map.required("baseline") { node, label -> Indicator.Baseline? in
            guard let baselineMap = reader.mapping(node, label, keys: ["value", "year", "source"]) else { return nil }
            let value = baselineMap.required("value", readValue)
            let year = baselineMap.required("year") { reader.integer($0, $1, in: 1900...2200) }
            let source = baselineMap.required("source", reader.provenance)
            guard let value, let year, let source else { return nil }
            return Indicator.Baseline(value: value, year: year, source: source)
        }
        let target = map.required("target") { node, label in
            decodeTarget(node, label, readValue: readValue, instrumentPeriod: instrumentPeriod)
        }
        let intermediate = map.optional("intermediate_targets") { node, label -> [Indicator.Target]? in
            guard case .sequence(let sequence) = node else {
                return reader.list(node, label) { _, _ in Indicator.Target?.none }
            }
            var targets: [Indicator.Target] = []
            var failed = false
            for item in sequence {
                guard let target = decodeTarget(item, "an intermediate target", readValue: readValue, instrumentPeriod: instrumentPeriod) else {
                    failed = true
                    continue
                }
                if let previous = targets.last, target.date <= previous.date {
                    sink.error("intermediate target dates must be strictly increasing: \(target.date) is not after \(previous.date)", at: item)
                }
                targets.append(target)
            }
            return failed ? nil : targets
        } ?? []
        if let target, let last = intermediate.last, last.date >= target.date, let node = map.value("intermediate_targets") {
            sink.error("intermediate targets must come before the final target (\(target.date)); found \(last.date)", at: node)
        }

        var reportedPeriods = Set<String>()
        // where each entry's `reported_on` is: a correction reported too early is shown there
        var reportedOnLocations: [Location] = []
        let values = map.required("values") { node, label -> [(IndicatorValue, Location)]? in
            reader.list(node, label) { item, _ in
                let decoded = decodeValue(item, readValue: readValue, references: references) { reportedPeriods.insert($0).inserted }
                if let decoded { reportedOnLocations.append(decoded.reportedOn) }
                return decoded.map { ($0.0, $0.1) }
            }
        }
        if let values {
            checkCorrections(zip(values, reportedOnLocations).map { ($0.0.0.period, $0.0.0.reportedOn, $0.1) })
            if accumulation == .cumulative { checkCumulative(values) }
        }

        guard sink.errorCount == before, let id, let title, let unit, let measure, let accumulation,
              let baseline, let target, let values
        else { return nil }
        if let node = map.value("baseline") { references.lines.record(.baseline(indicator: id), line: Location(node).line) }
        if let node = map.value("target") { references.lines.record(.target(indicator: id), line: Location(node).line) }
        for (index, node) in (map.value("intermediate_targets")?.sequence ?? []).enumerated() {
            references.lines.record(.intermediateTarget(indicator: id, index: index), line: Location(node).line)
        }
        for (entry, location) in values {
            references.lines.record(.value(indicator: id, period: entry.period, reportedOn: entry.reportedOn), line: location.line)
        }
        return (Indicator(
            id: id, code: code, title: title, unit: unit, measure: measure, ascending: ascending,
            accumulation: accumulation, allocation: allocation, scale: scale ?? [], baseline: baseline,
            target: target, intermediateTargets: intermediate, values: values.map(\.0), reporting: reporting ?? .semester,
            referenceDay: referenceDay), Location(node))
    }

    private func measureValue(_ node: Node, _ label: String, measure: Indicator.Measure, scale: [String]) -> MeasureValue? {
        switch measure {
        case .unit, .ratio:
            return reader.number(node, label).map(MeasureValue.number)
        case .percentage:
            guard let value = reader.number(node, label) else { return nil }
            guard (0...100).contains(value) else {
                sink.error("\(label) of a percentage must be from 0 to 100, found \(NodeReader.describe(node))", at: node)
                return nil
            }
            return .number(value)
        case .qualitative:
            let levels = scale.joined(separator: " | ")
            guard let scalar = reader.scalar(node, label, expected: "one of the scale levels \(levels)") else { return nil }
            guard scale.contains(scalar.string) else {
                var message = "\(label) must be one of the scale levels \(levels), found \(NodeReader.describe(node))"
                if let suggestion = EditDistance.suggestion(for: scalar.string, among: scale) {
                    message += "; did you mean `\(suggestion)`?"
                }
                sink.error(message, at: node)
                return nil
            }
            return .level(scalar.string)
        case .milestone:
            return reader.bool(node, label).map(MeasureValue.reached)
        }
    }

    private func decodeTarget(
        _ node: Node, _ label: String, readValue: (Node, String) -> MeasureValue?, instrumentPeriod: DayInterval?
    ) -> Indicator.Target? {
        guard let map = reader.mapping(node, label, keys: ["value", "date", "source"]) else { return nil }
        let value = map.required("value", readValue)
        let date = map.required("date", reader.day)
        let source = map.required("source", reader.provenance)
        if let date, let instrumentPeriod, !instrumentPeriod.contains(date) {
            sink.error("the target date \(date) lies outside the instrument's period (\(instrumentPeriod.start) to \(instrumentPeriod.end))", at: map.location(of: "date"))
            return nil
        }
        guard let value, let date, let source else { return nil }
        return Indicator.Target(value: value, date: date, source: source)
    }

    /// How long after its period ends a value may be first reported before it is worth a warning.
    static let lateReportMonths = 12

    private func decodeValue(
        _ node: Node, readValue: (Node, String) -> MeasureValue?, references: References, isFirstReport: (String) -> Bool
    ) -> (IndicatorValue, Location, reportedOn: Location)? {
        guard let map = reader.mapping(node, "a value entry", keys: [
            "period", "value", "reported_on", "quality", "source", "evidence", "note",
        ]) else { return nil }
        let before = sink.errorCount
        let period = map.required("period", periodReference)
        let value = map.required("value", readValue)
        let reportedOn = map.required("reported_on", reportedOnDay)
        let quality = map.optional("quality") { reader.choice($0, $1, IndicatorValue.Quality.self) } ?? .approved
        let source = map.required("source", reader.provenance)
        let evidence = map.optional("evidence", reader.identifiers) ?? []
        references.evidence += evidence
        let note = self.note(map)
        if let reportedOn { references.reported(reportedOn) }
        if let period, let reportedOn, let reportingPeriod = context?.calendar.period(id: period) {
            if reportedOn < reportingPeriod.start {
                sink.error("`reported_on` \(reportedOn) is before the start of \(period) (\(reportingPeriod.start))", at: map.location(of: "reported_on"))
            } else if isFirstReport(period), reportedOn > reportingPeriod.end.adding(months: Self.lateReportMonths) {
                sink.warning("the value of \(period) is first reported on \(reportedOn), more than \(Self.lateReportMonths) months after the period ended (\(reportingPeriod.end)); is the period right?", at: map.value("reported_on").map(Location.init) ?? map.location(of: "reported_on"))
            }
        }
        guard sink.errorCount == before, let period, let value, let reportedOn, let source else { return nil }
        let entry = IndicatorValue(period: period, value: value, reportedOn: reportedOn, quality: quality,
                                   source: source, evidence: evidence.map(\.id), note: note)
        return (entry, map.value("value").map(Location.init) ?? Location(node), map.value("reported_on").map(Location.init) ?? Location(node))
    }

    /// A period id that exists in the calendar.
    private func periodReference(_ node: Node, _ label: String) -> String? {
        guard let scalar = reader.scalar(node, label, expected: "a period id like `P1`") else { return nil }
        let id = scalar.string
        if let calendar = context?.calendar {
            guard calendar.period(id: id) != nil else {
                sink.error("unknown period \(NodeReader.describe(node)); the calendar has \(PeriodNames.range(calendar))", at: node)
                return nil
            }
        } else if ReportingPeriod.number(fromID: id) == nil {
            sink.error("\(label) must be a period id like `P1`, found \(NodeReader.describe(node))", at: node)
            return nil
        }
        return id
    }

    /// A day inside the project.
    private func reportedOnDay(_ node: Node, _ label: String) -> Day? {
        guard let day = reader.day(node, label) else { return nil }
        if let interval = context?.interval, !interval.contains(day) {
            sink.error("\(label) \(day) lies outside the project (\(interval.start) to \(interval.end))", at: node)
            return nil
        }
        return day
    }

    /// Entries of one period must have strictly increasing `reported_on` in file order.
    private func checkCorrections(_ entries: [(period: String, reportedOn: Day, location: Location)]) {
        var latest: [String: Day] = [:]
        for entry in entries {
            if let previous = latest[entry.period], entry.reportedOn <= previous {
                sink.error("a correction of \(entry.period) must be reported after the previous entry (\(previous)), found \(entry.reportedOn)", at: entry.location)
            }
            latest[entry.period] = max(entry.reportedOn, latest[entry.period] ?? entry.reportedOn)
        }
    }

    /// A cumulative series may not decrease from one period to the next without a note.
    private func checkCumulative(_ values: [(IndicatorValue, Location)]) {
        var latest: [String: (IndicatorValue, Location)] = [:]
        for entry in values {
            if let current = latest[entry.0.period], current.0.reportedOn > entry.0.reportedOn { continue }
            latest[entry.0.period] = entry
        }
        let ordered = latest.values.sorted {
            (ReportingPeriod.number(fromID: $0.0.period) ?? 0) < (ReportingPeriod.number(fromID: $1.0.period) ?? 0)
        }
        for (previous, next) in zip(ordered, ordered.dropFirst()) {
            guard let before = previous.0.value.number, let after = next.0.value.number, after < before,
                  next.0.note == nil
            else { continue }
            sink.error("the cumulative value \(next.0.value) of \(next.0.period) is lower than \(previous.0.value) of \(previous.0.period); add a `note` that explains the decrease", at: next.1)
        }
    }

    // MARK: - Actions

    private func decodeAction(_ node: Node, instrumentPeriod: DayInterval?, references: References) -> (ImprovementAction, Location)? {
        guard let map = reader.mapping(node, "an action", keys: [
            "id", "title", "type", "responsible", "start", "end", "cost", "funding", "indicators", "milestones", "updates",
        ]) else { return nil }
        let before = sink.errorCount
        let id = map.required("id", reader.identifier)
        let title = map.required("title", reader.text)
        let type = map.required("type") { reader.choice($0, $1, ImprovementAction.ImprovementType.self) }
        let responsible = map.required("responsible", reader.string)
        let start = map.required("start", reader.day)
        let end = map.required("end", reader.day)
        if let start, let end {
            if end < start {
                sink.error("the action ends (\(end)) before it starts (\(start))", at: map.location(of: "end"))
            } else if let instrumentPeriod, !instrumentPeriod.contains(start) || !instrumentPeriod.contains(end) {
                sink.error("the action (\(start) to \(end)) is not inside the instrument's period (\(instrumentPeriod.start) to \(instrumentPeriod.end))", at: map.location(of: "start"))
            }
        }
        let cost = map.optional("cost") { node, label -> ImprovementAction.Cost? in
            guard let costMap = reader.mapping(node, label, keys: ["amount", "currency"]) else { return nil }
            let amount = costMap.required("amount") { node, label -> Double? in
                guard let amount = reader.number(node, label) else { return nil }
                guard amount >= 0 else {
                    sink.error("\(label) must not be negative, found \(NodeReader.describe(node))", at: node)
                    return nil
                }
                return amount
            }
            let currency = costMap.required("currency") { node, label -> String? in
                guard let text = reader.string(node, label) else { return nil }
                guard text.unicodeScalars.count == 3, text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                    sink.error("\(label) must be an ISO 4217 code (three capital letters, like `EUR`), found \(NodeReader.describe(node))", at: node)
                    return nil
                }
                return text
            }
            guard let amount, let currency else { return nil }
            return ImprovementAction.Cost(amount: amount, currency: currency)
        }
        let funding = map.optional("funding", reader.string)
        let indicators = map.optional("indicators", reader.identifiers) ?? []
        references.indicators += indicators
        let milestones = map.optional("milestones") { node, label -> [(Milestone, Location)]? in
            reader.list(node, label) { item, _ in decodeMilestone(item) }
        }
        if let milestones { Uniqueness.check(milestones.map { ($0.0.id, $0.1) }, what: "milestone", sink: sink) }
        let updates = map.required("updates") { node, label -> [(ActionUpdate, Location)]? in
            reader.list(node, label) { item, _ in decodeUpdate(item, references: references) }
        }
        if let updates { checkCorrections(updates.map { ($0.0.period, $0.0.reportedOn, $0.1) }) }
        // An action still open at its end is worth a nudge, unless its latest update already
        // says it is late (`delayed`).
        if let id, let end, let updates, let endNode = map.value("end"),
           !updates.contains(where: { $0.0.status == .completed || $0.0.status == .cancelled }),
           updates.max(by: { $0.0.reportedOn < $1.0.reportedOn })?.0.status != .delayed {
            references.openActions.append((id, end, Location(endNode)))
        }

        guard sink.errorCount == before, let id, let title, let type, let responsible, let start, let end, let updates
        else { return nil }
        for (update, location) in updates {
            references.lines.record(.update(action: id, period: update.period, reportedOn: update.reportedOn), line: location.line)
        }
        for (milestone, location) in milestones ?? [] {
            references.lines.record(.milestone(action: id, id: milestone.id), line: location.line)
        }
        return (ImprovementAction(
            id: id, title: title, type: type, responsible: responsible, start: start, end: end, cost: cost,
            funding: funding, indicators: indicators.map(\.id), milestones: (milestones ?? []).map(\.0),
            updates: updates.map(\.0)), Location(node))
    }

    private func decodeMilestone(_ node: Node) -> (Milestone, Location)? {
        guard let map = reader.mapping(node, "a milestone", keys: ["id", "title", "due", "done_on"]) else { return nil }
        let id = map.required("id", reader.identifier)
        let title = map.required("title", reader.text)
        let due = map.required("due", reader.day)
        let doneOn = map.optional("done_on", reader.day)
        guard let id, let title, let due else { return nil }
        if map.value("done_on") != nil, doneOn == nil { return nil }
        return (Milestone(id: id, title: title, due: due, doneOn: doneOn), Location(node))
    }

    private func decodeUpdate(_ node: Node, references: References) -> (ActionUpdate, Location)? {
        guard let map = reader.mapping(node, "an update", keys: [
            "period", "status", "achievement", "reported_on", "note", "evidence",
        ]) else { return nil }
        let before = sink.errorCount
        let period = map.required("period", periodReference)
        let status = map.required("status") { reader.choice($0, $1, ActionUpdate.Status.self) }
        let achievement = map.optional("achievement") { reader.choice($0, $1, ActionUpdate.Achievement.self) }
        let reportedOn = map.required("reported_on", reportedOnDay)
        let note = self.note(map)
        let evidence = map.optional("evidence", reader.identifiers) ?? []
        references.evidence += evidence
        if let reportedOn { references.reported(reportedOn) }
        guard sink.errorCount == before, let period, let status, let reportedOn else { return nil }
        let update = ActionUpdate(period: period, status: status, achievement: achievement, reportedOn: reportedOn,
                                  note: note, evidence: evidence.map(\.id))
        return (update, map.value("reported_on").map(Location.init) ?? Location(node))
    }

    // MARK: - Evidence

    private func decodeEvidence(_ node: Node, references: References) -> (Evidence, Location)? {
        guard let map = reader.mapping(node, "an evidence entry", keys: ["id", "title", "kind", "url", "path", "sha256", "date"]) else {
            return nil
        }
        let before = sink.errorCount
        let id = map.required("id", reader.identifier)
        if let id { references.declaredEvidence.append(id) }
        let title = map.required("title", reader.text)
        let kind = map.required("kind") { reader.choice($0, $1, Evidence.Kind.self) }
        let url = map.optional("url") { node, label -> String? in
            guard let text = reader.string(node, label) else { return nil }
            guard Self.isWebAddress(text) else {
                sink.error("\(label) must be a web address starting with http:// or https://, without spaces, found \(NodeReader.describe(node))", at: node)
                return nil
            }
            return text
        }
        let path = map.optional("path") { node, label -> String? in
            guard let text = reader.string(node, label) else { return nil }
            guard Self.isRelativePath(text) else {
                sink.error("\(label) must be a path relative to the instruments folder, not starting with `/` and without `..`, found \(NodeReader.describe(node))", at: node)
                return nil
            }
            return text
        }
        if map.contains("url") == map.contains("path") {
            let found = map.contains("url") ? "both" : "neither"
            sink.error("an evidence entry must have exactly one of `url` and `path`, found \(found)", at: node)
        }
        let sha256 = map.optional("sha256") { node, label -> String? in
            guard let text = reader.string(node, label) else { return nil }
            let hex = "0123456789abcdef".unicodeScalars
            guard text.unicodeScalars.count == 64, text.unicodeScalars.allSatisfy({ hex.contains($0) }) else {
                sink.error("\(label) must be 64 lower-case hexadecimal digits, found \(NodeReader.describe(node))", at: node)
                return nil
            }
            return text
        }
        let date = map.required("date", reader.day)
        if let path, let pathNode = map.value("path") {
            let digest = sha256.flatMap { digest in map.value("sha256").map { (digest, Location($0)) } }
            references.evidenceFiles.append(EvidenceFileReference(path: path, pathLocation: Location(pathNode), sha256: digest))
        }
        guard sink.errorCount == before, let id, let title, let kind, let date else { return nil }
        return (Evidence(id: id, title: title, kind: kind, url: url, path: path, sha256: sha256, date: date), Location(node))
    }

    /// `http://` or `https://` followed by at least one character, without white space.
    static func isWebAddress(_ text: String) -> Bool {
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        return !rest.isEmpty && !rest.contains(where: \.isWhitespace)
    }

    /// A relative path that stays in its folder by its text: no leading `/`, no `..` component.
    static func isRelativePath(_ text: String) -> Bool {
        !text.hasPrefix("/") && !text.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    // MARK: - Notes

    /// An optional note; an empty one (`note:`, `note: ""`) is a warning and counts as absent.
    private func note(_ map: MappingReader) -> String? {
        guard map.contains("note") else { return nil }
        if let node = map.value("note") {
            guard case .scalar(let scalar) = node, scalar.string.allSatisfy(\.isWhitespace) else {
                return reader.string(node, "`note`")
            }
        }
        sink.warning("the `note` is empty; write what it should say or remove the key", at: map.location(of: "note"))
        return nil
    }
}
