public import Foundation
public import PolicyKit

/// Evaluates a project: each instrument through its region's Lua plugin, or through the
/// standard rules when it names none, in parallel, with byte-identical results for any number
/// of workers.
///
/// Work is cut into units fixed by the data alone (a plugin's instruments, in project order, in
/// batches of 32, more when a plugin has many instruments); each unit loads its plugin into a fresh sandbox, so
/// whatever a plugin keeps between calls depends only on the unit, never on which worker ran it.
///
/// ```swift
/// let loaded = ProjectLoader.load(directory: URL(fileURLWithPath: "instruments"))
/// let evaluator = try PluginEvaluator(project: loaded.project!, pluginsDirectory: URL(fileURLWithPath: "plugins"))
/// let results = evaluator.evaluate(dates: EvaluationDates(asOf: Day("2026-11-23")!, calendar: loaded.project!.calendar)!)
/// ```
public final class PluginEvaluator: Sendable {
    /// Fewest instruments of one plugin evaluated by one sandbox before it is replaced by a fresh one.
    package static let batchSize = 32
    /// Most units of work per plugin: past `batchSize × unitsPerPlugin` instruments, batches grow.
    package static let unitsPerPlugin = 32

    /// Instruments per unit for a plugin that lists (or is named by) `count` instruments:
    /// ``batchSize``, or more when that would make more than ``unitsPerPlugin`` units.
    ///
    /// A plugin's file lists its instruments, and every unit runs the file again in its fresh
    /// sandbox, so one load costs in proportion to that list; with fixed batches, a plugin of
    /// thousands of instruments would cost in proportion to their square. Growing the batches
    /// with the list keeps the loads of one plugin to at most ``unitsPerPlugin``, so the
    /// plugin's share of an instrument's cost stays the same at any size.
    package static func batchSize(instruments count: Int) -> Int {
        max(batchSize, (count + unitsPerPlugin - 1) / unitsPerPlugin)
    }

    /// The project evaluated.
    public let project: Project
    /// Worker threads.
    public let jobs: Int
    /// The limits of every call into a plugin.
    public let limits: LuaLimits
    /// The plugins found, by name, with their source (sorted by file name).
    public let plugins: [PluginSource]
    /// Each plugin as read once at start: what it declares, or why it cannot be used (by file).
    let descriptors: [String: Result<PluginDescriptor, PluginLoadError>]
    /// Problems that concern the plugins as a set (claims of instruments), by instrument id.
    let assignmentErrors: [String: [String]]
    /// The instruments each loaded plugin lists, by plugin file (looked up for every instrument).
    private let listed: [String: Set<String>]
    /// The modules plugins may `require`.
    public let modules: LuaModules
    /// Instruments whose file failed to load: a plugin may list them (their file's diagnostics
    /// say what is wrong; the plugin is not).
    public let unloadedInstruments: Set<String>

    /// A plugin's text with the name it is shown by: read from a file, or given in memory.
    public struct PluginSource: Sendable, Hashable {
        /// The name (the file name without `.lua`), which instruments give as their `plugin`.
        public var name: String
        /// The file as shown in messages (`plugins/peloponnese.lua`).
        public var file: String
        /// The Lua source.
        public var source: String
        /// The source compiled once (nil when it does not compile: each unit then reports the
        /// syntax error, located).
        var bytecode: LuaBytecode?

        /// A plugin given as text, for instruments whose `plugin` is `name`; messages locate its
        /// lines at `file` (default: `plugins/NAME.lua`).
        public init(name: String, file: String? = nil, source: String) {
            self.init(name: name, file: file ?? "plugins/\(name).lua", source: source,
                      bytecode: try? LuaBytecode.compile(source, chunkName: file ?? "plugins/\(name).lua"))
        }

        init(name: String, file: String, source: String, bytecode: LuaBytecode?) {
            self.name = name
            self.file = file
            self.source = source
            self.bytecode = bytecode
        }
    }

