/// The sum over the instruments of the indicators that share a common code (`RCO83`), per period
/// column, where their accumulation allows summing.
///
/// - cumulative indicators contribute their latest value as known (never a sum across periods);
/// - incremental indicators contribute the total of their values up to the column's period;
/// - level indicators and percentages, ratios, qualitative indicators and milestones are not summed.
public struct MatrixCommonIndicator: Sendable, Hashable {
    /// Why indicators sharing a code are not summed.
    public enum NotSummedReason: String, Sendable, Hashable {
        /// Level values are states, not amounts.
        case level
        /// Percentages, ratios, qualitative indicators and milestones are not amounts.
        case measure
        /// The summable indicators have different units.
        case units
    }

    /// One column's sum.
    public struct Sum: Sendable, Hashable {
        /// The sum.
        public var value: Double
        /// How many of the summed indicators had reported by then.
        public var reporting: Int
        /// Whether any number in the sum is illustrative.
        public var illustrative: Bool
        /// The sum as known on the evaluation date, when it differs.
        public var later: Double?

        /// Creates a sum.
        init(value: Double, reporting: Int, illustrative: Bool, later: Double? = nil) {
            self.value = value
            self.reporting = reporting
            self.illustrative = illustrative
            self.later = later
        }
    }

    /// One indicator sharing the code.
    public struct Member: Sendable, Hashable {
        /// The instrument id.
        public var instrumentID: String
        /// The indicator id.
        public var indicatorID: String
        /// The indicator's accumulation.
        public var accumulation: Indicator.Accumulation
        /// Whether it is part of the sum, or why not.
        public var notSummed: NotSummedReason?

        /// Creates a member.
        init(instrumentID: String, indicatorID: String, accumulation: Indicator.Accumulation, notSummed: NotSummedReason?) {
            self.instrumentID = instrumentID
            self.indicatorID = indicatorID
            self.accumulation = accumulation
            self.notSummed = notSummed
        }
    }

    /// The common code.
    public var code: String
    /// The title (of the first indicator with the code, in project order).
    public var title: LocalizedText
    /// The unit of the summed indicators.
    public var unit: String
    /// The indicators sharing the code, in project order.
    public var members: [Member]
    /// Why nothing is summed, when nothing is.
    public var notSummed: NotSummedReason?
    /// The sum of the summed indicators' final targets, when summed.
    public var target: Double?
    /// Whether any target in `target` is illustrative.
    public var targetIllustrative: Bool
    /// One sum per period column (`nil`: nothing summed, or nothing reported yet).
    public var sums: [Sum?]

    /// Creates a common indicator.
    init(code: String, title: LocalizedText, unit: String, members: [Member], notSummed: NotSummedReason?,
                target: Double?, targetIllustrative: Bool, sums: [Sum?]) {
        self.code = code
        self.title = title
        self.unit = unit
        self.members = members
        self.notSummed = notSummed
        self.target = target
        self.targetIllustrative = targetIllustrative
        self.sums = sums
    }

    /// Whether the indicators of the code are summed.
    public var isSummed: Bool { notSummed == nil }

    /// The common indicators of a project, ordered by code (letters, then number).
    static func all(project: Project, columns: [MatrixColumn], knownOn: Day, laterKnownOn: Day?) -> [MatrixCommonIndicator] {
        var codes: [String] = []
        for instrument in project.instruments {
            for indicator in instrument.indicators {
                if let code = indicator.code, !codes.contains(code) { codes.append(code) }
            }
        }
        return codes.sorted(by: codeOrder).map { code in
            var members: [Member] = []
            var summed: [Indicator] = []
            var first: Indicator?
            for instrument in project.instruments {
                for indicator in instrument.indicators where indicator.code == code {
                    if first == nil { first = indicator }
                    let reason: NotSummedReason? = indicator.measure != .unit ? .measure
                        : indicator.accumulation == .level ? .level : nil
                    members.append(Member(instrumentID: instrument.id, indicatorID: indicator.id,
                                          accumulation: indicator.accumulation, notSummed: reason))
                    if reason == nil { summed.append(indicator) }
                }
            }
            let title = first?.title ?? LocalizedText(en: code)
            var notSummed: NotSummedReason?
            if summed.isEmpty {
                notSummed = members.contains { $0.notSummed == .level } ? .level : .measure
            } else if Set(summed.map(\.unit)).count > 1 {
                notSummed = .units
            }
            guard notSummed == nil else {
                return MatrixCommonIndicator(code: code, title: title, unit: first?.unit ?? "", members: members,
                                             notSummed: notSummed, target: nil, targetIllustrative: false,
                                             sums: columns.map { _ in nil })
            }
            let sums = columns.map { column -> Sum? in
                guard var sum = total(summed, upTo: column.period.index, knownOn: knownOn) else { return nil }
                if let laterKnownOn {
                    let later = total(summed, upTo: column.period.index, knownOn: laterKnownOn)
                    if later.map({ MatrixNumber.decimal($0.value) }) != MatrixNumber.decimal(sum.value) {
                        sum.later = later?.value ?? 0
                    }
                }
                return sum
            }
            return MatrixCommonIndicator(
                code: code, title: title, unit: summed[0].unit, members: members, notSummed: nil,
                target: summed.compactMap(\.target.value.number).reduce(0, +),
                targetIllustrative: summed.contains { $0.target.source.isIllustrative }, sums: sums)
        }
    }

    /// The total of `indicators` up to period number `index` as known on `day`, or `nil` when none reported.
    static func total(_ indicators: [Indicator], upTo index: Int, knownOn day: Day) -> Sum? {
        var value = 0.0, reporting = 0, illustrative = false
        for indicator in indicators {
            let known = indicator.values(knownOn: day).filter { (ReportingPeriod.number(fromID: $0.period) ?? Int.max) <= index }
            guard let last = known.last else { continue }
            reporting += 1
            switch indicator.accumulation {
            case .cumulative, .level:
                value += last.value.number ?? 0
                illustrative = illustrative || last.source.isIllustrative
            case .incremental:
                value += known.compactMap(\.value.number).reduce(0, +)
                illustrative = illustrative || known.contains { $0.source.isIllustrative }
            }
        }
        return reporting == 0 ? nil : Sum(value: value, reporting: reporting, illustrative: illustrative)
    }

    /// Orders codes by their letters, then by their number (`RCO81` < `RCO116` < `RCR79`).
    static func codeOrder(_ left: String, _ right: String) -> Bool {
        func split(_ code: String) -> (String, Int, String) {
            let letters = String(code.prefix { !$0.isNumber })
            let digits = String(code.dropFirst(letters.count).prefix { $0.isNumber })
            return (letters, Int(digits) ?? 0, code)
        }
        let (l, r) = (split(left), split(right))
        return l.0 != r.0 ? l.0 < r.0 : l.1 != r.1 ? l.1 < r.1 : l.2 < r.2
    }
}
