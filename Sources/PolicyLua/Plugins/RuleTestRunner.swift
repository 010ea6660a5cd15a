public import Foundation
public import PolicyKit

/// Runs rule fixtures (`plugins/tests/*.yaml`) through the real plugins and reports, per case,
/// the differences from what was expected, and which statuses each plugin's hooks produced.
public struct RuleTestRunner {
    /// The outcome of one case.
    public struct CaseOutcome: Sendable {
        /// The case.
        public var fixture: RuleFixture
        /// Differences, one line each (`indicators.x.status: expected at-risk, got on-track`);
        /// empty when the case passed.
        public var differences: [String]
        /// Whether it passed.
        public var passed: Bool { differences.isEmpty }
    }

    /// Everything a run found.
    public struct Report: Sendable {
        /// Problems in the fixture files themselves.
        public var diagnostics: [Diagnostic]
        /// One outcome per case, in file order.
        public var cases: [CaseOutcome]
        /// Statuses produced by each plugin's own hooks: plugin file -> hook -> statuses.
        public var produced: [String: [PluginHook: Set<EvaluationStatus>]]
        /// Statuses each plugin declares its hooks can return (its `statuses` field).
        public var declared: [String: [PluginHook: [EvaluationStatus]]]

        /// Declared statuses that no fixture produced: "plugins/x.lua indicator: at-risk".
        public var missingCoverage: [String] {
            var missing: [String] = []
            for file in declared.keys.sorted() {
                for hook in PluginHook.allCases {
                    for status in declared[file]?[hook] ?? [] where !(produced[file]?[hook]?.contains(status) ?? false) {
                        missing.append("\(file) \(hook.rawValue): \(status.rawValue)")
                    }
                }
            }
            return missing
        }

        /// Whether every case passed, the files had no error and the declared coverage is complete.
        public var succeeded: Bool {
            !diagnostics.contains { $0.severity == .error } && cases.allSatisfy(\.passed) && missingCoverage.isEmpty
        }
    }

    /// The folder of instruments (project.yaml and the shipped instrument files).
    public var instrumentsDirectory: URL
    /// The folder of plugins (fixtures in its `tests/`).
    public var pluginsDirectory: URL
    /// How plugin paths appear in messages.
    public var pluginsDisplayPath: String
    /// Limits of every call into a plugin.
    public var limits: LuaLimits

    /// Creates a runner.
    public init(instrumentsDirectory: URL, pluginsDirectory: URL, pluginsDisplayPath: String, limits: LuaLimits = .default) {
        self.instrumentsDirectory = instrumentsDirectory
        self.pluginsDirectory = pluginsDirectory
        self.pluginsDisplayPath = pluginsDisplayPath
        self.limits = limits
    }

    /// Runs the fixtures whose file name, plugin or case name contains `filter` (all when nil).
    public func run(filter: String? = nil) throws -> Report {
        let testsDirectory = pluginsDirectory.appendingPathComponent("tests")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: testsDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var report = Report(diagnostics: [], cases: [], produced: [:], declared: [:])
        let loaded = ProjectLoader.load(directory: instrumentsDirectory)
        guard let project = loaded.project else {
            report.diagnostics = loaded.diagnostics
            return report
        }
        let projectBytes = (try? Data(contentsOf: instrumentsDirectory.appendingPathComponent("project.yaml"))).map { Array($0) } ?? []
        for name in files {
            let shown = "\(pluginsDisplayPath)/tests/\(name)"
            let (cases, diagnostics) = RuleFixture.load(contentsOf: testsDirectory.appendingPathComponent(name), displayPath: shown)
            report.diagnostics += diagnostics
            for fixture in cases {
                if let filter, !name.contains(filter), !fixture.plugin.contains(filter), !fixture.name.contains(filter) { continue }
                report.cases.append(run(fixture, project: project, projectBytes: projectBytes, report: &report))
            }
        }
        return report
    }

