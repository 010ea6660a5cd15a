/// The standard evaluation rules: progress from baseline to target, progress expected by the
/// time elapsed, and the status of indicators, actions and whole instruments.
///
/// They judge every instrument without a plugin, and plugins start from their results
/// (`policy.standard.*`). Every threshold is one of the constants below; the article
/// <doc:TheStandardRules> explains how each status is decided, with a worked example.
public enum StandardRules {
    // MARK: Thresholds

    /// Progress at or above which an indicator's target counts as reached (`achieved`).
    public static let achievedProgress = 1.0

    /// The largest gap (expected minus progress) that is still `on-track`: 0.10, ten points of
    /// the way from baseline to target.
    public static let onTrackGap = 0.10

    /// The largest gap (expected minus progress) that is `at-risk` rather than `off-track`: 0.25.
    public static let atRiskGap = 0.25

    /// An indicator with nothing reported is `not-started` while less than this share of its
    /// time has elapsed (expected progress below 0.10), and `no-data` afterwards.
    public static let notStartedExpected = 0.10

    /// Value qualities that confirm an `achieved` indicator. The caution rule: when the values
    /// the current value rests on include a provisional or estimated one, a reached target is
    /// reported `on-track` (with a finding) until the values are approved.
    public static let qualitiesConfirmingAchievement: [IndicatorValue.Quality] = [.approved]

    /// Overdue milestones that make an action in progress `at-risk`: one.
    public static let overdueMilestonesAtRisk = 1

    /// Overdue milestones that make an action in progress `off-track`: two or more.
    public static let overdueMilestonesOffTrack = 2

    /// An action not completed or cancelled whose latest update was reported more than this
    /// many days before `as_of` gets a warning (a year without news).
    public static let staleUpdateDays = 365

    /// Evidence kinds that prove a policy improvement (the Interreg rule: an improvement counts
    /// only with a decision, a call, an amended programme or an amended strategy).
    public static let improvementEvidenceKinds: [Evidence.Kind] = [
        .decision, .call, .amendedProgramme, .amendedStrategy,
    ]

    // MARK: Values

    /// The values of `indicator` that an evaluation at `dates` sees: periods up to
    /// `dates.period`, per period the latest entry reported on or before `dates.knownOn`,
    /// ordered by period.
    public static func visibleValues(of indicator: Indicator, dates: EvaluationDates) -> [IndicatorValue] {
        visibleValuesAndCorrections(of: indicator, dates: dates).values
    }

    /// ``visibleValues(of:dates:)`` and how many entries of the same periods, also known by
    /// `dates.knownOn`, they replace (corrections).
    package static func visibleValuesAndCorrections(of indicator: Indicator, dates: EvaluationDates) -> (values: [IndicatorValue], corrections: Int) {
        // the common case, in one pass: at most one known entry per period, in period order
        var reported = 0
        var last = 0
        var inOrder = true
        for entry in indicator.values where entry.reportedOn <= dates.knownOn {
            guard let number = ReportingPeriod.number(fromID: entry.period), number <= dates.period.index else { continue }
            reported += 1
            if number <= last { inOrder = false }
            last = number
        }
        if inOrder {
            if reported == indicator.values.count { return (indicator.values, 0) }
            return (indicator.values.filter { $0.reportedOn <= dates.knownOn && isVisible(period: $0.period, dates: dates) }, 0)
        }
        let visible = indicator.values(knownOn: dates.knownOn).filter { isVisible(period: $0.period, dates: dates) }
        return (visible, reported - visible.count)
    }

    /// The updates of `action` that an evaluation at `dates` sees: periods up to `dates.period`,
    /// per period the latest entry reported on or before `dates.knownOn`, ordered by period.
    public static func visibleUpdates(of action: ImprovementAction, dates: EvaluationDates) -> [ActionUpdate] {
        action.updates(knownOn: dates.knownOn).filter { isVisible(period: $0.period, dates: dates) }
    }

    /// The latest visible value of `indicator` (the one of the latest period), if any.
    public static func latestValue(of indicator: Indicator, dates: EvaluationDates) -> IndicatorValue? {
        visibleValues(of: indicator, dates: dates).last
    }

