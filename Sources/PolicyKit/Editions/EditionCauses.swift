import Foundation

/// Names the entries that differ between two editions for one item, one cell or the rules of
/// one instrument, each as a ``EditionDiff/Cause`` located in the later edition.
///
/// It is only asked once counterfactual evaluation has told whether the data, the rules or
/// both changed a result; it never decides that by itself.
struct EditionCauses {
    typealias Cause = EditionDiff.Cause

    let from: EditionSnapshot
    let to: EditionSnapshot
    let knownOn: Day
    private let fromInstruments: [String: PolicyInstrument]
    private let toInstruments: [String: PolicyInstrument]

    init(from: EditionSnapshot, to: EditionSnapshot, knownOn: Day) {
        self.from = from
        self.to = to
        self.knownOn = knownOn
        fromInstruments = from.project.instrumentsByID
        toInstruments = to.project.instrumentsByID
    }

    // MARK: Data

    /// The project file's definitions that differ (the calendar, the project's dates).
    func projectCauses() -> [Cause] {
        let map = to.sourceMap(EditionSnapshot.projectKey) ?? SourceMap(path: "project.yaml")
        var causes: [Cause] = []
        func compare(_ name: String, _ key: [String], _ before: String, _ after: String) {
            if before != after {
                causes.append(Cause(kind: .definition, path: map.path, line: map.line(key), subject: "project \(name)",
                                    before: before, after: after))
            }
        }
        let (old, new) = (from.project, to.project)
        compare("start", ["project", "start"], "\(old.start)", "\(new.start)")
        compare("end", ["project", "end"], "\(old.end)", "\(new.end)")
        compare("calendar", ["calendar"], Self.describe(old.calendar), Self.describe(new.calendar))
        return causes
    }

