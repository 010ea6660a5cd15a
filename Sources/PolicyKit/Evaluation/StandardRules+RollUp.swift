extension StandardRules {
    /// Statuses of actions that say how the action plan is going (the others say nothing yet).
    static let judgedStatuses: [EvaluationStatus] = [.achieved, .onTrack, .atRisk, .offTrack]

    /// Evaluates one instrument with the standard rules: every indicator, every action, then
    /// ``rollUp(instrument:project:dates:indicators:actions:)``.
    public static func evaluate(instrument: PolicyInstrument, project: Project, dates: EvaluationDates) -> InstrumentResult {
        let indicators = instrument.indicators.map {
            evaluate(indicator: $0, in: instrument, project: project, dates: dates)
        }
        let actions = instrument.actions.map {
            evaluate(action: $0, in: instrument, project: project, dates: dates)
        }
        return rollUp(instrument: instrument, project: project, dates: dates, indicators: indicators, actions: actions)
    }

    /// Rolls the results of an instrument's indicators and actions up into the instrument's
    /// result.
    ///
    /// - progress: the mean of the indicators' progress, each clamped to 0...1, over the
    ///   indicators that have one; expected: the mean of the same indicators' expected progress
    ///   (of all indicators when none has a progress), so that both compare like with like;
    /// - status: `error` if any item is `error`. Otherwise the indicators' judgement —
    ///   `achieved` when the rolled progress reaches ``achievedProgress``, else by the gap with
    ///   ``onTrackGap`` and ``atRiskGap`` — adjusted by the actions' judgement, the worst status
    ///   among actions that are `achieved`, `on-track`, `at-risk` or `off-track`: a lagging action
    ///   (`at-risk` or `off-track`) makes the instrument at best `at-risk`, and an instrument is
    ///   `achieved` only when every judged action is achieved too (else `on-track`). Without an
    ///   indicator progress the actions' judgement alone decides; with neither, `not-started`
    ///   when every item is `not-started` (or there is none), else `no-data`;
    /// - improved: at least one action judged `achieved` whose visible updates cite evidence of
    ///   a kind in ``improvementEvidenceKinds`` dated on or before `known_on`.
    public static func rollUp(
        instrument: PolicyInstrument, project: Project, dates: EvaluationDates,
        indicators: [ItemResult], actions: [ItemResult]
    ) -> InstrumentResult {
        var trace = Trace()
        var findings: [Finding] = []

        // Progress and expected progress.
        let measured = indicators.filter { $0.progress != nil && $0.status != .error }
        let progress = mean(measured.compactMap { $0.progress.map(clamp) })
        let expectedSource = measured.isEmpty ? indicators.filter { $0.status != .error } : measured
        let expected = mean(expectedSource.compactMap(\.expected))
        if let progress {
            let terms = measured.compactMap { item in item.progress.map { "\(item.id) \(RuleText.fixed(clamp($0)))" } }
            let used = measured.compactMap { item in item.progress.map { TraceNumber(item.id, clamp($0)) } }
            trace.append(.computation, .standard("roll-up-progress"),
                         "progress = mean of \(measured.count) of \(indicators.count) indicators' progress, clamped to 0...1 (\(terms.joined(separator: ", "))) = \(RuleText.fixed(progress))",
                         numbers: used + [TraceNumber("progress", progress)], sets: [.progress])
        } else {
            trace.append(.computation, .standard("roll-up-progress"), "progress: no indicator has a progress", sets: [.progress])
        }
        if let expected {
            let terms = expectedSource.compactMap { item in item.expected.map { "\(item.id) \(RuleText.fixed($0))" } }
            let used = expectedSource.compactMap { item in item.expected.map { TraceNumber(item.id, $0) } }
            trace.append(.computation, .standard("roll-up-expected"),
                         "expected = mean of the same indicators' expected progress (\(terms.joined(separator: ", "))) = \(RuleText.fixed(expected))",
                         numbers: used + [TraceNumber("expected", expected)], sets: [.expected])
        } else {
            trace.append(.computation, .standard("roll-up-expected"), "expected: no indicator has an expected progress", sets: [.expected])
        }

        // The indicators' judgement.
        var indicatorStatus: EvaluationStatus?
        if let progress {
            if progress >= achievedProgress {
                indicatorStatus = .achieved
                trace.append(.computation, .standard("roll-up-indicators", thresholds: [TraceNumber("achievedProgress", achievedProgress)]),
                             "indicators: achieved, progress \(RuleText.fixed(progress)) >= \(RuleText.fixed(achievedProgress)) (achievedProgress)",
                             numbers: [TraceNumber("progress", progress)], status: .achieved)
            } else {
                let gap = gapLine(expected: expected ?? 0, progress: progress)
                indicatorStatus = gap.status
                trace.append(.computation, gapRule("roll-up-indicators"), "indicators: " + gap.line,
                             numbers: [TraceNumber("expected", expected ?? 0), TraceNumber("progress", progress), TraceNumber("gap", (expected ?? 0) - progress)],
                             status: gap.status)
            }
        }

        // The actions' judgement.
        let judged = actions.filter { judgedStatuses.contains($0.status) }
        let actionStatus = judged.map(\.status).max()
        if let actionStatus {
            let counts = judgedStatuses.compactMap { status -> String? in
                let count = judged.filter { $0.status == status }.count
                return count == 0 ? nil : "\(count) \(status.rawValue)"
            }
            trace.append(.computation, .standard("roll-up-actions"),
                         "actions: \(judged.count) of \(actions.count) judged (\(counts.joined(separator: ", "))), the worst is \(actionStatus.rawValue)",
                         status: actionStatus)
        } else {
            trace.append(.computation, .standard("roll-up-actions"), "actions: none judged yet (\(actions.count) not-started or no-data)")
        }

        // Combined.
        let status: EvaluationStatus
        var statusLine = ""
        let items = indicators + actions
        if let failed = items.first(where: { $0.status == .error }) {
            status = .error
            statusLine = ("status: error, \(failed.kind.rawValue) \(failed.id) is error")
            findings.append(Finding(.error, "The roll-up is error because \(failed.kind.rawValue) \(failed.id) could not be evaluated"))
        } else if let indicatorStatus, let actionStatus {
            if actionStatus >= .atRisk && indicatorStatus < .atRisk {
                // a lagging action caps the instrument at at-risk, whatever the indicators say
                status = .atRisk
                statusLine = ("status: at-risk, indicators \(indicatorStatus.rawValue) but an action is \(actionStatus.rawValue)")
            } else if indicatorStatus == .achieved && actionStatus != .achieved {
                status = .onTrack
                statusLine = ("status: on-track, indicators achieved but not every judged action is achieved")
            } else {
                status = indicatorStatus
                statusLine = ("status: \(status.rawValue), from the indicators (actions: \(actionStatus.rawValue))")
            }
        } else if let indicatorStatus {
            status = indicatorStatus
            statusLine = ("status: \(status.rawValue), from the indicators (no action judged)")
        } else if let actionStatus {
            status = actionStatus
            statusLine = ("status: \(status.rawValue), from the actions (no indicator progress)")
        } else if items.allSatisfy({ $0.status == .notStarted }) {
            status = .notStarted
            statusLine = ("status: not-started, every item is not-started")
        } else {
            status = .noData
            statusLine = ("status: no-data, nothing can be judged")
        }
        trace.append(.decision, .standard("roll-up-status"), statusLine, sets: [.status], status: status)

        // Improvement, with evidence.
        let knownEvidence = instrument.evidence.filter {
            improvementEvidenceKinds.contains($0.kind) && $0.date <= dates.knownOn
        }
        var proving: [String] = []
        for result in actions where result.status == .achieved {
            guard let action = instrument.action(id: result.id) else { continue }
            let cited = Set(visibleUpdates(of: action, dates: dates).flatMap(\.evidence))
            let proofs = knownEvidence.filter { cited.contains($0.id) }
            if proofs.isEmpty {
                findings.append(Finding(.info, "Action \(action.id) is achieved but cites no decision, call, amended programme or amended strategy dated on or before \(dates.knownOn): it does not count as an improvement"))
            } else {
                proving.append("\(action.id) (\(proofs.map { "\($0.id), \($0.kind.rawValue) of \($0.date)" }.joined(separator: "; ")))")
            }
        }
        let improved = !proving.isEmpty
        let improvement = TraceOrigin.standard("improvement")
        if improved {
            trace.append(.decision, improvement, "improved: yes, achieved with evidence: \(proving.joined(separator: ", "))", sets: [.improved], improved: true)
        } else {
            trace.append(.decision, improvement, "improved: no, no achieved action cites evidence of kind \(RuleText.list(improvementEvidenceKinds.map(\.rawValue), "or")) dated on or before \(dates.knownOn)", sets: [.improved], improved: false)
        }

        return InstrumentResult(
            instrumentID: instrument.id, partnerID: instrument.partner, progress: progress, expected: expected,
            status: status, improved: improved, findings: findings, trace: trace,
            illustrative: items.contains { $0.illustrative }, indicators: indicators, actions: actions)
    }

    /// The arithmetic mean, or `nil` for no values.
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