    /// The current value of `indicator` at `dates`, honouring its accumulation, or `nil` when
    /// nothing is visible.
    ///
    /// Cumulative and level indicators: the latest visible value (cumulative values are totals
    /// and are never summed). Incremental indicators: the baseline plus the sum of the visible
    /// period values.
    public static func currentValue(of indicator: Indicator, dates: EvaluationDates) -> MeasureValue? {
        let visible = visibleValues(of: indicator, dates: dates)
        guard let latest = visible.last else { return nil }
        guard indicator.accumulation == .incremental else { return latest.value }
        guard let baseline = indicator.baseline.value.number else { return latest.value }
        var total = baseline
        for entry in visible {
            guard let number = entry.value.number else { return nil }
            total += number
        }
        return .number(total)
    }

    // MARK: Progress

    /// The fraction of the way from the baseline to the target that `value` represents, or `nil`
    /// when it cannot be computed (a value of another kind, a level not on the scale).
    ///
    /// Numbers (units, percentages, ratios): `(value - baseline) / (target - baseline)`, so a
    /// descending indicator (target below baseline) progresses as the value falls; when the
    /// target equals the baseline, 1 if the value is at or better than it (by `ascending`), else
    /// 0. Qualitative: the same with the positions on the scale. Milestones: 1 when reached,
    /// else 0. The result is not clamped: below 0 means worse than the baseline.
    public static func progress(of value: MeasureValue, for indicator: Indicator) -> Double? {
        progressDetail(of: value, for: indicator)?.progress
    }

    /// The progress of `value` and the arithmetic behind it, for the explanation.
    static func progressDetail(of value: MeasureValue, for indicator: Indicator) -> (progress: Double, line: String)? {
        switch value {
        case .number(let number):
            guard let baseline = indicator.baseline.value.number, let target = indicator.target.value.number
            else { return nil }
            let v = MeasureValue.number(number).description
            if target == baseline {
                let met = indicator.ascending ? number >= target : number <= target
                let side = indicator.ascending ? "at or above" : "at or below"
                return met
                    ? (1, "progress = 1: the target equals the baseline (\(v)) and the value \(v) is \(side) it")
                    : (0, "progress = 0: the target equals the baseline and the value \(v) is not \(side) it")
            }
            let progress = (number - baseline) / (target - baseline)
            let b = MeasureValue.number(baseline).description
            let t = MeasureValue.number(target).description
            return (progress, "progress = (\(v) - \(b)) / (\(t) - \(b)) = \(RuleText.fixed(progress))")
        case .level(let level):
            guard let index = indicator.scale.firstIndex(of: level),
                  let baselineLevel = indicator.baseline.value.level,
                  let targetLevel = indicator.target.value.level,
                  let baseline = indicator.scale.firstIndex(of: baselineLevel),
                  let target = indicator.scale.firstIndex(of: targetLevel)
            else { return nil }
            let scale = "on the scale " + indicator.scale.joined(separator: " < ")
            if target == baseline {
                return index >= target
                    ? (1, "progress = 1: the target equals the baseline (\(targetLevel)) and \(level) is not below it \(scale)")
                    : (0, "progress = 0: the target equals the baseline (\(targetLevel)) and \(level) is below it \(scale)")
            }
            let progress = Double(index - baseline) / Double(target - baseline)
            return (progress, "progress = (\(level) \(index) - \(baselineLevel) \(baseline)) / (\(targetLevel) \(target) - \(baselineLevel) \(baseline)) \(scale) = \(RuleText.fixed(progress))")
        case .reached(let reached):
            return reached ? (1, "progress = 1: the milestone is reached") : (0, "progress = 0: the milestone is not reached")
        }
    }

    // MARK: Expected progress

    /// The first day from which time counts towards the target: 1 January of the baseline year,
    /// or `instrumentStart` when that is later.
    public static func timelineStart(for indicator: Indicator, instrumentStart: Day? = nil) -> Day {
        let january = Day(year: min(max(indicator.baseline.year, 1), 9999), month: 1, day: 1)
            ?? Day(daysSince1970: 0)
        guard let instrumentStart else { return january }
        return max(january, instrumentStart)
    }