    /// Finds `*.lua` in `pluginsDirectory` (sorted; `lib/`, `types/` and `tests/` are not plugins)
    /// and prepares the evaluation; `require` loads from `pluginsDirectory/lib`.
    ///
    /// `displayPath` is how the folder is named in messages, traces and results: its path from
    /// the project folder (the display root). Default: the folder's own name as seen from the
    /// project folder that holds it (`plugins`, so results say `plugins/peloponnese.lua:85`),
    /// whatever the current folder; `lib/` is shown as `displayPath/lib`.
    /// `unloadedInstruments` are the ids of instruments whose file failed to load
    /// (`ProjectLoadResult.failedInstruments`): plugins that list them are not at fault.
    public convenience init(project: Project, pluginsDirectory: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                            limits: LuaLimits = .default, displayPath: String? = nil, unloadedInstruments: Set<String> = []) throws {
        let shown = displayPath ?? pluginsDirectory.standardizedFileURL.lastPathComponent
        let names = try FileManager.default.contentsOfDirectory(atPath: pluginsDirectory.path)
            .filter { $0.hasSuffix(".lua") }
            .sorted()
        var plugins: [PluginSource] = []
        for name in names {
            let data = try Data(contentsOf: pluginsDirectory.appendingPathComponent(name))
            plugins.append(PluginSource(name: String(name.dropLast(4)), file: shown.isEmpty ? name : "\(shown)/\(name)",
                                        source: String(decoding: data, as: UTF8.self)))
        }
        let lib = pluginsDirectory.appendingPathComponent("lib")
        var isDirectory: ObjCBool = false
        let hasLib = FileManager.default.fileExists(atPath: lib.path, isDirectory: &isDirectory) && isDirectory.boolValue
        let modules: LuaModules = hasLib ? .folder(lib, displayFolder: shown.isEmpty ? "lib" : shown + "/lib") : .none
        self.init(project: project, plugins: plugins, modules: modules, jobs: jobs, limits: limits,
                  unloadedInstruments: unloadedInstruments)
    }

    /// Prepares the evaluation with plugins given as text (an editor, a server, a rule typed at
    /// run time): the same sandbox, limits and located messages as plugins read from files.
    ///
    /// ```swift
    /// let rule = PluginEvaluator.PluginSource(name: "peloponnese", source: """
    ///     return { name = "peloponnese", api_level = 1, instruments = { "gr-peloponnese-rop" },
    ///       indicator = function(indicator, ctx) return { status = "on-track" } end }
    ///     """)
    /// let evaluator = PluginEvaluator(project: project, plugins: [rule])
    /// ```
    ///
    /// - Parameters:
    ///   - project: The project whose instruments are evaluated.
    ///   - plugins: The plugins; when two have the same name, the first is used.
    ///   - modules: What their `require` may load (``LuaModules/texts(_:displayFolder:)`` for
    ///     modules in memory).
    ///   - jobs: Worker threads (the results are the same for any number).
    ///   - limits: The limits of every call into a plugin.
    ///   - unloadedInstruments: The ids of instruments whose file failed to load
    ///     (`ProjectLoadResult.failedInstruments`): plugins that list them are not at fault.
    public init(project: Project, plugins: [PluginSource], modules: LuaModules = .none,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, limits: LuaLimits = .default,
                unloadedInstruments: Set<String> = []) {
        self.project = project
        self.unloadedInstruments = unloadedInstruments
        self.jobs = max(1, jobs)
        self.limits = limits
        self.plugins = plugins
        self.modules = modules
        var descriptors: [String: Result<PluginDescriptor, PluginLoadError>] = [:]
        for plugin in plugins {
            do {
                let session = try PluginSession(source: plugin.source, file: plugin.file, project: project, limits: limits,
                                                modules: modules, bytecode: plugin.bytecode)
                descriptors[plugin.file] = .success(session.descriptor)
            } catch {
                descriptors[plugin.file] = .failure(error)
            }
        }
        self.descriptors = descriptors
        listed = descriptors.compactMapValues { try? Set($0.get().instruments) }
        assignmentErrors = PluginEvaluator.claims(of: plugins, descriptors: descriptors)
    }

