/// One result in `error` (an instrument or one of its items) with its error messages: what a
/// dashboard lists under "could not be evaluated".
public struct ResultError: Sendable, Hashable {
    /// The instrument.
    public var instrumentID: String
    /// The indicator or action, or `nil` for the instrument's own result.
    public var itemID: String?
    /// Whether the item is an indicator or an action (`nil` for the instrument).
    public var itemKind: ItemResult.Kind?
    /// The error findings' messages (located: `plugins/x.lua:12: ...`), in order.
    public var messages: [String]

    /// Creates an entry.
    package init(instrumentID: String, itemID: String? = nil, itemKind: ItemResult.Kind? = nil, messages: [String]) {
        self.instrumentID = instrumentID
        self.itemID = itemID
        self.itemKind = itemKind
        self.messages = messages
    }
}

extension InstrumentResult {
    /// This result and its items that are `error`, the instrument first, then its indicators
    /// and actions in file order.
    public var errors: [ResultError] {
        func messages(_ findings: [Finding]) -> [String] { findings.filter { $0.severity == .error }.map(\.message) }
        var found: [ResultError] = []
        if status == .error { found.append(ResultError(instrumentID: instrumentID, messages: messages(findings))) }
        for item in indicators + actions where item.status == .error {
            found.append(ResultError(instrumentID: instrumentID, itemID: item.id, itemKind: item.kind, messages: messages(item.findings)))
        }
        return found
    }
}

extension ProjectEvaluation {
    /// Every result in `error`, in project order (see ``InstrumentResult/errors``).
    public var errors: [ResultError] { instruments.flatMap(\.errors) }
}
