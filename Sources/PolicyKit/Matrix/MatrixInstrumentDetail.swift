/// One instrument in the period detail view: its indicators and actions, evidence coverage and
/// the counts of errors and findings.
public struct MatrixInstrumentDetail: Sendable, Hashable {
    /// The indicators, in file order.
    public var indicators: [MatrixItem]
    /// The actions, in file order.
    public var actions: [MatrixItem]
    /// How many indicators and actions cite evidence.
    public var itemsWithEvidence: Int
    /// How many indicators and actions there are.
    public var itemCount: Int
    /// Errors: error findings, and items with status `error` that carry none.
    public var errorCount: Int
    /// Warning findings, instrument and items.
    public var warningCount: Int
    /// Info findings, instrument and items.
    public var infoCount: Int

    /// Creates a detail.
    init(indicators: [MatrixItem], actions: [MatrixItem], itemsWithEvidence: Int, itemCount: Int,
                errorCount: Int, warningCount: Int, infoCount: Int) {
        self.indicators = indicators
        self.actions = actions
        self.itemsWithEvidence = itemsWithEvidence
        self.itemCount = itemCount
        self.errorCount = errorCount
        self.warningCount = warningCount
        self.infoCount = infoCount
    }

    /// Builds the detail of `instrument` from its result, and the later result to compare with.
    init(instrument: PolicyInstrument, period: ReportingPeriod, knownOn: Day, laterKnownOn: Day?,
         result: InstrumentResult?, later: InstrumentResult?) {
        func item(_ id: String, _ kind: ItemResult.Kind, in result: InstrumentResult?) -> ItemResult? {
            (kind == .indicator ? result?.indicators : result?.actions)?.first { $0.id == id }
        }
        func make(_ id: String, _ kind: ItemResult.Kind, title: LocalizedText, indicator: Indicator?) -> MatrixItem {
            let found = item(id, kind, in: result)
            let value = indicator.flatMap { MatrixItem.valueToDate($0, upTo: period.index, knownOn: knownOn) }
            var made = MatrixItem(
                id: id, kind: kind, code: indicator?.code, title: title, unit: indicator?.unit, value: value?.text,
                status: found?.status ?? .error, progress: found?.progress, expected: found?.expected,
                achievement: found?.achievement, illustrative: (found?.illustrative ?? false) || (value?.illustrative ?? false),
                evidence: found?.evidence ?? [], note: found?.note,
                findings: found?.findings ?? [Finding(.error, "the evaluation returned no result for this \(kind.rawValue)")])
            if let laterKnownOn {
                let other = item(id, kind, in: later)
                let laterValue = indicator.flatMap { MatrixItem.valueToDate($0, upTo: period.index, knownOn: laterKnownOn) }?.text
                let candidate = MatrixItem.Later(status: other?.status ?? .error, progress: other?.progress, value: laterValue)
                if candidate.status != made.status || !MatrixNumber.sameFraction(candidate.progress, made.progress)
                    || candidate.value != made.value {
                    made.later = candidate
                }
            }
            return made
        }
        indicators = instrument.indicators.map { make($0.id, .indicator, title: $0.title, indicator: $0) }
        actions = instrument.actions.map { make($0.id, .action, title: $0.title, indicator: nil) }
        let items = indicators + actions
        itemCount = items.count
        itemsWithEvidence = items.count { !$0.evidence.isEmpty }
        let findings = (result?.findings ?? []) + items.flatMap(\.findings)
        errorCount = findings.count { $0.severity == .error }
            + items.count { $0.status == .error && !$0.findings.contains { $0.severity == .error } }
            + (result.map { $0.status == .error && !$0.findings.contains { $0.severity == .error } ? 1 : 0 } ?? 0)
        warningCount = findings.count { $0.severity == .warning }
        infoCount = findings.count { $0.severity == .info }
    }
}
