package import PolicyKit

/// The plain tables a plugin sees: the one place where model names become snake_case keys.
package enum LuaViews {
    /// A number as Lua shows it best: an integer when it is one, else a float.
    static func number(_ value: Double) -> LuaValue {
        if value.rounded() == value, abs(value) < 9.0e15 { return .int(Int(value)) }
        return .double(value)
    }

    static func optional(_ text: String?) -> LuaValue { text.map(LuaValue.string) ?? .nil }

    static func day(_ day: Day) -> LuaValue { .string(day.description) }

    static func measure(_ value: MeasureValue) -> LuaValue {
        switch value {
        case .number(let numeric): number(numeric)
        case .level(let level): .string(level)
        case .reached(let reached): .bool(reached)
        }
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

    static func text(_ text: LocalizedText) -> (String, LuaValue) {
        var translations: [String: LuaValue] = [:]
        for language in text.languages { translations[language] = .string(text[language] ?? "") }
        return (text.english, .record(translations))
    }

    static func provenance(_ source: Provenance) -> [String: LuaValue] {
        ["source": .string(source.text), "illustrative": .bool(source.isIllustrative)]
    }

    static func value(_ entry: IndicatorValue) -> LuaValue {
        var fields = provenance(entry.source)
        fields["period"] = .string(entry.period)
        fields["value"] = measure(entry.value)
        fields["reported_on"] = day(entry.reportedOn)
        fields["quality"] = .string(entry.quality.rawValue)
        fields["evidence"] = .array(entry.evidence.map(LuaValue.string))
        fields["note"] = optional(entry.note)
        return .record(fields)
    }

    package static func indicator(_ indicator: Indicator, dates: EvaluationDates) -> LuaValue {
        let (title, titles) = text(indicator.title)
        let visible = StandardRules.visibleValues(of: indicator, dates: dates)
        let reported = indicator.values.filter { $0.reportedOn <= dates.knownOn && StandardRules.isVisible(period: $0.period, dates: dates) }
        var baseline = provenance(indicator.baseline.source)
        baseline["value"] = measure(indicator.baseline.value)
        baseline["year"] = .int(indicator.baseline.year)
        var fields: [String: LuaValue] = [
            "id": .string(indicator.id),
            "code": optional(indicator.code),
            "title": .string(title),
            "titles": titles,
            "unit": .string(indicator.unit),
            "measure": .string(indicator.measure.rawValue),
            "ascending": .bool(indicator.ascending),
            "accumulation": .string(indicator.accumulation.rawValue),
            "allocation": indicator.allocation.map(number) ?? .nil,
            "baseline": .record(baseline),
            "target": target(indicator.target),
            "intermediate_targets": .array(indicator.intermediateTargets.map(target)),
            "values": .array(visible.map(value)),
            "corrections": .int(reported.count - visible.count),
        ]
        if !indicator.scale.isEmpty { fields["scale"] = .array(indicator.scale.map(LuaValue.string)) }
        return .record(fields)
    }

    static func target(_ target: Indicator.Target) -> LuaValue {
        var fields = provenance(target.source)
        fields["value"] = measure(target.value)
        fields["date"] = day(target.date)
        return .record(fields)
    }

    static func action(_ action: ImprovementAction, dates: EvaluationDates) -> LuaValue {
        let (title, titles) = text(action.title)
        let milestones: [LuaValue] = action.milestones.map { milestone in
            let done = milestone.doneOn.flatMap { $0 <= dates.knownOn ? $0 : nil }
            return .record([
                "id": .string(milestone.id),
                "title": .string(milestone.title.english),
                "due": day(milestone.due),
                "done_on": done.map(day) ?? .nil,
            ])
        }
        let updates: [LuaValue] = StandardRules.visibleUpdates(of: action, dates: dates).map { update in
            .record([
                "period": .string(update.period),
                "status": .string(update.status.rawValue),
                "achievement": update.achievement.map { LuaValue.string($0.rawValue) } ?? .nil,
                "reported_on": day(update.reportedOn),
                "note": optional(update.note),
                "evidence": .array(update.evidence.map(LuaValue.string)),
            ])
        }
        return .record([
            "id": .string(action.id),
            "title": .string(title),
            "titles": titles,
            "type": .string(action.type.rawValue),
            "responsible": .string(action.responsible),
            "start": day(action.start),
            "end": day(action.end),
            "cost": action.cost.map { .record(["amount": number($0.amount), "currency": .string($0.currency)]) } ?? .nil,
            "funding": optional(action.funding),
            "indicators": .array(action.indicators.map(LuaValue.string)),
            "milestones": .array(milestones),
            "updates": .array(updates),
        ])
    }

    /// The instrument; the session adds `indicators` and `actions` (the item views themselves).
    package static func instrument(_ instrument: PolicyInstrument) -> LuaValue {
        let (title, titles) = text(instrument.title)
        return .record([
            "id": .string(instrument.id),
            "partner": .string(instrument.partner),
            "title": .string(title),
            "titles": titles,
            "kind": .string(instrument.kind.rawValue),
            "managing_authority": .string(instrument.managingAuthority),
            "funds": .array(instrument.funds.map(LuaValue.string)),
            "programme_code": optional(instrument.programmeCode),
            "period": .record(["start": day(instrument.period.start), "end": day(instrument.period.end)]),
            "indicator_ids": .array(instrument.indicators.map { .string($0.id) }),
            "action_ids": .array(instrument.actions.map { .string($0.id) }),
        ])
    }

    static func period(_ period: ReportingPeriod) -> LuaValue {
        .record([
            "id": .string(period.id),
            "index": .int(period.index),
            "start": day(period.start),
            "end": day(period.end),
            "phase": optional(period.phase),
            "report_due": day(period.reportDue),
        ])
    }

    static func evidence(_ evidence: Evidence) -> LuaValue {
        .record([
            "id": .string(evidence.id),
            "title": .string(evidence.title.english),
            "kind": .string(evidence.kind.rawValue),
            "url": optional(evidence.url),
            "path": optional(evidence.path),
            "sha256": optional(evidence.sha256),
            "date": day(evidence.date),
        ])
    }

    /// `ctx`: the dates, the period, the project, the partner and the instrument's evidence dated
    /// on or before `knownOn`; the session adds `instrument` (the instrument view itself).
    package static func context(project: Project, instrument: PolicyInstrument, dates: EvaluationDates) -> LuaValue {
        let partner = project.partner(id: instrument.partner)
        var evidence: [String: LuaValue] = [:]
        for item in instrument.evidence where item.date <= dates.knownOn { evidence[item.id] = self.evidence(item) }
        return .record([
            "as_of": day(dates.asOf),
            "known_on": day(dates.knownOn),
            "period": period(dates.period),
            "project": .record([
                "id": .string(project.id),
                "acronym": .string(project.acronym),
                "name": .string(project.name),
                "start": day(project.start),
                "end": day(project.end),
            ]),
            "partner": partner.map { partner in
                .record([
                    "id": .string(partner.id),
                    "name": .string(partner.name.english),
                    "country": .string(partner.country),
                    "language": optional(partner.language),
                    "role": .string(partner.role.rawValue),
                ])
            } ?? .nil,
            "evidence": .record(evidence),
        ])
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