    /// An instrument claimed by several plugins cannot be evaluated: its problem, by instrument id.
    private static func claims(of plugins: [PluginSource], descriptors: [String: Result<PluginDescriptor, PluginLoadError>]) -> [String: [String]] {
        var claimants: [String: [String]] = [:]
        for plugin in plugins {
            guard case .success(let descriptor)? = descriptors[plugin.file] else { continue }
            for id in descriptor.instruments { claimants[id, default: []].append(plugin.file) }
        }
        var errors: [String: [String]] = [:]
        for (id, files) in claimants where files.count > 1 {
            errors[id] = ["instrument '\(id)' is claimed by \(files.count) plugins: \(files.joined(separator: ", "))"]
        }
        return errors
    }

    /// One unit of work: a plugin (or none: the standard rules) and the instruments it evaluates.
    private struct WorkUnit: Sendable {
        let plugin: PluginSource?
        let instruments: [PolicyInstrument]
    }

    /// Evaluates every instrument at `dates`; a failing plugin marks only its own instruments'
    /// items `error`, everything else is evaluated.
    ///
    /// Runs on the evaluator's own threads and blocks the caller until they are done: for
    /// scripts and command-line tools. From Swift concurrency, use the `async` overload, which
    /// does not hold a thread of the cooperative pool.
    public func evaluate(dates: EvaluationDates) -> ProjectEvaluation {
        let units = workUnits()
        return evaluation(of: units, dates: dates, slots: run(units, dates: dates, cancellation: nil))
    }

    /// Evaluates only the instruments `ids` at `dates`, in project order, loading only the
    /// plugins they name.
    ///
    /// Each result equals the instrument's result in a run of the whole project (a plugin's
    /// file-level state lives for one group of instruments, and the guide forbids keeping results
    /// there). Throws ``UnknownInstrument`` when an id is not in the project.
    public func evaluate(instruments ids: [String], dates: EvaluationDates) throws -> ProjectEvaluation {
        let units = try workUnits(only: ids)
        return evaluation(of: units, dates: dates, slots: run(units, dates: dates, cancellation: nil))
    }

    /// Evaluates every instrument at `dates` without blocking the caller's thread.
    ///
    /// The work runs on the evaluator's own `jobs` threads; the caller is resumed when they are
    /// done. Cancelling the task stops the run between units of work (a unit in progress ends
    /// first) and throws `CancellationError`; a run that had completed when it was cancelled
    /// returns its results. The results are identical to
    /// ``evaluate(dates:)-9ohkq``'s for any number of workers.
    ///
    /// ```swift
    /// let evaluation = try await evaluator.evaluate(dates: EvaluationDates(period: "P6", calendar: project.calendar)!)
    /// ```
    public func evaluate(dates: EvaluationDates) async throws -> ProjectEvaluation {
        try await evaluate(units: workUnits(), dates: dates)
    }

    /// Evaluates only the instruments `ids` at `dates` without blocking the caller's thread (see
    /// ``evaluate(instruments:dates:)-x6zi`` and the `async` ``evaluate(dates:)-xs3w``).
    public func evaluate(instruments ids: [String], dates: EvaluationDates) async throws -> ProjectEvaluation {
        try await evaluate(units: workUnits(only: ids), dates: dates)
    }

    /// An instrument id given to ``evaluate(instruments:dates:)-x6zi`` that is not in the project.
    public struct UnknownInstrument: Error, CustomStringConvertible, Sendable, Hashable {
        /// The id asked for.
        public var id: String
        /// The project's instrument ids.
        public var known: [String]
        public var description: String {
            "unknown instrument '\(id)'; the project has: \(known.joined(separator: ", "))"
        }
    }

