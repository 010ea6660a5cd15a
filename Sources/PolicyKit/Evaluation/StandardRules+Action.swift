extension StandardRules {
    /// The day on which milestones count as done: `done_on` on or before both `as_of` (what had
    /// happened by then) and `known_on` (what was known).
    static func milestoneDay(_ dates: EvaluationDates) -> Day {
        min(dates.asOf, dates.knownOn)
    }

    /// The milestones of `action` overdue at `dates`: due before `as_of` and not done (as known
    /// on `known_on`), in file order.
    public static func overdueMilestones(of action: ImprovementAction, dates: EvaluationDates) -> [Milestone] {
        let day = milestoneDay(dates)
        return action.milestones.filter { $0.due < dates.asOf && !$0.isDone(on: day) }
    }

    /// Evaluates one improvement action of `instrument` at `dates` with the standard rules.
    ///
    /// From the latest visible update: `completed` is `achieved` when fully achieved (or without
    /// an achievement), `at-risk` when partly, `off-track` when not; `in-progress` is `on-track`,
    /// `at-risk` with ``overdueMilestonesAtRisk`` overdue milestone and `off-track` with
    /// ``overdueMilestonesOffTrack`` or more or once the action's end has passed; `delayed` is
    /// `at-risk` (`off-track` once the end has passed); `not-started` is `not-started` before
    /// the action's start, `at-risk` after it (`off-track` once the end has passed);
    /// `cancelled` is `off-track` with a warning. Without a visible update: `not-started`
    /// before the start, else `no-data` with a warning.
    ///
    /// Progress is the share of milestones done, 1 for a completed action without milestones,
    /// else `nil`; expected is the share of the action's time elapsed.
    public static func evaluate(
        action: ImprovementAction, in instrument: PolicyInstrument, project: Project, dates: EvaluationDates
    ) -> ItemResult {
        var findings: [Finding] = []
        var trace = Trace()
        let source = instrument.sourceLines
        func entry(_ entry: SourceLines.Entry) -> TraceOrigin {
            .file(source.file.isEmpty ? nil : source.file, line: source.line(of: entry))
        }
        let visible = visibleUpdates(of: action, dates: dates)
        let latest = visible.last
        let asOf = dates.asOf
        let ended = asOf > action.end

        trace.append(.computation, .standard("action-timeframe"), "timeframe: \(action.start) to \(action.end)")
        let expected = expectedProgress(for: action, on: asOf)
        trace.append(.computation, .standard("action-expected"),
                     "expected = \(max(0, min(action.start.days(to: asOf), action.start.days(to: action.end)))) of \(action.start.days(to: action.end)) days from \(action.start) to \(action.end) = \(RuleText.fixed(expected))",
                     numbers: [TraceNumber("expected", expected)], sets: [.expected])

        // Milestones.
        let doneDay = milestoneDay(dates)
        let done = action.milestones.filter { $0.isDone(on: doneDay) }
        let overdue = overdueMilestones(of: action, dates: dates)
        var progress: Double?
        if !action.milestones.isEmpty {
            progress = Double(done.count) / Double(action.milestones.count)
            trace.append(.computation, .standard("action-progress"), "milestones: \(done.count) of \(action.milestones.count) done by \(doneDay), progress = \(RuleText.fixed(progress ?? 0)); \(overdue.count) overdue (due before \(asOf), not done)",
                         numbers: [TraceNumber("done", Double(done.count)), TraceNumber("milestones", Double(action.milestones.count)), TraceNumber("progress", progress ?? 0)],
                         sets: [.progress])
        }
        for milestone in overdue {
            findings.append(Finding(.warning, "Milestone \(milestone.id) \"\(milestone.title.english)\" was due on \(milestone.due) and is not done"))
        }

        // Updates.
        if let latest {
            let achievement = latest.achievement.map { ", achievement \($0.rawValue)" } ?? ""
            var superseded: TraceOrigin?
            var correction = ""
            if let previous = action.updates.filter({ $0.period == latest.period && $0.reportedOn < latest.reportedOn }).max(by: { $0.reportedOn < $1.reportedOn }) {
                superseded = entry(.update(action: action.id, period: previous.period, reportedOn: previous.reportedOn))
                correction = "; corrects \(previous.status.rawValue) reported on \(previous.reportedOn)\(superseded?.line.map { " (line \($0))" } ?? "")"
            }
            trace.append(.input, entry(.update(action: action.id, period: latest.period, reportedOn: latest.reportedOn)),
                         "latest update: \(latest.status.rawValue)\(achievement) for \(latest.period), reported on \(latest.reportedOn)\(correction)",
                         supersedes: superseded)
        } else {
            trace.append(.computation, .standard("visible-updates"), "updates: none visible (periods up to \(dates.period.id) as known on \(dates.knownOn))")
        }
        for update in visible {
            let earlier = action.updates.filter { $0.period == update.period && $0.reportedOn < update.reportedOn }
            if let previous = earlier.max(by: { $0.reportedOn < $1.reportedOn }) {
                findings.append(Finding(.info, "\(update.period) update \(update.status.rawValue) reported on \(update.reportedOn) corrects \(previous.status.rawValue) reported on \(previous.reportedOn)"))
            }
        }

        // Status.
        let status: EvaluationStatus
        let reason: String
        switch latest?.status {
        case nil:
            if asOf < action.start {
                (status, reason) = (.notStarted, "no update and the action starts on \(action.start)")
            } else {
                (status, reason) = (.noData, "no update although the action started on \(action.start)")
                findings.append(Finding(.warning, "No update reported although the action started on \(action.start)"))
            }
        case .completed:
            switch latest?.achievement {
            case nil, .fully:
                (status, reason) = (.achieved, latest?.achievement == nil ? "completed" : "completed and fully achieved")
            case .partly:
                (status, reason) = (.atRisk, "completed but only partly achieved")
            case .not:
                (status, reason) = (.offTrack, "completed but not achieved")
            }
            let undone = action.milestones.count - done.count
            if undone > 0 {
                findings.append(Finding(.info, "Completed with \(undone) of \(action.milestones.count) milestones not done"))
            }
            if action.milestones.isEmpty {
                progress = 1
                trace.append(.computation, .standard("action-progress"), "progress = 1: completed, without milestones",
                             numbers: [TraceNumber("progress", 1)], sets: [.progress])
            }
        case .inProgress:
            if ended {
                (status, reason) = (.offTrack, "in progress after its end, \(action.end)")
            } else if overdue.count >= overdueMilestonesOffTrack {
                (status, reason) = (.offTrack, "in progress with \(overdue.count) overdue milestones (>= \(overdueMilestonesOffTrack), overdueMilestonesOffTrack)")
            } else if overdue.count >= overdueMilestonesAtRisk {
                (status, reason) = (.atRisk, "in progress with \(overdue.count) overdue milestone (>= \(overdueMilestonesAtRisk), overdueMilestonesAtRisk)")
            } else {
                (status, reason) = (.onTrack, "in progress, no overdue milestone")
            }
        case .delayed:
            (status, reason) = ended ? (.offTrack, "delayed after its end, \(action.end)") : (.atRisk, "delayed")
        case .notStarted:
            if asOf < action.start {
                (status, reason) = (.notStarted, "not started, due to start on \(action.start)")
            } else if ended {
                (status, reason) = (.offTrack, "not started after its end, \(action.end)")
            } else {
                (status, reason) = (.atRisk, "not started although due to start on \(action.start)")
            }
        case .cancelled:
            (status, reason) = (.offTrack, "cancelled")
            let note = latest?.note.map { ": \($0)" } ?? ""
            findings.append(Finding(.warning, "The action was cancelled (\(latest?.period ?? "-"))\(note)"))
        }
        if action.milestones.isEmpty && progress == nil {
            trace.append(.computation, .standard("action-progress"), "progress: none, the action has no milestones", sets: [.progress])
        }
        trace.append(.decision, .standard("action-status", thresholds: [
            TraceNumber("overdueMilestonesAtRisk", Double(overdueMilestonesAtRisk)),
            TraceNumber("overdueMilestonesOffTrack", Double(overdueMilestonesOffTrack)),
        ]), "status: \(status.rawValue), \(reason)", numbers: [TraceNumber("overdue", Double(overdue.count))], sets: [.status], status: status)

        if let latest, latest.status != .completed, latest.status != .cancelled {
            let age = latest.reportedOn.days(to: asOf)
            if age > staleUpdateDays {
                findings.append(Finding(.warning, "The latest update (\(latest.period), reported on \(latest.reportedOn)) is \(age) days old (more than \(staleUpdateDays), staleUpdateDays)"))
            }
        }

        return ItemResult(
            id: action.id, kind: .action, progress: progress, expected: expected, status: status,
            findings: findings, trace: trace, achievement: latest?.achievement,
            evidence: uniqued(visible.flatMap(\.evidence)))
    }
}
