import PolicyKit

/// The three hooks a plugin may define (API level 1).
package enum PluginHook: String, Sendable, Hashable, CaseIterable, Codable {
    /// `indicator(indicator, ctx)`.
    case indicator
    /// `action(action, ctx)`.
    case action
    /// `instrument(instrument, results, ctx)`.
    case instrument

    /// The keys a result of this hook may have.
    var allowedKeys: [String] {
        switch self {
        case .indicator, .action: ["expected", "note", "progress", "status"]
        case .instrument: ["expected", "improved", "note", "progress", "status"]
        }
    }
}

/// What a hook returned, checked against the contract.
struct HookOutcome: Equatable {
    /// The progress a hook may return: below 0 is below the baseline, above 1 beyond the target
    /// (shown as they are; the roll-up clamps each item to 0...1 as it does standard results);
    /// farther than ten times the way to the target has no meaning (a unit or scale mistake).
    static let progressRange: ClosedRange<Double> = -10...10

    var progress: Double?
    /// The expected progress the hook judged against, if it returned one (an addition to API level 1).
    var expected: Double?
    var status: EvaluationStatus
    var note: String?
    var improved: Bool?

    /// Checks a hook's return value: `nil` means "use the standard rules"; anything that breaks
    /// the contract throws a message that says what is wrong.
    static func check(_ value: LuaValue, hook: PluginHook, declared: [EvaluationStatus]? = nil) throws(HookContractError) -> HookOutcome? {
        if value.isNil { return nil }
        guard let fields = value.record else {
            throw HookContractError("a \(value.typeName) (\(describe(value))); expected a table { status = ..., progress = ..., note = ... } or nil")
        }
        let allowed = hook.allowedKeys
        if fields.keys.contains(where: { !allowed.contains($0) }) {
            let key = fields.keys.filter { !allowed.contains($0) }.sorted()[0]
            throw HookContractError("unknown key '\(key)' in the result (allowed: \(allowed.joined(separator: ", ")))")
        }
        return try validate(status: fields["status"], progress: fields["progress"], expected: fields["expected"],
                            note: fields["note"], improved: fields["improved"], declared: declared)
    }

    /// Reads a hook's result on top of the stack of `runtime` without converting it to Swift
    /// values first (the hot path); anything unusual goes through ``check(_:hook:declared:)``,
    /// so the messages are the same.
    static func read(_ runtime: LuaRuntime, _ stack: LuaStack, hook: PluginHook, declared: [EvaluationStatus]?) throws -> HookOutcome? {
        let table = stack.top
        switch stack.type(at: table) {
        case LuaStack.nilType: return nil
        case LuaStack.table: break
        default: return try check(runtime.value(at: table, on: stack), hook: hook, declared: declared)
        }
        var status: LuaValue?, progress: LuaValue?, expected: LuaValue?, note: LuaValue?, improved: LuaValue?
        var usual = true
        try stack.reserve(3)
        stack.pushNil()
        while stack.next(table) {
            let type = stack.type(at: -1)
            guard usual, type == LuaStack.boolean || type == LuaStack.number || type == LuaStack.string,
                  stack.type(at: -2) == LuaStack.string, let key = stack.bytes(at: -2).flatMap(ResultKey.init) else {
                usual = false
                stack.pop()
                continue
            }
            let value = try runtime.value(at: -1, on: stack)
            switch key {
            case .status: status = value
            case .progress: progress = value
            case .expected: expected = value
            case .note: note = value
            case .improved where hook == .instrument: improved = value
            case .improved: usual = false
            }
            stack.pop()
        }
        guard usual else { return try check(runtime.value(at: table, on: stack), hook: hook, declared: declared) }
        return try validate(status: status, progress: progress, expected: expected, note: note, improved: improved, declared: declared)
    }

    /// The keys a result table may have, told apart by their bytes (no Swift string is made for
    /// a key that is read on every hook call).
    private enum ResultKey {
        case status, progress, expected, note, improved

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            func equals(_ word: StaticString) -> Bool {
                bytes.elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
            }
            switch bytes.count {
            case 6 where equals("status"): self = .status
            case 8 where equals("progress"): self = .progress
            case 8 where equals("expected"): self = .expected
            case 8 where equals("improved"): self = .improved
            case 4 where equals("note"): self = .note
            default: return nil
            }
        }
    }

    /// Checks the fields of a result table whose keys are allowed.
    private static func validate(status statusValue: LuaValue?, progress progressValue: LuaValue?, expected expectedValue: LuaValue?, note noteValue: LuaValue?,
                                 improved improvedValue: LuaValue?, declared: [EvaluationStatus]?) throws(HookContractError) -> HookOutcome {
        func statuses() -> String { EvaluationStatus.ruleStatuses.map(\.rawValue).joined(separator: ", ") }
        guard let statusValue, !statusValue.isNil else {
            throw HookContractError("the result has no status (one of \(statuses()))")
        }
        guard case .string(let statusText) = statusValue, let status = ruleStatus(statusText) else {
            throw HookContractError("status must be one of \(statuses()) (got \(describe(statusValue)))")
        }
        if let declared, !declared.contains(status) {
            throw HookContractError("status '\(status.rawValue)' is not among the statuses the plugin declares for this hook (\(declared.map(\.rawValue).joined(separator: ", ")))")
        }
        var progress: Double?
        if let progressValue, !progressValue.isNil {
            guard let number = progressValue.number, number.isFinite else {
                throw HookContractError("progress must be a finite number or nil (got \(describe(progressValue)))")
            }
            guard HookOutcome.progressRange.contains(number) else {
                throw HookContractError("progress must be between -10 and 10, the fraction of the way from the baseline (0) to the target (1) (got \(describe(progressValue)))")
            }
            progress = number
        }
        var expected: Double?
        if let expectedValue, !expectedValue.isNil {
            guard let number = expectedValue.number, number.isFinite else {
                throw HookContractError("expected must be a finite number or nil (got \(describe(expectedValue)))")
            }
            guard (0...1).contains(number) else {
                throw HookContractError("expected must be between 0 and 1, the share of the way to the target that time has made due (got \(describe(expectedValue)))")
            }
            expected = number
        }
        var note: String?
        if let noteValue, !noteValue.isNil {
            guard let text = noteValue.string else {
                throw HookContractError("note must be a string or nil (got \(describe(noteValue)))")
            }
            note = text
        }
        var improved: Bool?
        if let improvedValue, !improvedValue.isNil {
            guard let flag = improvedValue.bool else {
                throw HookContractError("improved must be a boolean or nil (got \(describe(improvedValue)))")
            }
            improved = flag
        }
        return HookOutcome(progress: progress, expected: expected, status: status, note: note, improved: improved)
    }

    /// The rule status named `text` (every status but `error`), if any.
    static func ruleStatus(_ text: String) -> EvaluationStatus? {
        for status in EvaluationStatus.ruleStatuses where status.rawValue == text { return status }
        return nil
    }

    /// A short rendering of a value for messages.
    static func describe(_ value: LuaValue) -> String {
        switch value {
        case .nil: "nil"
        case .bool(let flag): String(flag)
        case .int(let number): String(number)
        case .double(let number): number.isNaN ? "nan" : number.isInfinite ? (number > 0 ? "inf" : "-inf") : String(number)
        case .string(let text): "'\(text.count > 40 ? String(text.prefix(40)) + "..." : text)'"
        case .array, .record: "a table"
        }
    }
}

/// A hook result that breaks the plugin contract.
struct HookContractError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