    private func run(_ fixture: RuleFixture, project shipped: Project, projectBytes: [UInt8], report: inout Report) -> CaseOutcome {
        var project = shipped
        if let yaml = fixture.instrumentYAML {
            let loaded = ProjectLoader.load(project: ("project.yaml", projectBytes),
                                            instruments: [("\(fixture.instrument).yaml", Array(yaml.utf8))])
            guard let excerpt = loaded.project, !loaded.hasErrors else {
                let problems = loaded.diagnostics.map { "instrument_yaml: \($0.description)" }
                return CaseOutcome(fixture: fixture, differences: problems.isEmpty ? ["instrument_yaml does not load"] : problems)
            }
            project = excerpt
        }
        guard let instrument = project.instrument(id: fixture.instrument) else {
            return CaseOutcome(fixture: fixture, differences: ["no instrument '\(fixture.instrument)'"])
        }
        let asOf = Day(fixture.asOf) ?? project.calendar.period(id: fixture.asOf)?.end
        guard let asOf, let dates = EvaluationDates(asOf: asOf, knownOn: fixture.knownOn, calendar: project.calendar) else {
            return CaseOutcome(fixture: fixture, differences: ["as_of '\(fixture.asOf)' is not a date or a period of the project"])
        }
        // evaluate just this instrument, through its plugin
        project.instruments = [instrument]
        let evaluation: ProjectEvaluation
        do {
            let evaluator = try PluginEvaluator(project: project, pluginsDirectory: pluginsDirectory, jobs: 1, limits: limits, displayPath: pluginsDisplayPath)
            evaluation = evaluator.evaluate(dates: dates)
            for plugin in evaluator.plugins where plugin.name == fixture.plugin {
                if case .success(let descriptor)? = evaluator.descriptors[plugin.file] {
                    report.declared[plugin.file] = descriptor.declaredStatuses
                }
            }
        } catch {
            return CaseOutcome(fixture: fixture, differences: ["cannot read the plugins: \(error)"])
        }
        guard let result = evaluation.instrument(id: instrument.id) else {
            return CaseOutcome(fixture: fixture, differences: ["the instrument was not evaluated"])
        }
        record(result, into: &report)
        var differences: [String] = []
        if let expected = fixture.expectedInstrument {
            differences += compare(expected, status: result.status, progress: result.progress, note: result.note,
                                   improved: result.improved, label: "instrument", tolerance: fixture.tolerance)
        }
        let items = [("indicators", "indicator", fixture.expectedIndicators, result.indicators),
                     ("actions", "action", fixture.expectedActions, result.actions)]
        for (group, kind, expectations, results) in items {
            for (id, expected) in expectations {
                guard let item = results.first(where: { $0.id == id }) else {
                    differences.append("\(group).\(id): no such \(kind) in \(instrument.id)")
                    continue
                }
                differences += compare(expected, status: item.status, progress: item.progress, note: item.note,
                                       improved: nil, label: "\(group).\(id)", tolerance: fixture.tolerance)
            }
        }
        // an error anywhere in the instrument is a failure even if not asked about
        for finding in (result.findings + result.indicators.flatMap(\.findings) + result.actions.flatMap(\.findings))
        where finding.severity == .error && !differences.contains(finding.message) {
            differences.append("error: \(finding.message)")
        }
        return CaseOutcome(fixture: fixture, differences: differences)
    }

    private func record(_ result: InstrumentResult, into report: inout Report) {
        // a status counts for the hook when the hook decided it (it returned a result)
        func add(_ decider: TraceOrigin?, _ hook: PluginHook, _ status: EvaluationStatus) {
            guard let decider, decider.isPlugin, let file = decider.file, status != .error else { return }
            report.produced[file, default: [:]][hook, default: []].insert(status)
        }
        add(result.decidedBy.status, .instrument, result.status)
        for item in result.indicators { add(item.decidedBy.status, .indicator, item.status) }
        for item in result.actions { add(item.decidedBy.status, .action, item.status) }
    }

    private func compare(_ expected: RuleFixture.Expectation, status: EvaluationStatus, progress: Double?, note: String?,
                         improved: Bool?, label: String, tolerance: Double) -> [String] {
        var differences: [String] = []
        if let want = expected.status, want != status {
            differences.append("\(label).status: expected \(want.rawValue), got \(status.rawValue)")
        }
        if let want = expected.progress {
            if let got = progress {
                if abs(got - want) > tolerance { differences.append("\(label).progress: expected \(format(want)), got \(format(got))") }
            } else {
                differences.append("\(label).progress: expected \(format(want)), got nil")
            }
        }
        if let want = expected.note, want != note {
            differences.append("\(label).note: expected \"\(want)\", got \(note.map { "\"\($0)\"" } ?? "nil")")
        }
        if let want = expected.improved, want != improved {
            differences.append("\(label).improved: expected \(want), got \(improved.map(String.init) ?? "nil")")
        }
        return differences
    }

    private func format(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}