    /// An instrument added, removed, reassigned or whose file cannot be loaded, in either edition.
    func instrumentCauses(_ id: String) -> [Cause] {
        let path = to.instrumentPaths[id] ?? from.instrumentPaths[id]
        let map = to.sourceMap(id)
        if let diagnostics = to.unloadable[id] {
            return diagnostics.map { diagnostic in
                let evidence = evidenceEntry(at: diagnostic.line, in: map)
                if let evidence, let declared = fromInstruments[id]?.evidence(id: evidence),
                   let file = declared.path {
                    return Cause(kind: .evidence, path: diagnostic.path, line: diagnostic.line,
                                 subject: "evidence \(evidence): the content of \(file) changed and no longer matches its declared sha256, so the instrument does not load",
                                 before: from.evidenceDigests[file].map { "sha256 \($0)" },
                                 after: to.evidenceDigests[file].map { "sha256 \($0)" })
                }
                return Cause(kind: .instrument, path: diagnostic.path, line: diagnostic.line,
                             subject: "the instrument's file does not load: \(diagnostic.message)",
                             before: fromInstruments[id] != nil ? "loaded" : nil, after: "not loaded")
            }
        }
        if let diagnostics = from.unloadable[id], toInstruments[id] != nil {
            return [Cause(kind: .instrument, path: path, line: 1,
                          subject: "the instrument's file loads again (it had \(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s"))",
                          before: "not loaded", after: "loaded")]
        }
        switch (fromInstruments[id], toInstruments[id]) {
        case (nil, _?):
            return [Cause(kind: .instrument, path: path, line: 1, subject: "instrument \(id) added", before: nil, after: "added")]
        case (_?, nil):
            return [Cause(kind: .instrument, path: from.instrumentPaths[id], line: nil, subject: "instrument \(id) removed",
                          before: "present", after: "removed")]
        case let (old?, new?):
            var causes: [Cause] = []
            if old.plugin != new.plugin {
                causes.append(Cause(kind: .instrument, path: path, line: map?.line(["plugin"]) ?? 1,
                                    subject: "plugin reassigned", before: old.plugin ?? "standard rules", after: new.plugin ?? "standard rules"))
            }
            if old.period != new.period {
                causes.append(Cause(kind: .definition, path: path, line: map?.line(["period"]) ?? 1, subject: "instrument period",
                                    before: "\(old.period.start)...\(old.period.end)", after: "\(new.period.start)...\(new.period.end)"))
            }
            return causes
        case (nil, nil):
            return []
        }
    }

    /// The evidence id declared at `line` of an instrument file, if any.
    private func evidenceEntry(at line: Int, in map: SourceMap?) -> String? {
        guard let map else { return nil }
        let entries = map.lines.filter { $0.key.hasPrefix("evidence.") && $0.key.split(separator: ".").count == 2 }
            .map { (id: String($0.key.dropFirst("evidence.".count)), line: $0.value) }
            .filter { Int($0.id) == nil }
            .sorted { $0.line < $1.line }
        return entries.last { $0.line <= line }?.id
    }

    /// Every data cause of one cell: the instrument, the project file, every item and every
    /// piece of evidence of the instrument, as visible in the column.
    func cellCauses(_ id: String, column: MatrixColumn) -> [Cause] {
        var causes = projectCauses() + instrumentCauses(id)
        guard let old = fromInstruments[id], let new = toInstruments[id] else { return causes }
        for indicator in new.indicators {
            causes += indicatorCauses(instrument: id, indicator: indicator.id, column: column, withEvidence: false)
        }
        for action in new.actions {
            causes += actionCauses(instrument: id, action: action.id, column: column, withEvidence: false, linked: false)
        }
        for indicator in old.indicators where new.indicator(id: indicator.id) == nil {
            causes.append(Cause(kind: .definition, path: to.instrumentPaths[id], line: to.sourceMap(id)?.line(["indicators"]),
                                subject: "indicator \(indicator.id) removed", before: "present", after: "removed"))
        }
        for action in old.actions where new.action(id: action.id) == nil {
            causes.append(Cause(kind: .definition, path: to.instrumentPaths[id], line: to.sourceMap(id)?.line(["actions"]),
                                subject: "action \(action.id) removed", before: "present", after: "removed"))
        }
        let ids = (old.evidence.map(\.id) + new.evidence.map(\.id)).uniqued()
        causes += evidenceCauses(instrument: id, ids: ids)
        return causes.uniqued()
    }

    /// The data causes of one indicator in one column.
    func indicatorCauses(instrument id: String, indicator itemID: String, column: MatrixColumn, withEvidence: Bool = true) -> [Cause] {
        guard toInstruments[id] != nil, fromInstruments[id] != nil else { return instrumentCauses(id) }
        let path = to.instrumentPaths[id]
        let map = to.sourceMap(id)
        guard let new = toInstruments[id]?.indicator(id: itemID) else {
            return fromInstruments[id]?.indicator(id: itemID) == nil ? [] : [
                Cause(kind: .definition, path: path, line: map?.line(["indicators"]), subject: "indicator \(itemID) removed",
                      before: "present", after: "removed")]
        }
        guard let old = fromInstruments[id]?.indicator(id: itemID) else {
            return [Cause(kind: .definition, path: path, line: map?.line(["indicators", itemID]), subject: "indicator \(itemID) added",
                          before: nil, after: "added")]
        }
        var causes: [Cause] = []
        func field(_ key: String, _ before: String, _ after: String) {
            guard before != after else { return }
            causes.append(Cause(kind: .definition, path: path, line: map?.line(["indicators", itemID, key]),
                                subject: "\(itemID): \(key.replacingOccurrences(of: "_", with: " "))", before: before, after: after))
        }
        field("unit", old.unit, new.unit)
        field("measure", old.measure.rawValue, new.measure.rawValue)
        field("ascending", "\(old.ascending)", "\(new.ascending)")
        field("accumulation", old.accumulation.rawValue, new.accumulation.rawValue)
        field("code", old.code ?? "none", new.code ?? "none")
        field("scale", old.scale.joined(separator: ", "), new.scale.joined(separator: ", "))
        field("baseline", "\(Self.describe(old.baseline.value)) (\(old.baseline.year))", "\(Self.describe(new.baseline.value)) (\(new.baseline.year))")
        field("target", Self.describe(old.target), Self.describe(new.target))
        field("intermediate_targets", old.intermediateTargets.map(Self.describe).joined(separator: "; "),
              new.intermediateTargets.map(Self.describe).joined(separator: "; "))
        func entries(_ indicator: Indicator) -> [Entry] {
            indicator.values.map {
                Entry(period: $0.period, reportedOn: $0.reportedOn, text: Self.describe($0.value),
                      detail: "\($0.quality.rawValue) \($0.evidence)", evidence: $0.evidence)
            }
        }
        let (before, after) = (entries(old), entries(new))
        causes += entryCauses(subject: itemID, key: ["indicators", itemID, "values"], path: path, map: map, column: column,
                              old: before, new: after, what: "value")
        if withEvidence {
            causes += evidenceCauses(instrument: id, ids: citedEvidence(before, after, column: column).uniqued())
        }
        return causes
    }

    /// The data causes of one action in one column (with its linked indicators').
    func actionCauses(instrument id: String, action itemID: String, column: MatrixColumn, withEvidence: Bool = true, linked: Bool = true) -> [Cause] {
        guard toInstruments[id] != nil, fromInstruments[id] != nil else { return instrumentCauses(id) }
        let path = to.instrumentPaths[id]
        let map = to.sourceMap(id)
        guard let new = toInstruments[id]?.action(id: itemID) else {
            return fromInstruments[id]?.action(id: itemID) == nil ? [] : [
                Cause(kind: .definition, path: path, line: map?.line(["actions"]), subject: "action \(itemID) removed",
                      before: "present", after: "removed")]
        }
        guard let old = fromInstruments[id]?.action(id: itemID) else {
            return [Cause(kind: .definition, path: path, line: map?.line(["actions", itemID]), subject: "action \(itemID) added",
                          before: nil, after: "added")]
        }
        var causes: [Cause] = []
        func field(_ key: String, _ before: String, _ after: String) {
            guard before != after else { return }
            causes.append(Cause(kind: .definition, path: path, line: map?.line(["actions", itemID, key]),
                                subject: "\(itemID): \(key)", before: before, after: after))
        }
        field("type", old.type.rawValue, new.type.rawValue)
        field("start", "\(old.start)", "\(new.start)")
        field("end", "\(old.end)", "\(new.end)")
        field("indicators", old.indicators.joined(separator: ", "), new.indicators.joined(separator: ", "))
        field("milestones", old.milestones.map(Self.describe).joined(separator: "; "), new.milestones.map(Self.describe).joined(separator: "; "))
        func entries(_ action: ImprovementAction) -> [Entry] {
            action.updates.map {
                Entry(period: $0.period, reportedOn: $0.reportedOn,
                      text: $0.status.rawValue + ($0.achievement.map { ", \($0.rawValue)" } ?? ""),
                      detail: $0.evidence.joined(separator: ","), evidence: $0.evidence)
            }
        }
        let (before, after) = (entries(old), entries(new))
        causes += entryCauses(subject: itemID, key: ["actions", itemID, "updates"], path: path, map: map, column: column,
                              old: before, new: after, what: "update")
        if withEvidence {
            causes += evidenceCauses(instrument: id, ids: citedEvidence(before, after, column: column).uniqued())
        }
        if linked {
            for indicator in new.indicators {
                causes += indicatorCauses(instrument: id, indicator: indicator, column: column, withEvidence: withEvidence)
            }
        }
        return causes.uniqued()
    }

    /// A value or an update as the comparison sees it.
    struct Entry: Hashable {
        var period: String
        var reportedOn: Day
        var text: String
        var detail: String
        var evidence: [String]
    }

    /// The evidence cited by the entries of each list that are visible in `column`, in order.
    private func citedEvidence(_ lists: [Entry]..., column: MatrixColumn) -> [String] {
        lists.flatMap { list in visible(list, column: column).flatMap { list[$0].evidence } }
    }

    /// The indices of entries visible in `column`: reported by the knowledge date, for a period
    /// up to the column's.
    private func visible(_ entries: [Entry], column: MatrixColumn) -> [Int] {
        entries.indices.filter {
            entries[$0].reportedOn <= knownOn && (ReportingPeriod.number(fromID: entries[$0].period) ?? Int.max) <= column.period.index
        }
    }

    /// New reports and corrections: per period up to the column's, the entry in force (the
    /// latest reported by the knowledge date, as the evaluation takes it) in each edition; a
    /// period the earlier edition did not have is a new report, any other difference a correction.
    private func entryCauses(subject: String, key: [String], path: String?, map: SourceMap?, column: MatrixColumn,
                             old: [Entry], new: [Entry], what: String) -> [Cause] {
        func inForce(_ entries: [Entry]) -> [(index: Int, entry: Entry)] {
            let indexed = visible(entries, column: column).map { (index: $0, entry: entries[$0]) }
            return KnownOn.latest(indexed, on: knownOn, period: { $0.entry.period }, reportedOn: { $0.entry.reportedOn })
        }
        let before = inForce(old), after = inForce(new)
        var causes: [Cause] = []
        for (index, entry) in after {
            let earlier = before.first { $0.entry.period == entry.period }?.entry
            guard earlier != entry else { continue }
            let withdrawn = earlier.map { $0.reportedOn > entry.reportedOn } ?? false
            causes.append(Cause(
                kind: earlier == nil ? .newReport : .correction, path: path, line: map?.line(key + [String(index)]),
                subject: withdrawn
                    ? "\(subject): the \(what) for \(entry.period) reported \(earlier!.reportedOn) is gone; the one reported \(entry.reportedOn) is in force"
                    : "\(subject): \(what) for \(entry.period) reported \(entry.reportedOn)",
                before: earlier.map { "\($0.text) (reported \($0.reportedOn))" },
                after: entry.text))
        }
        for (_, entry) in before where !after.contains(where: { $0.entry.period == entry.period }) {
            causes.append(Cause(kind: .correction, path: path, line: map?.line(key),
                                subject: "\(subject): \(what) for \(entry.period) reported \(entry.reportedOn) removed",
                                before: "\(entry.text) (reported \(entry.reportedOn))", after: "none"))
        }
        return causes
    }

    /// Evidence declarations added, removed or changed, and evidence files whose content changed.
    func evidenceCauses(instrument id: String, ids: [String]) -> [Cause] {
        let path = to.instrumentPaths[id]
        let map = to.sourceMap(id)
        var causes: [Cause] = []
        for evidenceID in ids {
            let old = fromInstruments[id]?.evidence(id: evidenceID)
            let new = toInstruments[id]?.evidence(id: evidenceID)
            let line = map?.line(["evidence", evidenceID])
            switch (old, new) {
            case (nil, nil):
                continue
            case (nil, _?):
                causes.append(Cause(kind: .evidence, path: path, line: line, subject: "evidence \(evidenceID) added", before: nil, after: "declared"))
            case (_?, nil):
                causes.append(Cause(kind: .evidence, path: path, line: map?.line(["evidence"]), subject: "evidence \(evidenceID) removed",
                                    before: "declared", after: nil))
            case let (old?, new?):
                if old != new {
                    causes.append(Cause(kind: .evidence, path: path, line: line, subject: "evidence \(evidenceID): declaration changed",
                                        before: "\(old.kind.rawValue), \(old.date)", after: "\(new.kind.rawValue), \(new.date)"))
                }
                if let file = new.path {
                    let before = old.path.flatMap { from.evidenceDigests[$0] }
                    let after = to.evidenceDigests[file]
                    if before != after {
                        causes.append(Cause(kind: .evidence, path: path, line: map?.line(["evidence", evidenceID, "path"]) ?? line,
                                            subject: "evidence \(evidenceID): the content of \(file) changed",
                                            before: before.map { "sha256 \($0)" } ?? "no file",
                                            after: after.map { "sha256 \($0)" } ?? "no file"))
                    }
                }
            }
        }
        return causes
    }

    // MARK: Rules

    /// The rule files behind one instrument that differ: its plugin file and the `plugins/lib/`
    /// modules it requires (directly or through other modules).
    func ruleCauses(_ id: String, hook: String?) -> [Cause] {
        let names = [toInstruments[id]?.plugin, fromInstruments[id]?.plugin].compactMap { $0 }.uniqued()
        var files: [String] = []
        for name in names {
            let file = name + ".lua"
            files.append(file)
            var pending = Self.requires(from.ruleFiles[file] ?? "") + Self.requires(to.ruleFiles[file] ?? "")
            var seen = Set<String>()
            while let module = pending.popLast() {
                guard seen.insert(module).inserted else { continue }
                let moduleFile = "lib/" + module.replacingOccurrences(of: ".", with: "/") + ".lua"
                files.append(moduleFile)
                pending += Self.requires(from.ruleFiles[moduleFile] ?? "") + Self.requires(to.ruleFiles[moduleFile] ?? "")
            }
        }
        return ruleFileCauses(files.uniqued(), hook: hook)
    }

    /// Every rule file that differs between the editions.
    func allRuleCauses() -> [Cause] {
        ruleFileCauses((to.ruleFiles.keys.sorted() + from.ruleFiles.keys.sorted()).uniqued(), hook: nil)
    }

    private func ruleFileCauses(_ files: [String], hook: String?) -> [Cause] {
        var causes: [Cause] = []
        for file in files {
            let old = from.ruleFiles[file], new = to.ruleFiles[file]
            guard old != new else { continue }
            let shown = to.pluginsDisplay.isEmpty ? file : to.pluginsDisplay + "/" + file
            guard let old, let new else {
                causes.append(Cause(kind: .rule, path: shown, line: new == nil ? nil : 1,
                                    subject: old == nil ? "\(file) added" : "\(file) removed", hook: hook))
                continue
            }
            for change in Self.changedLines(old, new) {
                causes.append(Cause(kind: .rule, path: shown, line: change.line, subject: "\(file) changed",
                                    before: change.before, after: change.after, hook: hook))
            }
        }
        return causes
    }

    /// The lines that differ between two texts, located in the later one: the region between
    /// their common beginning and common end; line by line when it is small and of the same
    /// length in both, else its first line.
    static func changedLines(_ old: String, _ new: String) -> [(line: Int, before: String?, after: String?)] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let oldRegion = Array(a[prefix..<(a.count - suffix)]), newRegion = Array(b[prefix..<(b.count - suffix)])
        func shown(_ line: Substring?) -> String? {
            guard let line else { return nil }
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.count > 80 ? String(text.prefix(79)) + "…" : text
        }
        if oldRegion.count == newRegion.count, oldRegion.count <= 5 {
            return oldRegion.indices.filter { oldRegion[$0] != newRegion[$0] }.map {
                (prefix + $0 + 1, shown(oldRegion[$0]), shown(newRegion[$0]))
            }
        }
        return [(prefix + 1, shown(oldRegion.first), shown(newRegion.first))]
    }

    /// The modules a Lua text requires (`require("scoring")`, `require "a.b"`).
    static func requires(_ text: String) -> [String] {
        var modules: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "require") {
            rest = rest[range.upperBound...]
            var cursor = rest.drop { $0 == " " || $0 == "(" || $0 == "\t" }
            guard let quote = cursor.first, quote == "\"" || quote == "'" else { continue }
            cursor = cursor.dropFirst()
            let name = cursor.prefix { $0 != quote && $0 != "\n" }
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) {
                modules.append(String(name))
            }
        }
        return modules
    }

    // MARK: Wording

    static func describe(_ value: MeasureValue) -> String {
        switch value {
        case .number(let number): MatrixNumber.decimal(number)
        case .level(let level): level
        case .reached(let reached): reached ? "reached" : "not reached"
        }
    }

    static func describe(_ target: Indicator.Target) -> String { "\(describe(target.value)) by \(target.date)" }

    static func describe(_ milestone: Milestone) -> String {
        "\(milestone.id) due \(milestone.due)" + (milestone.doneOn.map { ", done \($0)" } ?? "")
    }

    static func describe(_ calendar: ReportingCalendar) -> String {
        "\(calendar.periods.count) periods of \(calendar.periodMonths) months, reports due after \(calendar.reportDueMonths) months"
            + (calendar.periods.last.map { ", last ends \($0.end)" } ?? "")
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, in first-seen order.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
