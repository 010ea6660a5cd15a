package import Foundation
package import PolicyKit

/// Runs rule fixtures (`plugins/tests/*.yaml`) through the real plugins and reports, per case,
/// the differences from what was expected, and which statuses each plugin's hooks produced.
package struct RuleTestRunner {
    /// The outcome of one case.
    package struct CaseOutcome: Sendable {
        /// The case.
        package var fixture: RuleFixture
        /// Differences, one line each (`indicators.x.status: expected at-risk, got on-track`).
        package var differences: [String]
        /// Located problems of the case: its own text (an expectation that cannot be checked) and
        /// its `instrument_yaml`, shown at their place in the fixture file.
        package var diagnostics: [Diagnostic] = []
        /// Whether it passed: no difference and no error.
        package var passed: Bool { differences.isEmpty && !diagnostics.contains { $0.severity == .error } }
    }

    /// Everything a run found.
    package struct Report: Sendable {
        /// Problems in the fixture files that belong to no case, and the load errors of the
        /// plugins the cases ran (each once, however many cases use the plugin).
        package var diagnostics: [Diagnostic]
        /// One outcome per case, in file order.
        package var cases: [CaseOutcome]
        /// Statuses produced by each plugin's own hooks: plugin file -> hook -> statuses.
        package var produced: [String: [PluginHook: Set<EvaluationStatus>]]
        /// Statuses each plugin declares its hooks can return (its `statuses` field).
        package var declared: [String: [PluginHook: [EvaluationStatus]]]
        /// The plugin files whose cases did not all run (a filtered run): their coverage is
        /// shown for the cases that ran, but what no case produced is not held against them.
        package var partlyRun: [String: (ran: Int, of: Int)] = [:]

        /// Declared statuses that no fixture produced: "plugins/x.lua indicator: at-risk"; only for
        /// plugins whose cases all ran.
        package var missingCoverage: [String] {
            var missing: [String] = []
            for file in declared.keys.sorted() where partlyRun[file] == nil {
                for hook in PluginHook.allCases {
                    for status in declared[file]?[hook] ?? [] where !(produced[file]?[hook]?.contains(status) ?? false) {
                        missing.append("\(file) \(hook.rawValue): \(status.rawValue)")
                    }
                }
            }
            return missing
        }

        /// Whether every case passed, the files had no error and the declared coverage is complete.
        package var succeeded: Bool {
            !diagnostics.contains { $0.severity == .error } && cases.allSatisfy(\.passed) && missingCoverage.isEmpty
        }
    }

    /// The folder of instruments (project.yaml and the shipped instrument files).
    package var instrumentsDirectory: URL
    /// The folder of plugins (fixtures in its `tests/`).
    package var pluginsDirectory: URL
    /// How plugin paths appear in messages.
    package var pluginsDisplayPath: String
    /// Limits of every call into a plugin.
    package var limits: LuaLimits

    /// Creates a runner.
    package init(instrumentsDirectory: URL, pluginsDirectory: URL, pluginsDisplayPath: String, limits: LuaLimits = .default) {
        self.instrumentsDirectory = instrumentsDirectory
        self.pluginsDirectory = pluginsDirectory
        self.pluginsDisplayPath = pluginsDisplayPath
        self.limits = limits
    }

    /// Runs the fixtures whose file name, plugin or case name contains `filter` (all when nil).
    package func run(filter: String? = nil) throws -> Report {
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
        var casesOfPlugin: [String: (ran: Int, of: Int)] = [:]
        var loadErrors: [String: Bool] = [:]
        for name in files {
            let shown = "\(pluginsDisplayPath)/tests/\(name)"
            let (cases, diagnostics) = RuleFixture.load(contentsOf: testsDirectory.appendingPathComponent(name), displayPath: shown)
            report.diagnostics += diagnostics
            for fixture in cases {
                casesOfPlugin[fixture.plugin, default: (0, 0)].of += 1
                if let filter, !name.contains(filter), !fixture.plugin.contains(filter), !fixture.name.contains(filter) { continue }
                casesOfPlugin[fixture.plugin, default: (0, 0)].ran += 1
                report.cases.append(run(fixture, project: project, projectBytes: projectBytes, report: &report, loadErrors: &loadErrors))
            }
        }
        for (plugin, count) in casesOfPlugin where count.ran < count.of && count.ran > 0 {
            report.partlyRun[pluginFile(plugin)] = count
        }
        return report
    }

    /// The file of a plugin, as shown in messages.
    private func pluginFile(_ name: String) -> String {
        pluginsDisplayPath.isEmpty ? "\(name).lua" : "\(pluginsDisplayPath)/\(name).lua"
    }

    /// A problem of a case's `instrument_yaml`, moved to its place in the fixture file.
    private func inFixture(_ diagnostic: Diagnostic, of fixture: RuleFixture, embeddedPath: String) -> Diagnostic {
        guard diagnostic.path == embeddedPath, let start = fixture.instrumentYAMLStart else { return diagnostic }
        if start.literal {
            // every line of a literal block loses the same indentation
            return Diagnostic(path: fixture.file, line: start.line + diagnostic.line - 1, column: diagnostic.column + start.column - 1,
                              severity: diagnostic.severity, message: "instrument_yaml: \(diagnostic.message)")
        }
        return Diagnostic(path: fixture.file, line: start.line, column: start.column, severity: diagnostic.severity,
                          message: "instrument_yaml, line \(diagnostic.line), column \(diagnostic.column): \(diagnostic.message)")
    }

    private func run(_ fixture: RuleFixture, project shipped: Project, projectBytes: [UInt8], report: inout Report,
                     loadErrors: inout [String: Bool]) -> CaseOutcome {
        var project = shipped
        var diagnostics = fixture.problems
        if let yaml = fixture.instrumentYAML {
            let embeddedPath = "\(fixture.instrument).yaml"
            let loaded = ProjectLoader.load(project: ("project.yaml", projectBytes), instruments: [(embeddedPath, Array(yaml.utf8))])
            diagnostics += loaded.diagnostics.map { inFixture($0, of: fixture, embeddedPath: embeddedPath) }
            guard let excerpt = loaded.project, !loaded.hasErrors else {
                return CaseOutcome(fixture: fixture, differences: diagnostics.isEmpty ? ["instrument_yaml does not load"] : [],
                                   diagnostics: diagnostics)
            }
            project = excerpt
        }
        guard let instrument = project.instrument(id: fixture.instrument) else {
            return CaseOutcome(fixture: fixture, differences: ["no instrument '\(fixture.instrument)'"], diagnostics: diagnostics)
        }
        let asOf = Day(fixture.asOf) ?? project.calendar.period(id: fixture.asOf)?.end
        guard let asOf, let dates = EvaluationDates(asOf: asOf, knownOn: fixture.knownOn, calendar: project.calendar) else {
            return CaseOutcome(fixture: fixture, differences: ["as_of '\(fixture.asOf)' is not a date or a period of the project"],
                               diagnostics: diagnostics)
        }
        // evaluate just this instrument, through its plugin
        project.instruments = [instrument]
        let evaluation: ProjectEvaluation
        var brokenPlugin: String?
        do {
            let evaluator = try PluginEvaluator(project: project, pluginsDirectory: pluginsDirectory, jobs: 1, limits: limits, displayPath: pluginsDisplayPath)
            evaluation = evaluator.evaluate(dates: dates)
            let file = pluginFile(fixture.plugin)
            switch evaluator.plugins.first(where: { $0.name == fixture.plugin }).flatMap({ evaluator.descriptors[$0.file] }) {
            case .success(let descriptor)?:
                report.declared[file] = descriptor.declaredStatuses
                // a declaration that cannot be trusted fails the run (once)
                if !descriptor.statusWarnings.isEmpty, loadErrors.updateValue(false, forKey: file) == nil,
                   let plugin = evaluator.plugins.first(where: { $0.name == fixture.plugin }) {
                    report.diagnostics += evaluator.pluginWarnings(of: plugin).map { PluginLoadError.diagnostic(fromProblem: $0, file: file) }
                }
            case .failure(let error)?:
                // reported once for the run, not under every case of the plugin
                brokenPlugin = "\(file) cannot be loaded (see its errors above)"
                if loadErrors.updateValue(true, forKey: file) == nil { report.diagnostics += error.diagnostics }
            case nil:
                brokenPlugin = "there is no \(file) (see above)"
                if loadErrors.updateValue(true, forKey: file) == nil {
                    let names = evaluator.plugins.map(\.name)
                    let hint = EditDistance.suggestion(for: fixture.plugin, among: names).map { "; did you mean `\($0)`?" } ?? ""
                    report.diagnostics.append(Diagnostic(path: fixture.file, line: fixture.pluginLocation.line, column: fixture.pluginLocation.column,
                                                         severity: .error, message: "`plugin` names `\(fixture.plugin)`, but there is no \(file)\(hint)"))
                }
            }
        } catch {
            return CaseOutcome(fixture: fixture, differences: ["cannot read the plugins: \(error)"], diagnostics: diagnostics)
        }
        guard let result = evaluation.instrument(id: instrument.id) else {
            return CaseOutcome(fixture: fixture, differences: ["the instrument was not evaluated"], diagnostics: diagnostics)
        }
        if let brokenPlugin {
            return CaseOutcome(fixture: fixture, differences: [brokenPlugin], diagnostics: diagnostics)
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
        return CaseOutcome(fixture: fixture, differences: differences, diagnostics: diagnostics)
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