    private func evaluate(units: [WorkUnit], dates: EvaluationDates) async throws -> ProjectEvaluation {
        try Task.checkCancellation()
        let cancellation = CancellationFlag()
        let slots: ResultSlots = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ResultSlots, any Error>) in
                start(units, dates: dates, cancellation: cancellation) { slots in
                    // cancelled and some unit not run: no result (a run that completed is kept)
                    if slots.filled < units.count {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume(returning: slots)
                    }
                }
            }
        } onCancel: {
            cancellation.set()
        }
        return evaluation(of: units, dates: dates, slots: slots)
    }

    /// Runs `units` on the calling thread (one worker) or on worker threads, and waits.
    private func run(_ units: [WorkUnit], dates: EvaluationDates, cancellation: CancellationFlag?) -> ResultSlots {
        if min(jobs, units.count) <= 1 {
            let slots = ResultSlots(count: units.count)
            work(units, dates: dates, slots: slots, next: UnitCounter(), cancellation: cancellation)
            return slots
        }
        let done = DispatchSemaphore(value: 0)
        let box = SlotsBox()
        start(units, dates: dates, cancellation: cancellation) { slots in
            box.slots = slots
            done.signal()
        }
        done.wait()
        return box.slots!
    }

    /// Starts the worker threads on `units`; the last one to finish calls `completion`.
    private func start(_ units: [WorkUnit], dates: EvaluationDates, cancellation: CancellationFlag?,
                       completion: @escaping @Sendable (ResultSlots) -> Void) {
        let slots = ResultSlots(count: units.count)
        let next = UnitCounter()
        let workers = min(jobs, max(units.count, 1))
        let remaining = UnitCounter(count: workers)
        for _ in 0..<workers {
            let thread = Thread { [self] in
                work(units, dates: dates, slots: slots, next: next, cancellation: cancellation)
                if remaining.countDown() { completion(slots) }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// One worker: takes units until none is left (or the run is cancelled).
    private func work(_ units: [WorkUnit], dates: EvaluationDates, slots: ResultSlots, next: UnitCounter,
                      cancellation: CancellationFlag?) {
        while cancellation?.isSet != true, let index = next.take(below: units.count) {
            slots.store(evaluate(units[index], dates: dates), at: index)
        }
    }

    /// The units' results in project order.
    private func evaluation(of units: [WorkUnit], dates: EvaluationDates, slots: ResultSlots) -> ProjectEvaluation {
        var byInstrument: [String: InstrumentResult] = [:]
        for result in slots.all().flatMap({ $0 }) { byInstrument[result.instrumentID] = result }
        return ProjectEvaluation(dates: dates, instruments: project.instruments.compactMap { byInstrument[$0.id] })
    }

    /// The units of a run of the instruments `ids` only: the whole project's units, each keeping
    /// only those instruments (so each instrument is evaluated in the same unit as in a whole run).
    private func workUnits(only ids: [String]) throws -> [WorkUnit] {
        let known = Set(project.instruments.map(\.id))
        if let unknown = ids.first(where: { !known.contains($0) }) {
            throw UnknownInstrument(id: unknown, known: project.instruments.map(\.id))
        }
        let wanted = Set(ids)
        return workUnits().compactMap { unit in
            let instruments = unit.instruments.filter { wanted.contains($0.id) }
            return instruments.isEmpty ? nil : WorkUnit(plugin: unit.plugin, instruments: instruments)
        }
    }

    private func workUnits() -> [WorkUnit] {
        var units: [WorkUnit] = []
        var standard: [PolicyInstrument] = []
        var byPlugin: [String: [PolicyInstrument]] = [:]
        for instrument in project.instruments {
            if let plugin = instrument.plugin { byPlugin[plugin, default: []].append(instrument) } else { standard.append(instrument) }
        }
        for name in byPlugin.keys.sorted() {
            let found = plugins.first { $0.name == name }
            let instruments = byPlugin[name]!
            let size = PluginEvaluator.batchSize(instruments: max(instruments.count, found.flatMap { listed[$0.file]?.count } ?? 0))
            let source = found ?? PluginSource(name: name, file: "", source: "", bytecode: nil)
            units += batches(of: instruments, size: size).map { WorkUnit(plugin: source, instruments: $0) }
        }
        units += batches(of: standard, size: PluginEvaluator.batchSize).map { WorkUnit(plugin: nil, instruments: $0) }
        return units
    }

    /// `instruments` in order, cut into consecutive batches of `size` (the last one may be shorter).
    private func batches(of instruments: [PolicyInstrument], size: Int) -> [[PolicyInstrument]] {
        stride(from: 0, to: instruments.count, by: size).map { Array(instruments[$0..<min($0 + size, instruments.count)]) }
    }

    private func evaluate(_ unit: WorkUnit, dates: EvaluationDates) -> [InstrumentResult] {
        guard let plugin = unit.plugin else {
            return unit.instruments.map { standardResult($0, dates: dates) }
        }
        if plugin.file.isEmpty {
            let missing = PluginLoadError(file: "plugins/\(plugin.name).lua", problems: ["no such plugin file (named by the instrument's 'plugin')"])
            return unit.instruments.map { failedInstrument($0, error: missing, dates: dates) }
        }
        let session: PluginSession
        do {
            session = try PluginSession(source: plugin.source, file: plugin.file, project: project, limits: limits, modules: modules,
                                        bytecode: plugin.bytecode, descriptor: try? descriptors[plugin.file]?.get())
        } catch {
            return unit.instruments.map { failedInstrument($0, error: error, dates: dates) }
        }
        return unit.instruments.map { instrument in
            if let problems = assignmentErrors[instrument.id] {
                return failedInstrument(instrument, error: PluginLoadError(file: plugin.file, problems: problems), dates: dates)
            }
            if listed[plugin.file]?.contains(instrument.id) != true {
                let line = session.descriptor.instrumentsLine.map { "\(plugin.file):\($0): " } ?? ""
                let error = PluginLoadError(file: plugin.file, problems: ["\(line)the plugin does not list instrument '\(instrument.id)' in its 'instruments', but the instrument names it"])
                return failedInstrument(instrument, error: error, dates: dates)
            }
            return session.evaluate(instrument, dates: dates)
        }
    }

    /// The standard results of an instrument whose plugin cannot be used, every item `error`.
    private func failedInstrument(_ instrument: PolicyInstrument, error: PluginLoadError, dates: EvaluationDates) -> InstrumentResult {
        var result = standardResult(instrument, dates: dates)
        let findings = error.description.split(separator: "\n").map { Finding(.error, String($0)) }
        func fail(_ item: inout ItemResult) {
            item.status = .error
            item.progress = nil
            item.findings = findings + item.findings
            for finding in findings { item.trace.appendPluginFinding(finding.message, file: error.file) }
            item.trace.append(.decision, .plugin(error.file, line: nil), "status: error, the plugin cannot be used", sets: [.status, .progress], status: .error)
            item.evaluatedBy = EvaluatedBy(plugin: error.file, pluginUnusable: true)
        }
        for index in result.indicators.indices { fail(&result.indicators[index]) }
        for index in result.actions.indices { fail(&result.actions[index]) }
        result.status = .error
        result.progress = nil
        result.improved = false
        result.findings = findings + result.findings
        for finding in findings { result.trace.appendPluginFinding(finding.message, file: error.file) }
        result.trace.append(.decision, .plugin(error.file, line: nil), "status: error, the plugin cannot be used", sets: [.status, .progress], status: .error)
        result.trace.append(.decision, .plugin(error.file, line: nil), "improved: no, the plugin cannot be used", sets: [.improved], improved: false)
        result.evaluatedBy = EvaluatedBy(plugin: error.file, pluginUnusable: true)
        return result
    }


    private func standardResult(_ instrument: PolicyInstrument, dates: EvaluationDates) -> InstrumentResult {
        let indicators = instrument.indicators.map { StandardRules.evaluate(indicator: $0, in: instrument, project: project, dates: dates) }
        let actions = instrument.actions.map { StandardRules.evaluate(action: $0, in: instrument, project: project, dates: dates) }
        return StandardRules.rollUp(instrument: instrument, project: project, dates: dates, indicators: indicators, actions: actions)
    }

    /// The plugin path of every indicator, one worker, for the host/interpreter benchmark
    /// (policy-bench hooks): the tables, the indicator hook calls and the checks, nothing else.
    package func evaluateIndicatorHooks(dates: EvaluationDates) throws -> Int {
        var count = 0
        for unit in workUnits() {
            guard let plugin = unit.plugin, !plugin.file.isEmpty else { continue }
            let session = try PluginSession(source: plugin.source, file: plugin.file, project: project, limits: limits, modules: modules,
                                            bytecode: plugin.bytecode, descriptor: try? descriptors[plugin.file]?.get())
            for instrument in unit.instruments { count += try session.runIndicatorHooks(instrument, dates: dates) }
        }
        return count
    }

    /// Checks every plugin file against the contract and the project: problems one per line.
    public func checkPlugins() -> [String] {
        var problems: [String] = []
        let instruments = project.instrumentsByID
        for plugin in plugins {
            switch descriptors[plugin.file] {
            case .success(let descriptor)?:
                for id in descriptor.instruments {
                    if let instrument = instruments[id] {
                        if instrument.plugin != plugin.name {
                            problems.append("\(plugin.file): lists instrument '\(id)', but that instrument names plugin '\(instrument.plugin ?? "none")'")
                        }
                    } else if !unloadedInstruments.contains(id) {
                        problems.append("\(plugin.file): unknown instrument '\(id)' in 'instruments'")
                    }
                }
            case .failure(let error)?:
                problems += error.description.split(separator: "\n").map(String.init)
            case nil:
                break
            }
        }
        for id in assignmentErrors.keys.sorted() { problems += assignmentErrors[id]! }
        return problems
    }

    /// Problems that do not stop a plugin (its `statuses` declaration), `file:line:column: message`
    /// one per line (the place of the entry in question, else of `statuses`, else the file's start).
    public var pluginWarnings: [String] {
        plugins.flatMap { pluginWarnings(of: $0) }
    }

    /// The warnings of one plugin, located in its source.
    func pluginWarnings(of plugin: PluginSource) -> [String] {
        guard case .success(let descriptor)? = descriptors[plugin.file] else { return [] }
        return descriptor.statusWarnings.map { warning in
            let place = LuaSourceLocator.place(of: warning.word, isKey: warning.isKey, under: "statuses", in: plugin.source)
            return "\(plugin.file):\(place.line):\(place.column): \(warning.message)"
        }
    }

    /// The instruments whose `plugin:` names a plugin that has no file, with the likeliest meant
    /// plugin (reported by `check` at the instrument file's `plugin:` line).
    public var missingPlugins: [(instrument: String, plugin: String, suggestion: String?)] {
        let names = plugins.map(\.name)
        return project.instruments.compactMap { instrument in
            guard let name = instrument.plugin, !names.contains(name) else { return nil }
            return (instrument.id, name, EditDistance.suggestion(for: name, among: names))
        }
    }
}

/// Results stored by workers at fixed places, read back in order.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[InstrumentResult]]
    private var stored = 0

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ results: [InstrumentResult], at index: Int) {
        lock.lock()
        slots[index] = results
        stored += 1
        lock.unlock()
    }

    /// How many units have stored their results.
    var filled: Int {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func all() -> [[InstrumentResult]] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// Set when the task that awaits a run is cancelled; workers stop taking units.
private final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}

/// The results handed from the last worker to a waiting caller (written before the semaphore is
/// signalled, read after it).
private final class SlotsBox: @unchecked Sendable {
    var slots: ResultSlots?
}

/// Hands out unit indexes to workers, or counts workers down.
private final class UnitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var remaining = 0

    init(count: Int = 0) { remaining = count }

    /// Counts one worker as finished; true for the last one.
    func countDown() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        remaining -= 1
        return remaining == 0
    }

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
