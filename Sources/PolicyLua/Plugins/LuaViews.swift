package import PolicyKit

/// The plain tables a plugin sees: the one place where model names become snake_case keys.
package enum LuaViews {
    /// A number as Lua shows it best: an integer when it is one, else a float.
    static func number(_ value: Double) -> LuaValue {
        written { $0.number(value) }
    }

    static func optional(_ text: String?) -> LuaValue { text.map(LuaValue.string) ?? .nil }

    static func day(_ day: Day) -> LuaValue { .string(day.description) }

    static func measure(_ value: MeasureValue) -> LuaValue {
        written { measure(value, into: &$0) }
    }

    /// The model value of a Lua value given to `policy.progress`, if it fits.
    static func measureValue(_ value: LuaValue) -> MeasureValue? {
        switch value {
        case .int(let number): .number(Double(number))
        case .double(let number) where number.isFinite: .number(number)
        case .string(let level): .level(level)
        case .bool(let reached): .reached(reached)
        default: nil
        }
    }

    /// Writes `title` (English) and `titles` (every language).
    static func title<W: ViewWriter>(_ text: LocalizedText, into w: inout W) {
        w.set(.title, text.english)
        w.key(.titles)
        w.beginRecord(capacity: text.translations.count)
        if text.translations.count == 1, let (language, translation) = text.translations.first {
            w.key(named: language)
            w.string(translation)
        } else {
            // sorted: the same table, built the same way, in every run
            for language in text.languages {
                w.key(named: language)
                w.string(text[language] ?? "")
            }
        }
        w.endTable()
    }

    static func provenance<W: ViewWriter>(_ source: Provenance, into w: inout W) {
        w.set(.source, source.text)
        w.set(.illustrative, bool: source.isIllustrative)
    }

    static func measure<W: ViewWriter>(_ value: MeasureValue, into w: inout W) {
        switch value {
        case .number(let number): w.number(number)
        case .level(let level): w.string(level)
        case .reached(let reached): w.bool(reached)
        }
    }

    static func value<W: ViewWriter>(_ entry: IndicatorValue, into w: inout W) {
        w.record(8) { w in
            w.set(.period, entry.period)
            w.key(.value)
            measure(entry.value, into: &w)
            w.set(.reportedOn, day: entry.reportedOn)
            w.set(.quality, entry.quality.rawValue)
            provenance(entry.source, into: &w)
            w.set(.evidence, strings: entry.evidence)
            w.set(.note, entry.note)
        }
    }

    package static func value(_ entry: IndicatorValue) -> LuaValue {
        written { value(entry, into: &$0) }
    }

    static func target<W: ViewWriter>(_ target: Indicator.Target, into w: inout W) {
        w.record(4) { w in
            w.key(.value)
            measure(target.value, into: &w)
            w.set(.date, day: target.date)
            provenance(target.source, into: &w)
        }
    }

    /// An indicator as its hooks receive it: the values visible at `dates`, by period.
    package static func indicator<W: ViewWriter>(_ indicator: Indicator, dates: EvaluationDates, into w: inout W) {
        let (visible, corrections) = StandardRules.visibleValuesAndCorrections(of: indicator, dates: dates)
        w.record(16) { w in
            w.set(.id, indicator.id)
            w.set(.code, indicator.code)
            title(indicator.title, into: &w)
            w.set(.unit, indicator.unit)
            w.set(.measure, indicator.measure.rawValue)
            w.set(.ascending, bool: indicator.ascending)
            w.set(.accumulation, indicator.accumulation.rawValue)
            w.set(.allocation, number: indicator.allocation)
            w.set(.baseline, record: 4) { w in
                w.key(.value)
                measure(indicator.baseline.value, into: &w)
                w.set(.year, integer: indicator.baseline.year)
                provenance(indicator.baseline.source, into: &w)
            }
            w.key(.target)
            target(indicator.target, into: &w)
            w.set(.intermediateTargets, array: indicator.intermediateTargets) { w, item in target(item, into: &w) }
            w.set(.values, array: visible) { w, entry in value(entry, into: &w) }
            w.set(.corrections, integer: corrections)
            if !indicator.scale.isEmpty { w.set(.scale, strings: indicator.scale) }
        }
    }

    package static func indicator(_ indicator: Indicator, dates: EvaluationDates) -> LuaValue {
        written { self.indicator(indicator, dates: dates, into: &$0) }
    }

    /// An action as its hooks receive it: milestones done and updates known at `dates`.
    package static func action<W: ViewWriter>(_ action: ImprovementAction, dates: EvaluationDates, into w: inout W) {
        w.record(14) { w in
            w.set(.id, action.id)
            title(action.title, into: &w)
            w.set(.type, action.type.rawValue)
            w.set(.responsible, action.responsible)
            w.set(.start, day: action.start)
            w.set(.end, day: action.end)
            if let cost = action.cost {
                w.set(.cost, record: 2) { w in
                    w.set(.amount, number: cost.amount)
                    w.set(.currency, cost.currency)
                }
            }
            w.set(.funding, action.funding)
            w.set(.indicators, strings: action.indicators)
            w.set(.milestones, array: action.milestones) { w, milestone in
                w.record(4) { w in
                    w.set(.id, milestone.id)
                    w.set(.title, milestone.title.english)
                    w.set(.due, day: milestone.due)
                    w.set(.doneOn, day: milestone.doneOn.flatMap { $0 <= dates.knownOn ? $0 : nil })
                }
            }
            w.set(.updates, array: StandardRules.visibleUpdates(of: action, dates: dates)) { w, update in
                w.record(6) { w in
                    w.set(.period, update.period)
                    w.set(.status, update.status.rawValue)
                    w.set(.achievement, update.achievement?.rawValue)
                    w.set(.reportedOn, day: update.reportedOn)
                    w.set(.note, update.note)
                    w.set(.evidence, strings: update.evidence)
                }
            }
        }
    }

    static func action(_ action: ImprovementAction, dates: EvaluationDates) -> LuaValue {
        written { self.action(action, dates: dates, into: &$0) }
    }

    /// The fields of the instrument view, in the record the caller opened; the session adds
    /// `indicators` and `actions` (the item views themselves).
    package static func instrumentFields<W: ViewWriter>(_ instrument: PolicyInstrument, into w: inout W) {
        w.set(.id, instrument.id)
        w.set(.partner, instrument.partner)
        title(instrument.title, into: &w)
        w.set(.kind, instrument.kind.rawValue)
        w.set(.managingAuthority, instrument.managingAuthority)
        w.set(.funds, strings: instrument.funds)
        w.set(.programmeCode, instrument.programmeCode)
        w.set(.period, record: 2) { w in
            w.set(.start, day: instrument.period.start)
            w.set(.end, day: instrument.period.end)
        }
        w.set(.indicatorIDs, array: instrument.indicators) { w, indicator in w.string(indicator.id) }
        w.set(.actionIDs, array: instrument.actions) { w, action in w.string(action.id) }
    }

    /// The capacity of the instrument record: its fields, `indicators` and `actions`.
    static let instrumentCapacity = 14

    package static func instrument(_ instrument: PolicyInstrument) -> LuaValue {
        written { w in w.record(instrumentCapacity) { instrumentFields(instrument, into: &$0) } }
    }

    static func period<W: ViewWriter>(_ period: ReportingPeriod, into w: inout W) {
        w.record(6) { w in
            w.set(.id, period.id)
            w.set(.index, integer: period.index)
            w.set(.start, day: period.start)
            w.set(.end, day: period.end)
            w.set(.phase, period.phase)
            w.set(.reportDue, day: period.reportDue)
        }
    }

    static func period(_ period: ReportingPeriod) -> LuaValue {
        written { self.period(period, into: &$0) }
    }

    /// The fields of `ctx`, in the record the caller opened: the dates, the period, the
    /// project, the partner and the instrument's evidence dated on or before `knownOn`; the
    /// session adds `instrument` (the instrument view itself).
    package static func contextFields<W: ViewWriter>(project: Project, instrument: PolicyInstrument, dates: EvaluationDates, into w: inout W) {
        w.set(.asOf, day: dates.asOf)
        w.set(.knownOn, day: dates.knownOn)
        w.key(.period)
        period(dates.period, into: &w)
        w.set(.project, record: 5) { w in
            w.set(.id, project.id)
            w.set(.acronym, project.acronym)
            w.set(.name, project.name)
            w.set(.start, day: project.start)
            w.set(.end, day: project.end)
        }
        if let partner = project.partner(id: instrument.partner) {
            w.key(.partner)
            self.partner(partner, into: &w)
        }
        let known = instrument.evidence.filter { $0.date <= dates.knownOn }
        w.key(.evidence)
        w.beginRecord(capacity: known.count)
        for item in known {
            w.key(named: item.id)
            evidence(item, into: &w)
        }
        w.endTable()
    }

    static func partner<W: ViewWriter>(_ partner: Partner, into w: inout W) {
        w.record(5) { w in
            w.set(.id, partner.id)
            w.set(.name, partner.name.english)
            w.set(.country, partner.country)
            w.set(.language, partner.language)
            w.set(.role, partner.role.rawValue)
        }
    }

    package static func partner(_ partner: Partner) -> LuaValue {
        written { self.partner(partner, into: &$0) }
    }

    static func evidence<W: ViewWriter>(_ item: Evidence, into w: inout W) {
        w.record(7) { w in
            w.set(.id, item.id)
            w.set(.title, item.title.english)
            w.set(.kind, item.kind.rawValue)
            w.set(.url, item.url)
            w.set(.path, item.path)
            w.set(.sha256, item.sha256)
            w.set(.date, day: item.date)
        }
    }

    package static func evidence(_ item: Evidence) -> LuaValue {
        written { evidence(item, into: &$0) }
    }

    /// The capacity of the `ctx` record: its fields and `instrument`.
    static let contextCapacity = 8

    package static func context(project: Project, instrument: PolicyInstrument, dates: EvaluationDates) -> LuaValue {
        written { w in w.record(contextCapacity) { contextFields(project: project, instrument: instrument, dates: dates, into: &$0) } }
    }

    /// What `body` writes, as a Swift value.
    static func written(_ body: (inout LuaValueWriter) -> Void) -> LuaValue {
        var writer = LuaValueWriter()
        body(&writer)
        return writer.result
    }

    /// A result of the standard rules as `policy.standard.*` returns it.
    static func result(_ result: ItemResult) -> LuaValue {
        .record([
            "progress": result.progress.map(number) ?? .nil,
            "expected": result.expected.map(number) ?? .nil,
            "status": .string(result.status.rawValue),
            "note": optional(result.note),
            "achievement": result.achievement.map { .string($0.rawValue) } ?? .nil,
            "findings": .array(result.findings.map(finding)),
            "explanation": .array(result.explanation.map(LuaValue.string)),
        ])
    }

    static func result(_ result: InstrumentResult) -> LuaValue {
        .record([
            "progress": result.progress.map(number) ?? .nil,
            "expected": result.expected.map(number) ?? .nil,
            "status": .string(result.status.rawValue),
            "improved": .bool(result.improved),
            "note": optional(result.note),
            "findings": .array(result.findings.map(finding)),
            "explanation": .array(result.explanation.map(LuaValue.string)),
        ])
    }

    static func finding(_ finding: Finding) -> LuaValue {
        .record(["severity": .string(finding.severity.rawValue), "message": .string(finding.message)])
    }

    /// `results` of the instrument hook: the final results of the items by id.
    static func itemResults(indicators: [ItemResult], actions: [ItemResult]) -> LuaValue {
        func brief(_ result: ItemResult) -> LuaValue {
            .record([
                "progress": result.progress.map(number) ?? .nil,
                "expected": result.expected.map(number) ?? .nil,
                "status": .string(result.status.rawValue),
                "note": optional(result.note),
            ])
        }
        var byIndicator: [String: LuaValue] = [:]
        for result in indicators { byIndicator[result.id] = brief(result) }
        var byAction: [String: LuaValue] = [:]
        for result in actions { byAction[result.id] = brief(result) }
        return .record(["indicators": .record(byIndicator), "actions": .record(byAction)])
    }
}
