extension EditionDiff {
    /// Compares two editions from their snapshots and the four counterfactual evaluations.
    ///
    /// A change of a cell or item between `base` and `both` is attributed to the data when the
    /// later data under the earlier rules (`dataOnly`) already shows it, to the rules when the
    /// earlier data under the later rules (`rulesOnly`) does, to both when each does, and to
    /// their interaction when only both together do. Then the entries that differ are named.
    ///
    /// - Parameters:
    ///   - from: The earlier edition.
    ///   - to: The later edition.
    ///   - evaluations: The four evaluations, over the same columns.
    ///   - mode: `diff` (data and rules) or `impact` (the same data under two sets of rules).
    ///   - asOf: The evaluation date (shown in the output).
    ///   - knownOn: The knowledge date: the entries reported by then count.
    ///   - reported: The period ids whose report is already due (their changes rewrite history).
    ///   - accepted: Acknowledged changes, as `instrument:period` or `instrument:*`.
    public static func compare(
        from: EditionSnapshot, to: EditionSnapshot, evaluations: CounterfactualEvaluations, mode: Mode = .editions,
        asOf: Day, knownOn: Day, reported: Set<String> = [], accepted: Set<String> = []
    ) -> EditionDiff {
        let causes = EditionCauses(from: from, to: to, knownOn: knownOn)
        let columns = evaluations.both.columns
        let toIDs = to.project.instruments.map(\.id)
        let fromIDs = from.project.instruments.map(\.id)
        let ids = (toIDs + fromIDs + to.unloadable.keys.sorted() + from.unloadable.keys.sorted()).uniqued()
        let partners = Dictionary((from.project.instruments + to.project.instruments).map { ($0.id, $0.partner) },
                                  uniquingKeysWith: { _, later in later })

        func presence(_ id: String, in snapshot: EditionSnapshot) -> State.Presence {
            snapshot.unloadable[id] != nil ? .notLoaded : .absent
        }
        var cells: [CellChange] = []
        var improvedBy: [String: [String]] = [:]   // period -> instruments whose `improved` changed
        var causesByCell: [String: [Cause]] = [:]
        for id in ids {
            for (index, column) in columns.enumerated() {
                func result(_ evaluation: EditionEvaluation) -> InstrumentResult? {
                    index < evaluation.results.count ? evaluation.results[index][id] : nil
                }
                let results = (base: result(evaluations.base), data: result(evaluations.dataOnly),
                               rules: result(evaluations.rulesOnly), both: result(evaluations.both))
                func state(_ result: InstrumentResult?, data snapshot: EditionSnapshot) -> State {
                    guard let result else { return State(presence: presence(id, in: snapshot)) }
                    return State(presence: .evaluated, status: result.status, progress: result.progress,
                                 expected: result.expected, improved: result.improved)
                }
                let states = (base: state(results.base, data: from), data: state(results.data, data: to),
                              rules: state(results.rules, data: from), both: state(results.both, data: to))
                guard let attribution = attribute(states.base, states.data, states.rules, states.both, same: { $0.isSame(as: $1) }) else { continue }

                // items
                var items: [ItemChange] = []
                let itemIDs = ((results.both.map { ($0.indicators + $0.actions).map { ItemKey(kind: $0.kind, id: $0.id) } } ?? [])
                    + (results.base.map { ($0.indicators + $0.actions).map { ItemKey(kind: $0.kind, id: $0.id) } } ?? [])).uniqued()
                // an instrument absent or not loaded on one side: its items would all just say so
                let bothEvaluated = states.base.presence == .evaluated && states.both.presence == .evaluated
                for key in itemIDs where bothEvaluated {
                    func item(_ result: InstrumentResult?, instrument: State) -> State {
                        guard let result else { return State(presence: instrument.presence) }
                        guard let found = (key.kind == .indicator ? result.indicators : result.actions).first(where: { $0.id == key.id }) else {
                            return State(presence: .absent)
                        }
                        return State(presence: .evaluated, status: found.status, progress: found.progress, expected: found.expected)
                    }
                    let itemStates = (base: item(results.base, instrument: states.base), data: item(results.data, instrument: states.data),
                                      rules: item(results.rules, instrument: states.rules), both: item(results.both, instrument: states.both))
                    guard let itemAttribution = attribute(itemStates.base, itemStates.data, itemStates.rules, itemStates.both,
                                                          same: { $0.isSame(as: $1) }) else { continue }
                    var dataCauses: [Cause] = []
                    if itemAttribution != .rules {
                        dataCauses = key.kind == .indicator
                            ? causes.indicatorCauses(instrument: id, indicator: key.id, column: column)
                            : causes.actionCauses(instrument: id, action: key.id, column: column)
                        if dataCauses.isEmpty { dataCauses = causes.cellCauses(id, column: column) }
                    }
                    let ruleCauses = itemAttribution != .data ? causes.ruleCauses(id, hook: key.kind.rawValue) : []
                    let after = results.both.flatMap { (key.kind == .indicator ? $0.indicators : $0.actions).first { $0.id == key.id } }
                    items.append(ItemChange(kind: key.kind, id: key.id, before: itemStates.base, after: itemStates.both,
                                            attribution: itemAttribution,
                                            causes: combine(itemAttribution, data: dataCauses, rules: ruleCauses),
                                            details: EditionDiff.details(of: after)))
                }

                var dataCauses: [Cause] = []
                if attribution != .rules {
                    // the causes of the items the data changed, then what concerns the whole instrument
                    dataCauses = items.filter { $0.attribution != .rules }.flatMap { $0.causes.filter { $0.kind != .rule && $0.kind != .interaction } }
                    dataCauses += causes.projectCauses() + causes.instrumentCauses(id)
                    if dataCauses.isEmpty { dataCauses = causes.cellCauses(id, column: column) }
                    dataCauses = dataCauses.uniqued()
                }
                var ruleCauses: [Cause] = []
                if attribution != .data {
                    // the rules behind the items they changed; else the roll-up's (the instrument hook)
                    ruleCauses = items.filter { $0.attribution != .data }.flatMap { $0.causes.filter { $0.kind == .rule } }.uniqued()
                    if ruleCauses.isEmpty { ruleCauses = causes.ruleCauses(id, hook: "instrument") }
                }
                let combined = combine(attribution, data: dataCauses, rules: ruleCauses)
                let period = column.period.id
                if states.base.improved != states.both.improved { improvedBy[period, default: []].append(id) }
                causesByCell["\(id)@\(period)"] = combined
                cells.append(CellChange(
                    instrumentID: id, partnerID: partners[id] ?? "", period: period, before: states.base, after: states.both,
                    attribution: attribution, causes: combined, changedItems: items.map(\.id), items: items,
                    reported: reported.contains(period),
                    accepted: accepted.contains("\(id):\(period)") || accepted.contains("\(id):*")))
            }
        }

        // the project row: instruments improved, and the common indicators' sums (data only)
        var projectRow: [ProjectChange] = []
        let before = projectCounts(evaluations.base, columns: columns)
        let after = projectCounts(evaluations.both, columns: columns)
        for (index, column) in columns.enumerated() where before[index] != after[index] {
            let period = column.period.id
            let instruments = improvedBy[period] ?? []
            projectRow.append(ProjectChange(
                period: period, measure: "instruments-improved", before: Double(before[index]), after: Double(after[index]),
                instruments: instruments, causes: instruments.flatMap { causesByCell["\($0)@\(period)"] ?? [] }.uniqued()))
        }
        let oldSums = MatrixCommonIndicator.all(project: from.project, columns: columns, knownOn: knownOn, laterKnownOn: nil)
        let newSums = MatrixCommonIndicator.all(project: to.project, columns: columns, knownOn: knownOn, laterKnownOn: nil)
        let codes = (newSums.map(\.code) + oldSums.map(\.code)).uniqued()
        for code in codes {
            let old = oldSums.first { $0.code == code }, new = newSums.first { $0.code == code }
            for (index, column) in columns.enumerated() {
                let a = old.flatMap { index < $0.sums.count ? $0.sums[index]?.value : nil }
                let b = new.flatMap { index < $0.sums.count ? $0.sums[index]?.value : nil }
                guard a.map({ MatrixNumber.decimal($0) }) != b.map({ MatrixNumber.decimal($0) }) else { continue }
                let members = ((new?.members ?? []) + (old?.members ?? [])).map { "\($0.instrumentID)/\($0.indicatorID)" }.uniqued()
                var memberCauses: [Cause] = []
                var moved: [String] = []
                for member in members {
                    let parts = member.split(separator: "/").map(String.init)
                    let found = causes.indicatorCauses(instrument: parts[0], indicator: parts[1], column: column, withEvidence: false)
                        + causes.instrumentCauses(parts[0])
                    if !found.isEmpty { moved.append(member) }
                    memberCauses += found
                }
                projectRow.append(ProjectChange(period: column.period.id, measure: code, before: a, after: b,
                                                instruments: moved, causes: (causes.projectCauses() + memberCauses).uniqued()))
            }
        }

        // data differences that changed no cell (an evidence file nothing depends on, say)
        let reportedCauses = Set(cells.flatMap(\.causes) + projectRow.flatMap(\.causes))
        var withoutEffect: [Cause] = []
        if let last = columns.last {
            for id in ids {
                withoutEffect += causes.cellCauses(id, column: last).filter { !reportedCauses.contains($0) }
            }
            withoutEffect = withoutEffect.uniqued()
        }
        let citedRules = Set(reportedCauses.filter { $0.kind == .rule }.compactMap(\.path))
        withoutEffect += causes.allRuleCauses().filter { !citedRules.contains($0.path ?? "") }

        var unloadable: [Unloadable] = []
        for (side, snapshot) in [("from", from), ("to", to)] {
            for id in snapshot.unloadable.keys.sorted() {
                unloadable.append(Unloadable(side: side, instrumentID: id, diagnostics: snapshot.unloadable[id] ?? []))
            }
        }
        return EditionDiff(
            mode: mode, from: Side(name: from.name, commit: from.commit), to: Side(name: to.name, commit: to.commit),
            asOf: asOf, knownOn: knownOn, periods: columns.map(\.period.id), cells: cells, projectRow: projectRow,
            unloadable: unloadable, withoutEffect: mode == .rules ? withoutEffect.filter { $0.kind == .rule } : withoutEffect,
            titles: Dictionary((from.project.instruments + to.project.instruments).map { ($0.id, $0.title) },
                               uniquingKeysWith: { _, later in later }))
    }

