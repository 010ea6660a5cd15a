public import Foundation
public import PolicyKit

/// Evaluates a project: each instrument through its region's Lua plugin, or through the
/// standard rules when it names none, in parallel, with byte-identical results for any number
/// of workers.
///
/// Work is cut into units fixed by the data alone (a plugin's instruments, in project order, in
/// batches of ``batchSize(instruments:)``); each unit loads its plugin into a fresh sandbox, so
/// whatever a plugin keeps between calls depends only on the unit, never on which worker ran it.
///
/// ```swift
/// let loaded = ProjectLoader.load(directory: URL(fileURLWithPath: "instruments"))
/// let evaluator = try PluginEvaluator(project: loaded.project!, pluginsDirectory: URL(fileURLWithPath: "plugins"))
/// let results = evaluator.evaluate(dates: EvaluationDates(asOf: Day("2026-11-23")!, calendar: loaded.project!.calendar)!)
/// ```
public final class PluginEvaluator: Sendable {
    /// Fewest instruments of one plugin evaluated by one sandbox before it is replaced by a fresh one.
    public static let batchSize = 32
    /// Most units of work per plugin: past `batchSize × unitsPerPlugin` instruments, batches grow.
    public static let unitsPerPlugin = 32

    /// Instruments per unit for a plugin that lists (or is named by) `count` instruments:
    /// ``batchSize``, or more when that would make more than ``unitsPerPlugin`` units.
    ///
    /// A plugin's file lists its instruments, and every unit runs the file again in its fresh
    /// sandbox, so one load costs in proportion to that list; with fixed batches, a plugin of
    /// thousands of instruments would cost in proportion to their square. Growing the batches
    /// with the list keeps the loads of one plugin to at most ``unitsPerPlugin``, so the
    /// plugin's share of an instrument's cost stays the same at any size.
    public static func batchSize(instruments count: Int) -> Int {
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
    let modules: URL?

    /// A plugin file's text.
    public struct PluginSource: Sendable, Hashable {
        /// The name (the file name without `.lua`).
        public var name: String
        /// The file as shown in messages.
        public var file: String
        /// The Lua source.
        public var source: String
        /// The source compiled once (nil when it does not compile: each unit then reports the
        /// syntax error, located).
        var bytecode: LuaBytecode?
    }

    /// Finds `*.lua` in `pluginsDirectory` (sorted; `lib/`, `types/` and `tests/` are not plugins)
    /// and prepares the evaluation; `require` loads from `pluginsDirectory/lib`.
    public init(project: Project, pluginsDirectory: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                limits: LuaLimits = .default, displayPath: String? = nil) throws {
        self.project = project
        self.jobs = max(1, jobs)
        self.limits = limits
        let shown = displayPath ?? pluginsDirectory.relativeDisplayPath
        let names = try FileManager.default.contentsOfDirectory(atPath: pluginsDirectory.path)
            .filter { $0.hasSuffix(".lua") }
            .sorted()
        var plugins: [PluginSource] = []
        for name in names {
            let url = pluginsDirectory.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            let file = shown.isEmpty ? name : "\(shown)/\(name)"
            let source = String(decoding: data, as: UTF8.self)
            plugins.append(PluginSource(
                name: String(name.dropLast(4)),
                file: file,
                source: source,
                bytecode: try? LuaBytecode.compile(source, chunkName: file)
            ))
        }
        self.plugins = plugins
        let lib = pluginsDirectory.appendingPathComponent("lib")
        var isDirectory: ObjCBool = false
        let modules = FileManager.default.fileExists(atPath: lib.path, isDirectory: &isDirectory) && isDirectory.boolValue ? lib : nil
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
    public func evaluate(dates: EvaluationDates) -> ProjectEvaluation {
        let units = workUnits()
        let results = ResultSlots(count: units.count)
        let next = UnitCounter()
        let workers = min(jobs, max(units.count, 1))
        let runUnits: @Sendable () -> Void = { [self] in
            while let index = next.take(below: units.count) {
                results.store(evaluate(units[index], dates: dates), at: index)
            }
        }
        if workers <= 1 {
            runUnits()
        } else {
            let group = DispatchGroup()
            for _ in 0..<workers {
                let thread = Thread {
                    runUnits()
                    group.leave()
                }
                thread.stackSize = 8 << 20
                group.enter()
                thread.start()
            }
            group.wait()
        }
        var byInstrument: [String: InstrumentResult] = [:]
        for result in results.all().flatMap({ $0 }) { byInstrument[result.instrumentID] = result }
        return ProjectEvaluation(dates: dates, instruments: project.instruments.compactMap { byInstrument[$0.id] })
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
                let error = PluginLoadError(file: plugin.file, problems: ["the plugin does not list instrument '\(instrument.id)' in its 'instruments', but the instrument names it"])
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
            item.evaluatedBy = error.file
        }
        for index in result.indicators.indices { fail(&result.indicators[index]) }
        for index in result.actions.indices { fail(&result.actions[index]) }
        result.status = .error
        result.progress = nil
        result.improved = false
        result.findings = findings + result.findings
        result.evaluatedBy = error.file
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
                    } else {
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

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ results: [InstrumentResult], at index: Int) {
        lock.lock()
        slots[index] = results
        lock.unlock()
    }

    func all() -> [[InstrumentResult]] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// Hands out unit indexes to workers.
private final class UnitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