    /// The progress expected on `day` from the time elapsed, between 0 and 1, or `nil` when an
    /// intermediate target cannot be converted to progress.
    ///
    /// Time counts from ``timelineStart(for:instrumentStart:)`` to the target date. Without
    /// intermediate targets the expectation is the share of that time elapsed; with them, the
    /// expected value is interpolated linearly between the known (date, value) points — the
    /// baseline at the start, each intermediate target, the final target — and converted with
    /// ``progress(of:for:)``. The result is clamped to 0...1.
    public static func expectedProgress(for indicator: Indicator, on day: Day, instrumentStart: Day? = nil) -> Double? {
        expectedComputation(for: indicator, on: day, instrumentStart: instrumentStart)?.expected
    }

    /// The expected progress and the line that says how it was obtained.
    static func expectedDetail(for indicator: Indicator, on day: Day, instrumentStart: Day?) -> (expected: Double, line: String)? {
        expectedComputation(for: indicator, on: day, instrumentStart: instrumentStart).map { ($0.expected, $0.line(for: indicator)) }
    }

    /// How the expected progress on a day is obtained: the number, and what its explanation
    /// line needs (written only when asked: plugins call `policy.expected` for every indicator).
    struct ExpectedComputation {
        enum Basis {
            case targetReached(end: Day)
            case notStarted(start: Day)
            case straightLine(start: Day, end: Day, elapsed: Int, total: Int)
            case interpolatedValue(value: Double, segment: Segment)
            case interpolatedProgress(from: Double, to: Double, segment: Segment)
        }

        struct Segment {
            let fromDate: Day, fromValue: MeasureValue, fromLabel: String
            let toDate: Day, toValue: MeasureValue, toLabel: String
            let elapsed: Int, total: Int
        }

        let expected: Double
        let day: Day
        let basis: Basis

        func line(for indicator: Indicator) -> String {
            switch basis {
            case .targetReached(let end):
                return "expected = 1: the target date \(end) is reached on \(day)"
            case .notStarted(let start):
                return "expected = 0: \(day) is not after the start of the timeline, \(start)"
            case .straightLine(let start, let end, let elapsed, let total):
                return "expected = \(elapsed) of \(total) days from \(start) to the target date \(end) = \(RuleText.fixed(expected))"
            case .interpolatedValue(let value, let s):
                return "expected value on \(day) = \(RuleText.value(s.fromValue, of: indicator)) (\(s.fromLabel), \(s.fromDate)) + \(s.elapsed) of \(s.total) days towards \(RuleText.value(s.toValue, of: indicator)) (\(s.toLabel), \(s.toDate)) = \(RuleText.computed(value, of: indicator)); expected = its progress, \(RuleText.fixed(expected))"
            case .interpolatedProgress(let from, let to, let s):
                return "expected = progress \(RuleText.fixed(from)) of \(RuleText.value(s.fromValue, of: indicator)) (\(s.fromLabel), \(s.fromDate)) + \(s.elapsed) of \(s.total) days towards progress \(RuleText.fixed(to)) of \(RuleText.value(s.toValue, of: indicator)) (\(s.toLabel), \(s.toDate)) = \(RuleText.fixed(expected))"
            }
        }
    }

