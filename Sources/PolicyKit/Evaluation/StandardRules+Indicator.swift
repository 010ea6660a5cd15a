extension StandardRules {
    /// Evaluates one indicator of `instrument` at `dates` with the standard rules.
    ///
    /// - `achieved` when progress reaches ``achievedProgress`` on confirmed values (otherwise
    ///   the caution rule reports `on-track`, see ``qualitiesConfirmingAchievement``);
    /// - `off-track` when the target date has passed and the target is not reached;
    /// - otherwise by the gap, expected minus progress: `on-track` up to ``onTrackGap``,
    ///   `at-risk` up to ``atRiskGap``, `off-track` beyond;
    /// - with nothing visible: `not-started` before the instrument starts or while the
    ///   expected progress is below ``notStartedExpected``, `no-data` afterwards.
    ///
    /// Findings: missing reports of periods whose report was due on or before `as_of` (warning), provisional or estimated values (info), the caution
    /// rule (info), a target in the direction opposite to `ascending` (warning), corrections
    /// that superseded an earlier value (info).
    public static func evaluate(
        indicator: Indicator, in instrument: PolicyInstrument, project: Project, dates: EvaluationDates
    ) -> ItemResult {
        var findings: [Finding] = []
        var trace = Trace()
        let visible = visibleValues(of: indicator, dates: dates)
        let source = instrument.sourceLines
        func entry(_ entry: SourceLines.Entry) -> TraceOrigin {
            .file(source.file.isEmpty ? nil : source.file, line: source.line(of: entry))
        }
        func numbers(_ name: String, _ value: MeasureValue) -> [TraceNumber] {
            value.number.map { [TraceNumber(name, $0)] } ?? []
        }

        // Baseline and targets.
        trace.append(.input, entry(.baseline(indicator: indicator.id)),
                     "baseline: \(RuleText.value(indicator.baseline.value, of: indicator)) in \(indicator.baseline.year)\(RuleText.source(indicator.baseline.source))",
                     numbers: numbers("baseline", indicator.baseline.value))
        for (index, target) in indicator.intermediateTargets.enumerated() {
            trace.append(.input, entry(.intermediateTarget(indicator: indicator.id, index: index)),
                         "intermediate target: \(RuleText.value(target.value, of: indicator)) by \(target.date)\(RuleText.source(target.source))",
                         numbers: numbers("intermediate target", target.value))
        }
        trace.append(.input, entry(.target(indicator: indicator.id)),
                     "target: \(RuleText.value(indicator.target.value, of: indicator)) by \(indicator.target.date)\(RuleText.source(indicator.target.source))",
                     numbers: numbers("target", indicator.target.value))
        if let mismatch = directionMismatch(indicator) {
            findings.append(Finding(.warning, mismatch))
        }

        // What is visible: each value from its entry, the correction it superseded if any.
        for value in visible {
            let quality = value.quality == .approved ? "" : ", \(value.quality.rawValue)"
            var text = "\(value.period) value: \(RuleText.value(value.value, of: indicator)), reported on \(value.reportedOn)\(quality)\(RuleText.source(value.source))"
            var superseded: TraceOrigin?
            if let previous = indicator.values.filter({ $0.period == value.period && $0.reportedOn < value.reportedOn }).max(by: { $0.reportedOn < $1.reportedOn }) {
                superseded = entry(.value(indicator: indicator.id, period: previous.period, reportedOn: previous.reportedOn))
                text += "; corrects \(RuleText.value(previous.value, of: indicator)) reported on \(previous.reportedOn)\(superseded?.line.map { " (line \($0))" } ?? "")"
            }
            trace.append(.input, entry(.value(indicator: indicator.id, period: value.period, reportedOn: value.reportedOn)), text,
                         numbers: numbers("value", value.value), supersedes: superseded)
        }
        let scope = "periods up to \(dates.period.id) as known on \(dates.knownOn)"
        if visible.isEmpty {
            trace.append(.computation, .standard("visible-values"), "values: none visible (\(scope))")
        } else {
            let listed = visible.map { "\($0.period) \($0.value)" }.joined(separator: ", ")
            trace.append(.computation, .standard("visible-values"), "values (\(scope)): \(listed)")
        }
        findings += supersededCorrections(of: indicator, visible: visible, dates: dates)
        if let missing = missingReports(of: indicator, visible: visible, instrumentStart: instrument.period.start, project: project, dates: dates) {
            findings.append(missing)
        }

        // The current value and the values it rests on.
        var basis: [IndicatorValue] = []
        if let latest = visible.last {
            basis = indicator.accumulation == .incremental ? visible : [latest]
        }
        let current = currentValue(of: indicator, dates: dates)
        if let current, let latest = visible.last {
            let text: String
            switch indicator.accumulation {
            case .cumulative:
                text = "current value: \(RuleText.value(current, of: indicator)), the latest value (cumulative: totals are never summed)"
            case .level:
                text = "current value: \(RuleText.value(current, of: indicator)), the latest value (level)"
            case .incremental:
                let terms = [indicator.baseline.value.description] + visible.map(\.value.description)
                let total = current.number.map { RuleText.computed($0, of: indicator) } ?? current.description
                text = "current value: baseline + values of \(visible[0].period) to \(latest.period) = \(terms.joined(separator: " + ")) = \(total) (incremental)"
            }
            trace.append(.computation, .standard("current-value"), text, numbers: numbers("current value", current))
        }
        for entry in basis where entry.quality != .approved {
            findings.append(Finding(.info, "\(entry.period) value \(RuleText.value(entry.value, of: indicator)) is \(entry.quality.rawValue) (reported on \(entry.reportedOn))"))
        }

        // Progress and expected progress.
        let detail = current.flatMap { progressDetail(of: $0, for: indicator) }
        if let detail {
            var used = numbers("current value", current!) + numbers("baseline", indicator.baseline.value) + numbers("target", indicator.target.value)
            used.append(TraceNumber("progress", detail.progress))
            trace.append(.computation, .standard("indicator-progress"), detail.line, numbers: used, sets: [.progress])
        } else {
            trace.append(.computation, .standard("indicator-progress"),
                         "progress: none, \(current == nil ? "no value is visible" : "the current value cannot be placed between the baseline and the target")",
                         sets: [.progress])
        }
        let expectedDetail = expectedDetail(for: indicator, on: dates.asOf, instrumentStart: instrument.period.start)
        if let expectedDetail {
            trace.append(.computation, .standard("expected-progress"), expectedDetail.line,
                         numbers: [TraceNumber("expected", expectedDetail.expected)], sets: [.expected])
        }
        let expected = expectedDetail?.expected

        // Status.
        let status: EvaluationStatus
        var statusLine = ""
        var rule = TraceOrigin.standard("indicator-status")
        var used: [TraceNumber] = []
        if visible.isEmpty {
            rule = .standard("indicator-status", thresholds: [TraceNumber("notStartedExpected", notStartedExpected)])
            used = [TraceNumber("expected", expected ?? 0)]
            if dates.asOf < instrument.period.start {
                status = .notStarted
                statusLine = ("status: not-started, \(dates.asOf) is before the instrument starts on \(instrument.period.start)")
            } else if (expected ?? 0) < notStartedExpected {
                status = .notStarted
                statusLine = ("status: not-started, nothing reported and expected \(RuleText.fixed(expected ?? 0)) < \(RuleText.fixed(notStartedExpected)) (notStartedExpected)")
            } else {
                status = .noData
                statusLine = ("status: no-data, nothing reported and expected \(RuleText.fixed(expected ?? 0)) >= \(RuleText.fixed(notStartedExpected)) (notStartedExpected)")
            }
        } else if let progress = detail?.progress {
            used = [TraceNumber("progress", progress)]
            rule = .standard("indicator-status", thresholds: [TraceNumber("achievedProgress", achievedProgress)])
            if progress >= achievedProgress {
                let unconfirmed = basis.filter { !qualitiesConfirmingAchievement.contains($0.quality) }
                if unconfirmed.isEmpty {
                    status = .achieved
                    statusLine = ("status: achieved, progress \(RuleText.fixed(progress)) >= \(RuleText.fixed(achievedProgress)) (achievedProgress)")
                } else {
                    status = .onTrack
                    let qualities = unconfirmed.map { "\($0.period) \($0.quality.rawValue)" }
                    statusLine = ("status: on-track, progress \(RuleText.fixed(progress)) >= \(RuleText.fixed(achievedProgress)) (achievedProgress) but rests on \(RuleText.list(qualities)) values (caution rule)")
                    findings.append(Finding(.info, "The target is reached on values not yet approved (\(RuleText.list(qualities))): on-track until they are approved"))
                }
            } else if dates.asOf > indicator.target.date {
                status = .offTrack
                statusLine = ("status: off-track, the target date \(indicator.target.date) has passed and progress \(RuleText.fixed(progress)) < \(RuleText.fixed(achievedProgress))")
            } else {
                let gap = gapLine(expected: expected ?? 0, progress: progress)
                status = gap.status
                statusLine = gap.line
                rule = gapRule("indicator-status")
                used = [TraceNumber("expected", expected ?? 0), TraceNumber("progress", progress), TraceNumber("gap", (expected ?? 0) - progress)]
            }
        } else {
            status = .noData
            let value = current.map { RuleText.value($0, of: indicator) } ?? "none"
            statusLine = ("status: no-data, the current value \(value) cannot be compared with the baseline and target")
            findings.append(Finding(.warning, "The current value \(value) cannot be compared with the baseline and the target"))
        }
        trace.append(.decision, rule, statusLine, numbers: used, sets: [.status], status: status)

        var illustrative = indicator.baseline.source.isIllustrative || indicator.target.source.isIllustrative
        illustrative = illustrative || indicator.intermediateTargets.contains { $0.source.isIllustrative }
        illustrative = illustrative || visible.contains { $0.source.isIllustrative }
        return ItemResult(
            id: indicator.id, kind: .indicator, progress: detail?.progress, expected: expected, status: status,
            findings: findings, trace: trace, illustrative: illustrative,
            evidence: uniqued(visible.flatMap(\.evidence)))
    }

    /// A warning when the target lies on the side opposite to `ascending`, or `nil`.
    static func directionMismatch(_ indicator: Indicator) -> String? {
        let rising: Bool
        switch (indicator.baseline.value, indicator.target.value) {
        case (.number(let baseline), .number(let target)) where baseline != target:
            rising = target > baseline
        default:
            return nil
        }
        guard rising != indicator.ascending else { return nil }
        let direction = indicator.ascending ? "ascending (bigger is better)" : "descending (smaller is better)"
        let side = rising ? "above" : "below"
        return "Direction mismatch: the indicator is \(direction) but its target \(indicator.target.value) is \(side) its baseline \(indicator.baseline.value); progress follows the target"
    }

    /// Info findings for visible values that superseded an earlier entry of the same period.
    static func supersededCorrections(of indicator: Indicator, visible: [IndicatorValue], dates: EvaluationDates) -> [Finding] {
        visible.compactMap { current in
            let earlier = indicator.values.filter { $0.period == current.period && $0.reportedOn < current.reportedOn }
            guard let previous = earlier.max(by: { $0.reportedOn < $1.reportedOn }) else { return nil }
            let note = current.note.map { ": \($0)" } ?? ""
            return Finding(.info, "\(current.period) value \(RuleText.value(current.value, of: indicator)) reported on \(current.reportedOn) corrects \(RuleText.value(previous.value, of: indicator)) reported on \(previous.reportedOn)\(note)")
        }
    }

    /// One warning listing the periods up to the evaluation period whose report was due on or
    /// before `as_of`, that must carry a value of the indicator (``Indicator/periodsDue(in:from:reported:)``:
    /// following its reporting frequency, and none before the start of its timeline, as a period
    /// before the baseline year needs no report) and for which no value is visible, or `nil`.
    static func missingReports(
        of indicator: Indicator, visible: [IndicatorValue], instrumentStart: Day, project: Project, dates: EvaluationDates
    ) -> Finding? {
        let reported = Set(visible.map(\.period))
        let start = timelineStart(for: indicator, instrumentStart: instrumentStart)
        let missing = indicator.periodsDue(in: project.calendar, from: start, reported: reported).filter {
            $0.index <= dates.period.index && $0.reportDue <= dates.asOf && !reported.contains($0.id)
        }
        guard !missing.isEmpty else { return nil }
        let periods = missing.map { "\($0.id) (due \($0.reportDue))" }
        return Finding(.warning, "Missing report: no value for \(RuleText.list(periods)) as known on \(dates.knownOn)")
    }

    /// `items` without repetitions, first occurrence kept.
    static func uniqued(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