    /// The lines shown under a changed item: today its explanation; kept in one place so that
    /// it can show trace steps once results carry them.
    static func details(of result: ItemResult?) -> [String] {
        result?.explanation ?? []
    }

    private struct ItemKey: Hashable {
        var kind: ItemResult.Kind
        var id: String
    }

    /// `nil` when `base` and `both` are the same; otherwise what made the difference appear.
    package static func attribute<T>(_ base: T, _ dataOnly: T, _ rulesOnly: T, _ both: T, same: (T, T) -> Bool) -> Attribution? {
        guard !same(base, both) else { return nil }
        switch (!same(base, dataOnly), !same(base, rulesOnly)) {
        case (true, false): return .data
        case (false, true): return .rules
        case (true, true): return .dataAndRules
        case (false, false): return .interaction
        }
    }

    /// The causes in order: the interaction marker (when only both explain it), the data's, the rules'.
    private static func combine(_ attribution: Attribution, data: [Cause], rules: [Cause]) -> [Cause] {
        switch attribution {
        case .data: data
        case .rules: rules
        case .dataAndRules: data + rules
        case .interaction:
            [Cause(kind: .interaction, subject: "appears only with both the later data and the later rules")] + data + rules
        }
    }

    /// How many instruments count as improved, per column.
    private static func projectCounts(_ evaluation: EditionEvaluation, columns: [MatrixColumn]) -> [Int] {
        columns.indices.map { index in
            index < evaluation.results.count ? evaluation.results[index].values.filter(\.improved).count : 0
        }
    }
}