    static func expectedComputation(for indicator: Indicator, on day: Day, instrumentStart: Day?) -> ExpectedComputation? {
        let start = timelineStart(for: indicator, instrumentStart: instrumentStart)
        let end = indicator.target.date
        if day >= end {
            return ExpectedComputation(expected: 1, day: day, basis: .targetReached(end: end))
        }
        if day <= start {
            return ExpectedComputation(expected: 0, day: day, basis: .notStarted(start: start))
        }
        if !indicator.intermediateTargets.contains(where: { $0.date > start && $0.date < end }) {
            let elapsed = start.days(to: day)
            let total = start.days(to: end)
            return ExpectedComputation(expected: clamp(Double(elapsed) / Double(total)), day: day,
                                       basis: .straightLine(start: start, end: end, elapsed: elapsed, total: total))
        }
        // The known points: the baseline at the start, the intermediate targets, the target.
        var points: [(date: Day, value: MeasureValue)] = [(start, indicator.baseline.value)]
        for target in indicator.intermediateTargets where target.date > points[points.count - 1].date && target.date < end {
            points.append((target.date, target.value))
        }
        points.append((end, indicator.target.value))
        guard let index = points.indices.dropLast().last(where: { points[$0].date <= day }) else { return nil }
        let (fromDate, fromValue) = points[index]
        let (toDate, toValue) = points[index + 1]
        let elapsed = fromDate.days(to: day)
        let total = fromDate.days(to: toDate)
        let fraction = Double(elapsed) / Double(total)
        let segment = ExpectedComputation.Segment(
            fromDate: fromDate, fromValue: fromValue, fromLabel: index == 0 ? "the baseline" : "the intermediate target",
            toDate: toDate, toValue: toValue, toLabel: index + 1 == points.count - 1 ? "the target" : "the intermediate target",
            elapsed: elapsed, total: total)
        if let from = fromValue.number, let to = toValue.number {
            let value = from + (to - from) * fraction
            guard let progress = progress(of: .number(value), for: indicator) else { return nil }
            return ExpectedComputation(expected: clamp(progress), day: day, basis: .interpolatedValue(value: value, segment: segment))
        }
        guard let from = progress(of: fromValue, for: indicator), let to = progress(of: toValue, for: indicator) else { return nil }
        return ExpectedComputation(expected: clamp(from + (to - from) * fraction), day: day,
                                   basis: .interpolatedProgress(from: from, to: to, segment: segment))
    }

    /// The share of an action's time elapsed on `day`, from its start to its end, in 0...1.
    public static func expectedProgress(for action: ImprovementAction, on day: Day) -> Double {
        if day >= action.end { return 1 }
        if day <= action.start { return 0 }
        return clamp(Double(action.start.days(to: day)) / Double(action.start.days(to: action.end)))
    }

    // MARK: Status from a gap

    /// The status for progress that lags the expected progress by `gap` (expected minus
    /// progress): `on-track` up to ``onTrackGap``, `at-risk` up to ``atRiskGap``, else
    /// `off-track`.
    public static func status(forGap gap: Double) -> EvaluationStatus {
        if gap <= onTrackGap { return .onTrack }
        if gap <= atRiskGap { return .atRisk }
        return .offTrack
    }

    /// The line that explains ``status(forGap:)``.
    static func gapLine(expected: Double, progress: Double) -> (status: EvaluationStatus, line: String) {
        let gap = expected - progress
        let status = status(forGap: gap)
        let rule = switch status {
        case .onTrack: "<= \(RuleText.fixed(onTrackGap)) (onTrackGap)"
        case .atRisk: "> \(RuleText.fixed(onTrackGap)) (onTrackGap) and <= \(RuleText.fixed(atRiskGap)) (atRiskGap)"
        default: "> \(RuleText.fixed(atRiskGap)) (atRiskGap)"
        }
        // Near a threshold, two decimals could hide which side the gap is on: show four.
        let near = [onTrackGap, atRiskGap].contains { RuleText.fixed($0) == RuleText.fixed(gap) && $0 != gap }
        let gapText = RuleText.fixed(gap, near ? 4 : 2)
        return (status, "gap = expected \(RuleText.fixed(expected)) - progress \(RuleText.fixed(progress)) = \(gapText) \(rule): \(status.rawValue)")
    }

    /// The origin of a status decided by the gap: the rule `name` and the two gap thresholds.
    static func gapRule(_ name: String) -> TraceOrigin {
        .standard(name, thresholds: [TraceNumber("onTrackGap", onTrackGap), TraceNumber("atRiskGap", atRiskGap)])
    }

    // MARK: Helpers

    /// Whether a period id is at or before the evaluation period.
    package static func isVisible(period id: String, dates: EvaluationDates) -> Bool {
        guard let number = ReportingPeriod.number(fromID: id) else { return false }
        return number <= dates.period.index
    }

    /// `value` clamped to 0...1.
    static func clamp(_ value: Double) -> Double {
        min(max(value, 0), 1)
    }
}
