import Foundation
package import PolicyKit

/// One plugin loaded in its own sandboxed runtime, evaluating instruments one after another.
///
/// The `policy` library's functions read the session's current state (the instrument, the dates,
/// the standard results, the item being evaluated), so a session serves one thread at a time.
package final class PluginSession {
    /// Most `policy.explain` lines kept per item, and log entries per instrument; the longest
    /// explanation or log line in UTF-8 bytes (control characters escaped, see ``UntrustedText``;
    /// notes and error messages are capped at ``UntrustedText/maximumLength``).
    static let maximumExplanationLines = 200
    static let maximumLogEntries = 1_000
    static let maximumTextLength = 1_000

    let descriptor: PluginDescriptor
    /// The plugin's source, and its lines (split when first needed), to find the `return`
    /// keyword of a multi-line return.
    private let source: String
    private lazy var sourceLines: [Substring] = PluginSession.lines(of: source)
    /// The `return` keyword line of each return line seen (with the line defining its hook).
    private var returnKeywordLines: [ReturnLine: Int] = [:]
    private struct ReturnLine: Hashable { let line: Int, defined: Int }
    private let runtime: LuaRuntime
    private let hooks: [PluginHook: LuaFunction]
    private let project: Project
    private var current: Current?
    /// How the library's functions find this session (they are made before it exists).
    private let box: PolicyLibrary.SessionBox

    /// The state of the instrument being evaluated.
    private struct Current {
        let instrument: PolicyInstrument
        let dates: EvaluationDates
        var standardIndicators: [String: ItemResult] = [:]
        var standardActions: [String: ItemResult] = [:]
        var finalIndicators: [ItemResult] = []
        var finalActions: [ItemResult] = []
        var item: String?
        /// The position of the indicator being judged, if one is (the one `policy.expected`
        /// and its kin are asked about, nearly always).
        var indicatorIndex: Int?
        /// The `policy.explain` steps of the hook being called.
        var explanation: [TraceStep] = []
        var log: [LogEntry] = []
    }

    /// Loads a plugin: compiles and runs its file in a fresh sandbox and checks the table it
    /// returns. With the `descriptor` read from the same file before, its fields are not read
    /// again (a plugin may list thousands of instruments; every unit of work loads it).
    package init(source: String, file: String, project: Project, limits: LuaLimits, modules: LuaModules,
                 bytecode: LuaBytecode? = nil, descriptor known: PluginDescriptor? = nil) throws(PluginLoadError) {
        self.project = project
        self.source = source
        let box = PolicyLibrary.SessionBox()
        let runtime: LuaRuntime
        let fields: [String: LuaTableField]
        var lines: [Substring] { PluginSession.lines(of: source) }
        var returnLine: Int?
        func at(_ line: Int?) -> String {
            line.map { "\(file):\(PluginSession.returnKeywordLine(lines, before: $0, notBefore: 1)): " } ?? ""
        }
        do {
            runtime = try LuaRuntime(limits: limits, modules: modules)
            // the library first: a plugin may read policy.* while it loads
            try runtime.install(PolicyLibrary.make(project: project, box: box), as: "policy")
            let chunk = try bytecode.map { try runtime.load($0) } ?? runtime.load(source, chunkName: file)
            // run once: its constants (the list of instruments among them) are not kept alive
            defer { runtime.release(chunk) }
            let returned = try runtime.noteReturn(of: chunk, returnLine: &returnLine) {
                try runtime.runReturningTable(chunk, skipping: known == nil ? [] : ["instruments"])
            }
            switch returned {
            case .success(let table):
                fields = table
            case .failure(.notATable(let type)):
                throw PluginLoadError(file: file, problems: ["\(at(returnLine))the plugin must return a table (it returned a \(type))"])
            case .failure(.nonStringKeys(let types)):
                throw PluginLoadError(file: file, problems: ["\(at(returnLine))the plugin table may only have string keys (found \(types.joined(separator: ", ")) keys)"])
            }
        } catch let error as PluginLoadError {
            throw error
        } catch let error as LuaError {
            let text = error.kind == .syntax ? LuaSyntaxColumn.locate(error.message, source: source, file: file) : SandboxHint.annotate(error.message)
            throw PluginLoadError(file: file, problems: [UntrustedText.inert(text)])
        } catch {
            throw PluginLoadError(file: file, problems: [UntrustedText.inert(String(describing: error))])
        }
        if let known {
            descriptor = known
        } else {
            let lines = lines
            let keys = PluginKeyLines(lines: lines, returnLine: returnLine.map { PluginSession.returnKeywordLine(lines, before: $0, notBefore: 1) })
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            switch PluginDescriptor.read(fields, file: file, stem: stem, lines: keys.line(of:)) {
            case .success(let descriptor): self.descriptor = descriptor
            case .failure(let error): throw error
            }
        }
        var hooks: [PluginHook: LuaFunction] = [:]
        for hook in PluginHook.allCases {
            if case .function(let function)? = fields[hook.rawValue] { hooks[hook] = function }
        }
        self.hooks = hooks
        self.runtime = runtime
        self.box = box
        box.session = self
    }

    // MARK: - Evaluating an instrument

    /// Evaluates every indicator and action of the instrument, then the roll-up, through the
    /// plugin's hooks where it has them, through the standard rules elsewhere.
    func evaluate(_ instrument: PolicyInstrument, dates: EvaluationDates) -> InstrumentResult {
        var state = Current(instrument: instrument, dates: dates)
        for indicator in instrument.indicators {
            state.standardIndicators[indicator.id] = StandardRules.evaluate(indicator: indicator, in: instrument, project: project, dates: dates)
        }
        for action in instrument.actions {
            state.standardActions[action.id] = StandardRules.evaluate(action: action, in: instrument, project: project, dates: dates)
        }
        current = state
        defer { current = nil }

        let tables: InstrumentTables
        do {
            tables = try keepTables(instrument, dates: dates, actions: true)
        } catch {
            let message = "\(descriptor.file): cannot pass \(instrument.id) to the plugin: \(error)"
            current!.finalIndicators = instrument.indicators.map { failed(current!.standardIndicators[$0.id]!, hook: .indicator, message: message) }
            current!.finalActions = instrument.actions.map { failed(current!.standardActions[$0.id]!, hook: .action, message: message) }
            var result = StandardRules.rollUp(instrument: instrument, project: project, dates: dates,
                                              indicators: current!.finalIndicators, actions: current!.finalActions)
            result.evaluatedBy = evaluatedBy(.instrument)
            return result
        }
        defer { runtime.release(tables.all) }
        let context = tables.context

        for (index, (indicator, view)) in zip(instrument.indicators, tables.indicators).enumerated() {
            let standard = current!.standardIndicators[indicator.id]!
            current!.indicatorIndex = index
            let result = judge(.indicator, item: indicator.id, standard: standard, arguments: [view, context])
            current!.indicatorIndex = nil
            current!.finalIndicators.append(result)
        }
        for (action, view) in zip(instrument.actions, tables.actions) {
            let standard = current!.standardActions[action.id]!
            let result = judge(.action, item: action.id, standard: standard, arguments: [view, context])
            current!.finalActions.append(result)
        }
        return rollUp(instrumentView: tables.instrument, context: context)
    }

    /// The tables the hooks of one instrument receive, built in Lua once and passed to every
    /// hook by reference: the instrument view holds the same item tables the item hooks get.
    private struct InstrumentTables {
        var indicators: [LuaReference] = []
        var actions: [LuaReference] = []
        var instrument = LuaReference(reference: 0)
        var context = LuaReference(reference: 0)
        var all: [LuaReference] = []
    }

    /// Builds the tables (the action views only when `actions`) straight onto the Lua stack; on
    /// failure releases what it built.
    private func keepTables(_ instrument: PolicyInstrument, dates: EvaluationDates, actions: Bool) throws -> InstrumentTables {
        var tables = InstrumentTables()
        var complete = false
        defer { if !complete { runtime.release(tables.all) } }
        try runtime.writeViews { w in
            for indicator in instrument.indicators {
                LuaViews.indicator(indicator, dates: dates, into: &w)
                tables.indicators.append(w.keep())
                tables.all.append(tables.indicators[tables.indicators.count - 1])
            }
            if actions {
                for action in instrument.actions {
                    LuaViews.action(action, dates: dates, into: &w)
                    tables.actions.append(w.keep())
                    tables.all.append(tables.actions[tables.actions.count - 1])
                }
            }
            w.record(LuaViews.instrumentCapacity) { w in
                LuaViews.instrumentFields(instrument, into: &w)
                w.key(.indicators)
                w.beginArray(capacity: tables.indicators.count)
                for view in tables.indicators { w.reference(view) }
                w.endTable()
                if actions {
                    w.key(.actions)
                    w.beginArray(capacity: tables.actions.count)
                    for view in tables.actions { w.reference(view) }
                    w.endTable()
                }
            }
            tables.instrument = w.keep()
            tables.all.append(tables.instrument)
            w.record(LuaViews.contextCapacity) { w in
                LuaViews.contextFields(project: project, instrument: instrument, dates: dates, into: &w)
                w.key(.instrument)
                w.reference(tables.instrument)
            }
            tables.context = w.keep()
            tables.all.append(tables.context)
        }
        complete = true
        return tables
    }

    /// The plugin path alone, for the benchmark against the plain interpreter: the tables the
    /// indicator hook receives, the call and the check of its result, for every indicator.
    package func runIndicatorHooks(_ instrument: PolicyInstrument, dates: EvaluationDates) throws -> Int {
        guard let function = hooks[.indicator] else { return 0 }
        current = Current(instrument: instrument, dates: dates)
        defer { current = nil }
        let tables = try keepTables(instrument, dates: dates, actions: false)
        defer { runtime.release(tables.all) }
        for (index, (indicator, view)) in zip(instrument.indicators, tables.indicators).enumerated() {
            current!.item = indicator.id
            current!.indicatorIndex = index
            current!.explanation = []
            // located as in an evaluation (the return line of every call, for its trace)
            var returnLine: Int?
            _ = try runtime.call(function, references: [view, tables.context], returnLine: &returnLine) { runtime, stack in
                try HookOutcome.read(runtime, stack, hook: .indicator, declared: descriptor.declaredStatuses[.indicator])
            }
        }
        return instrument.indicators.count
    }

    /// What every result of this plugin says about who evaluated it.
    private func evaluatedBy(_ hook: PluginHook) -> EvaluatedBy {
        EvaluatedBy(plugin: descriptor.file, hook: hooks[hook] == nil ? nil : hook.rawValue)
    }

    private func judge(_ hook: PluginHook, item: String, standard: ItemResult, arguments: [LuaReference]) -> ItemResult {
        var result = standard
        result.evaluatedBy = evaluatedBy(hook)
        guard let function = hooks[hook] else { return result }
        current!.item = item
        current!.explanation = []
        defer { current!.item = nil }
        let place = "\(hook.rawValue) hook for \(current!.instrument.id)/\(item)"
        var returnLine: Int?
        do {
            let outcome = try runtime.call(function, references: arguments, returnLine: &returnLine) { runtime, stack in
                try HookOutcome.read(runtime, stack, hook: hook, declared: descriptor.declaredStatuses[hook])
            }
            result.trace.steps += current!.explanation
            guard let outcome else {
                result.trace.append(.computation, returnOrigin(returnLine, function), "the \(hook.rawValue) hook returned nil: the standard result stands")
                return result
            }
            var improved: Bool?
            PluginTrace.apply(outcome, hook: hook, at: returnOrigin(returnLine, function), to: &result.trace,
                              status: &result.status, progress: &result.progress, expected: &result.expected, improved: &improved)
            result.note = outcome.note.map { UntrustedText.inert($0) }
            return result
        } catch {
            return failed(standard, hook: hook, message: message(for: error, place: place, returnLine: returnLine, function: function))
        }
    }

    /// Where a hook returned: the line of its `return`, else the line that defines the hook.
    private func returnOrigin(_ line: Int?, _ function: LuaFunction) -> TraceOrigin {
        let defined = runtime.definitionLine(of: function)
        guard let line else { return .plugin(descriptor.file, line: defined) }
        let key = ReturnLine(line: line, defined: defined ?? 1)
        if let known = returnKeywordLines[key] { return .plugin(descriptor.file, line: known) }
        let keyword = PluginSession.returnKeywordLine(sourceLines, before: line, notBefore: key.defined)
        returnKeywordLines[key] = keyword
        return .plugin(descriptor.file, line: keyword)
    }

    /// The lines of a source text (split at line feeds; a last empty line kept).
    static func lines(of source: String) -> [Substring] {
        var lines: [Substring] = []
        var start = source.utf8.startIndex
        for index in source.utf8.indices where source.utf8[index] == UInt8(ascii: "\n") {
            lines.append(source[start..<index])
            start = source.utf8.index(after: index)
        }
        lines.append(source[start...])
        return lines
    }

    /// Lua reports a `return` spread over several lines at its last line: the line of the
    /// `return` keyword itself is the nearest line at or above it that has one (outside a
    /// comment), within the function.
    static func returnKeywordLine(_ sourceLines: [Substring], before line: Int, notBefore first: Int) -> Int {
        // a function that falls off its end returns at its `end`: that line is where it returned
        if line >= 1, line <= sourceLines.count, startsWithWord(sourceLines[line - 1], "end") {
            return line
        }
        var candidate = line
        while candidate >= max(first, 1), candidate <= sourceLines.count, line - candidate < 200 {
            var text = sourceLines[candidate - 1]
            if let comment = text.range(of: "--") { text = text[..<comment.lowerBound] }
            if containsWord(text, "return") { return candidate }
            candidate -= 1
        }
        return line
    }

    /// Whether `word` stands in `text` as a word of its own (not inside a longer name).
    static func containsWord(_ text: Substring, _ word: String) -> Bool {
        let bytes = Array(text.utf8), target = Array(word.utf8)
        guard bytes.count >= target.count else { return false }
        for start in 0...(bytes.count - target.count) where bytes[start] == target[0] {
            guard bytes[start..<start + target.count].elementsEqual(target) else { continue }
            let before = start == 0 ? nil : bytes[start - 1], after = start + target.count < bytes.count ? bytes[start + target.count] : nil
            if !isNameByte(before), !isNameByte(after) { return true }
        }
        return false
    }

    /// Whether `text`, after its leading blanks, begins with `word` as a word of its own.
    static func startsWithWord(_ text: Substring, _ word: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(word) else { return false }
        return !isNameByte(trimmed.dropFirst(word.count).utf8.first)
    }

    private static func isNameByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte >= 0x80
    }

    /// The message of a hook that failed: a Lua error leads with its own `file:line`; a result
    /// that breaks the contract leads with the line of the hook's `return`.
    private func message(for error: any Error, place: String, returnLine: Int?, function: LuaFunction) -> String {
        switch error {
        case let error as LuaError:
            return SandboxHint.annotate("\(error.message) (\(place))")
        case let error as HookContractError:
            return "\(returnOrigin(returnLine, function)): the \(place) returned an invalid result: \(error.message)"
        default:
            return "\(descriptor.file): \(place): \(error)"
        }
    }

    private func failed(_ standard: ItemResult, hook: PluginHook, message: String) -> ItemResult {
        var result = standard
        result.status = .error
        result.progress = nil
        result.note = nil
        let message = UntrustedText.inert(message)
        result.findings = [Finding(.error, message)] + standard.findings
        result.trace.steps += current!.explanation
        result.trace.appendPluginFailure(message, file: descriptor.file)
        result.evaluatedBy = evaluatedBy(hook)
        return result
    }

    private func rollUp(instrumentView: LuaReference, context: LuaReference) -> InstrumentResult {
        let state = current!
        var standard = StandardRules.rollUp(instrument: state.instrument, project: project, dates: state.dates,
                                            indicators: state.finalIndicators, actions: state.finalActions)
        standard.evaluatedBy = evaluatedBy(.instrument)
        // an item in error keeps the instrument in error: the hook is not asked to hide it
        guard let function = hooks[.instrument], standard.status != .error else {
            standard.log = current!.log
            return standard
        }
        current!.item = nil
        current!.explanation = []
        var result = standard
        let place = "instrument hook for \(state.instrument.id)"
        var returnLine: Int?
        do {
            let results = try runtime.keep(LuaViews.itemResults(indicators: state.finalIndicators, actions: state.finalActions))
            defer { runtime.release([results]) }
            let outcome = try runtime.call(function, references: [instrumentView, results, context], returnLine: &returnLine) { runtime, stack in
                try HookOutcome.read(runtime, stack, hook: .instrument, declared: descriptor.declaredStatuses[.instrument])
            }
            result.trace.steps += current!.explanation
            if let outcome {
                var improved: Bool? = result.improved
                PluginTrace.apply(outcome, hook: .instrument, at: returnOrigin(returnLine, function), to: &result.trace,
                                  status: &result.status, progress: &result.progress, expected: &result.expected, improved: &improved)
                result.improved = improved ?? result.improved
                result.note = outcome.note.map { UntrustedText.inert($0) }
            } else {
                result.trace.append(.computation, returnOrigin(returnLine, function), "the instrument hook returned nil: the standard roll-up stands")
            }
        } catch {
            result = instrumentFailure(standard, message: message(for: error, place: place, returnLine: returnLine, function: function))
        }
        result.log = current!.log
        return result
    }

    private func instrumentFailure(_ standard: InstrumentResult, message: String) -> InstrumentResult {
        var result = standard
        result.status = .error
        result.improved = false
        let message = UntrustedText.inert(message)
        result.findings = [Finding(.error, message)] + standard.findings
        result.trace.steps += current!.explanation
        result.trace.appendPluginFailure(message, file: descriptor.file, improved: true)
        result.evaluatedBy = evaluatedBy(.instrument)
        return result
    }

    // MARK: - What the policy library asks

    /// The indicator of the current instrument with this id.
    func indicator(id: String?, function: String) throws -> Indicator {
        guard let state = current else { throw LuaError(.runtime, "policy: no instrument is being evaluated (call it from a hook)") }
        if let index = state.indicatorIndex, let id, state.instrument.indicators[index].id == id {
            return state.instrument.indicators[index]
        }
        guard let id, let indicator = state.instrument.indicator(id: id) else {
            throw LuaError(.runtime, "policy.\(function): expected an indicator of \(state.instrument.id) (a table with its 'id')")
        }
        return indicator
    }

    func instrumentStart() throws -> Day {
        guard let state = current else { throw LuaError(.runtime, "policy: no instrument is being evaluated (call it from a hook)") }
        return state.instrument.period.start
    }

    func dates() throws -> EvaluationDates {
        guard let state = current else { throw LuaError(.runtime, "policy: no instrument is being evaluated (call it from a hook)") }
        return state.dates
    }

    func standardIndicator(id: String?) throws -> ItemResult {
        let indicator = try indicator(id: id, function: "standard.indicator")
        if let result = current!.standardIndicators[indicator.id] { return result }
        let result = StandardRules.evaluate(indicator: indicator, in: current!.instrument, project: project, dates: current!.dates)
        current!.standardIndicators[indicator.id] = result
        return result
    }

    func standardAction(id: String?) throws -> ItemResult {
        guard let state = current else { throw LuaError(.runtime, "policy: no instrument is being evaluated (call it from a hook)") }
        guard let id, let action = state.instrument.action(id: id) else {
            throw LuaError(.runtime, "policy.standard.action: expected an action of \(state.instrument.id) (a table with its 'id')")
        }
        if let result = state.standardActions[id] { return result }
        let result = StandardRules.evaluate(action: action, in: state.instrument, project: project, dates: state.dates)
        current!.standardActions[id] = result
        return result
    }

    func standardInstrument() throws -> InstrumentResult {
        guard let state = current else { throw LuaError(.runtime, "policy: no instrument is being evaluated (call it from a hook)") }
        return StandardRules.rollUp(instrument: state.instrument, project: project, dates: state.dates,
                                    indicators: state.finalIndicators, actions: state.finalActions)
    }

    var calendar: ReportingCalendar { project.calendar }

    /// Records a `policy.explain` line, with the `file:line` of the call.
    func explain(_ text: String, at location: (file: String, line: Int)?) throws {
        guard current != nil else { throw LuaError(.runtime, "policy.explain: no item is being evaluated (call it from a hook)") }
        guard current!.explanation.count < PluginSession.maximumExplanationLines else { return }
        current!.explanation.append(TraceStep(.computation, .plugin(location?.file ?? descriptor.file, line: location?.line),
                                              UntrustedText.inert(text, limit: PluginSession.maximumTextLength)))
    }

    func log(level: String, message: String) throws {
        guard current != nil else { throw LuaError(.runtime, "policy.log: no instrument is being evaluated (call it from a hook)") }
        guard current!.log.count < PluginSession.maximumLogEntries else { return }
        current!.log.append(LogEntry(level: UntrustedText.inert(level, limit: 40), message: UntrustedText.inert(message, limit: PluginSession.maximumTextLength), item: current!.item))
    }
}

@available(*, unavailable)
extension PluginSession: Sendable {}
