import Foundation
import PolicyKit
import PolicyLua
import Testing

/// Every result of every shipped instrument, through the shipped plugins, at every period end:
/// its trace agrees with it (the last status decision is the status; the step that last set the
/// progress, the expected progress and `improved` carries the number shown), every step has a
/// located origin, and no path in a trace is absolute.
@Suite("Traces agree with the results")
struct TraceConsistencyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let project: Project? = ProjectLoader.load(directory: root.appendingPathComponent("instruments")).project

    static let periods: [String] = project?.calendar.periods.map(\.id) ?? []

    @Test(arguments: periods)
    func atTheEndOf(period id: String) throws {
        let project = try #require(Self.project)
        let period = try #require(project.calendar.period(id: id))
        let dates = try #require(EvaluationDates(asOf: period.end, calendar: project.calendar))
        let evaluator = try PluginEvaluator(project: project, pluginsDirectory: Self.root.appendingPathComponent("plugins"), jobs: 2)
        let evaluation = evaluator.evaluate(dates: dates)
        #expect(evaluation.instruments.count == project.instruments.count)
        for result in evaluation.instruments {
            let label = "\(result.instrumentID) at \(id)"
            #expect(result.evaluatedBy.plugin == project.instrument(id: result.instrumentID)?.plugin.map { "plugins/\($0).lua" }, "\(label)")
            check(result.trace, status: result.status, progress: result.progress, expected: result.expected, label: label)
            let improved = try #require(result.trace.lastStep(setting: .improved), "\(label): nothing decides improved")
            #expect(improved.improved == result.improved, "\(label): improved")
            for item in result.indicators + result.actions {
                check(item.trace, status: item.status, progress: item.progress, expected: item.expected, label: "\(label) \(item.id)")
                #expect(item.trace.lastStep(setting: .improved) == nil, "\(label) \(item.id): an item decides no improvement")
            }
        }
    }

    /// The checks on one result.
    private func check(_ trace: Trace, status: EvaluationStatus, progress: Double?, expected: Double?, label: String) {
        // the last decision of the status is the status, and its text says it
        let decision = trace.lastStep(setting: .status)
        #expect(decision?.status == status, "\(label): last status decision \(String(describing: decision?.status)), result \(status)")
        #expect(decision?.kind == .decision || decision?.kind == .override, "\(label)")
        #expect(decision.map { $0.text.contains(status.rawValue) } == true, "\(label): '\(decision?.text ?? "")' does not say \(status.rawValue)")
        // the numbers shown are the numbers of the steps that set them
        let progressStep = trace.lastStep(setting: .progress)
        #expect(progressStep != nil, "\(label): nothing decides the progress")
        #expect(progressStep?.number("progress") == progress, "\(label): progress \(String(describing: progress)) vs trace \(String(describing: progressStep?.number("progress")))")
        if let expected {
            #expect(trace.lastStep(setting: .expected)?.number("expected") == expected, "\(label): expected")
        }
        // every step is located: inputs at a line of an instrument file, plugin steps at a line of a plugin
        for step in trace.steps {
            switch step.origin.kind {
            case .file:
                #expect(step.origin.file?.hasPrefix("instruments/") == true && step.origin.line != nil, "\(label): \(step.origin) \(step.text)")
                #expect(step.kind == .input, "\(label): \(step.text)")
            case .plugin:
                #expect(step.origin.file?.hasPrefix("plugins/") == true && step.origin.line != nil, "\(label): \(step.origin) \(step.text)")
            case .standard:
                #expect(step.origin.rule?.isEmpty == false, "\(label): \(step.text)")
            }
            #expect(step.origin.file?.hasPrefix("/") != true && step.supersedes?.file?.hasPrefix("/") != true, "\(label): absolute path")
        }
        // a plugin that replaced a standard field says so with an override step
        for field in [ResultField.status, .progress, .expected] {
            let setters = trace.steps.filter { $0.sets.contains(field) }
            guard let last = setters.last, last.origin.isPlugin, setters.count > 1,
                  let standard = setters.dropLast().last, !standard.origin.isPlugin else { continue }
            let same = field == .status ? standard.status == last.status : standard.number(field.rawValue) == last.number(field.rawValue)
            #expect(last.kind == (same ? .decision : .override), "\(label): \(field) \(last.text)")
        }
    }
}
