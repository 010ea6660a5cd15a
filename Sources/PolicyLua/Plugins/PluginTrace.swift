import PolicyKit

/// The trace steps of a hook's result: for each field it returns, a decision (the same value as
/// the standard rules) or an override that names the standard value and why it was so.
enum PluginTrace {
    /// Adds the steps of `outcome` to `trace` and sets the fields it returns (`improved` only
    /// when it is not `nil`: instruments).
    static func apply(
        _ outcome: HookOutcome, hook: PluginHook, at origin: TraceOrigin, to trace: inout Trace,
        status: inout EvaluationStatus, progress: inout Double?, expected: inout Double?, improved improvedFlag: inout Bool?
    ) {
        let by = "\(hook.rawValue) hook"
        // the status
        let standardStep = trace.lastStep(setting: .status)
        var reason = standardStep.map { reasonText($0, status: status) } ?? "no standard decision"
        // a roll-up decided "from the indicators": the reason is their comparison with the thresholds
        if reason.hasPrefix("from the indicators"), let judged = trace.steps.last(where: { $0.origin.rule == "roll-up-indicators" }) {
            reason = String(judged.text.dropFirst("indicators: ".count))
        }
        if outcome.status == status {
            trace.append(.decision, origin, "status: \(status.rawValue), returned by the \(by) (the standard rules said the same: \(reason))",
                         sets: [.status], status: status)
        } else {
            trace.append(.override, origin, "status: standard \(status.rawValue) (\(reason)) → \(outcome.status.rawValue), returned by the \(by)",
                         sets: [.status], status: outcome.status)
            status = outcome.status
        }
        // the progress
        if let value = outcome.progress {
            step(field: .progress, standard: progress, value: value, by: by, origin: origin, trace: &trace)
            progress = value
        }
        // the expected progress the hook judged against
        if let value = outcome.expected {
            step(field: .expected, standard: expected, value: value, by: by, origin: origin, trace: &trace)
            expected = value
        } else if outcome.progress != nil {
            let shown = expected.map { "the standard \(number($0))" } ?? "none"
            trace.append(.finding, origin, "expected: the \(by) returned a progress but no expected: the expected shown is \(shown), from the standard rules, which the hook's status need not have used")
        }
        // improved (instrument hook)
        if let value = outcome.improved, let current = improvedFlag {
            let text = value == current
                ? "improved: \(value ? "yes" : "no"), returned by the \(by) (the standard rules said the same)"
                : "improved: standard \(current ? "yes" : "no") → \(value ? "yes" : "no"), returned by the \(by)"
            trace.append(value == current ? .decision : .override, origin, text, sets: [.improved], improved: value)
            improvedFlag = value
        }
    }

    private static func step(field: ResultField, standard: Double?, value: Double, by: String, origin: TraceOrigin, trace: inout Trace) {
        let name = field.rawValue
        var numbers = [TraceNumber(name, value)]
        if let standard { numbers.insert(TraceNumber("standard \(name)", standard), at: 0) }
        if let standard, standard == value {
            trace.append(.decision, origin, "\(name): \(number(value)), returned by the \(by) (the standard rules said the same)",
                         numbers: numbers, sets: [field])
        } else {
            trace.append(.override, origin, "\(name): standard \(standard.map(number) ?? "none") → \(number(value)), returned by the \(by)",
                         numbers: numbers, sets: [field])
        }
    }

    /// Why the standard rules decided what they did, from their step: `gap 0.18 > 0.10 (onTrackGap) ...`.
    private static func reasonText(_ step: TraceStep, status: EvaluationStatus) -> String {
        var text = step.text
        for prefix in ["status: \(status.rawValue), ", "status: "] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
            break
        }
        return text
    }

    static func number(_ value: Double) -> String { RuleText.fixed(value) }
}

extension TraceOrigin {
    /// The plugin place a message leads with (`plugins/x.lua:12: ...`), else `file` with no line.
    static func plugin(leading message: String, otherwise file: String?) -> TraceOrigin {
        guard let place = MessagePlace(leading: message) else { return .plugin(file, line: nil) }
        return .plugin(place.file, line: place.line)
    }
}

extension Trace {
    /// A plugin's failure message as the trace's finding: the place it leads with
    /// (`plugins/x.lua:12: `, or the plugin file alone, `plugins/x.lua: `) becomes the step's
    /// origin and the rest its text, so that no renderer shows the place twice (the result's
    /// finding keeps the whole message). Then the decisions that the result is `error`.
    mutating func appendPluginFailure(_ message: String, file: String?, improved: Bool = false) {
        let (origin, text) = Trace.pluginPlace(of: message, file: file)
        appendFailure(text, at: origin, improved: improved)
    }

    /// A plugin's message as a finding step only (its place as the origin, see
    /// ``appendPluginFailure(_:file:improved:)``).
    mutating func appendPluginFinding(_ message: String, file: String?) {
        let (origin, text) = Trace.pluginPlace(of: message, file: file)
        append(.finding, origin, text)
    }

    /// The place a plugin message leads with (`file:line: `, `file:line:column: `, or `file: `
    /// for the plugin's own file), and the message without it.
    private static func pluginPlace(of message: String, file: String?) -> (TraceOrigin, String) {
        if let place = MessagePlace(leading: message) {
            // a syntax error's column: the origin has none, the finding keeps it
            let text = place.text.flatMap { $0.isEmpty ? nil : String($0) } ?? message
            return (.plugin(place.file, line: place.line), text)
        }
        let origin = TraceOrigin.plugin(file, line: nil)
        guard let file, message.hasPrefix(file + ": "), message.count > file.count + 2 else { return (origin, message) }
        return (origin, String(message.dropFirst(file.count + 2)))
    }
}
