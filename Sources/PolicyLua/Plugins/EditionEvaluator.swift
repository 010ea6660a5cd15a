public import Foundation
public import PolicyKit

/// Runs the evaluations that `EditionDiff.compare(from:to:evaluations:mode:asOf:knownOn:reported:accepted:)`
/// attributes changes with: each edition's data under each edition's plugins.
public enum EditionEvaluator {
    /// The evaluation of `data` under the plugins in `plugins` (a missing folder: no plugin), for
    /// every column; messages name the plugin files under `pluginsDisplay`.
    public static func evaluate(_ data: EditionSnapshot, plugins: URL, pluginsDisplay: String, columns: [MatrixColumn],
                                knownOn: Day, jobs: Int) throws -> EditionEvaluation {
        let evaluator: PluginEvaluator
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: plugins.path, isDirectory: &isDirectory), isDirectory.boolValue {
            evaluator = try PluginEvaluator(project: data.project, pluginsDirectory: plugins, jobs: jobs, displayPath: pluginsDisplay)
        } else {
            // an edition without a plugins folder: what the instruments get when their plugin is missing
            let empty = FileManager.default.temporaryDirectory
                .appendingPathComponent("policy-tracker-no-plugins-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: empty) }
            evaluator = try PluginEvaluator(project: data.project, pluginsDirectory: empty, jobs: jobs, displayPath: pluginsDisplay)
        }
        return EditionEvaluation.evaluate(project: data.project, columns: columns, knownOn: knownOn) {
            evaluator.evaluate(dates: $0)
        }
    }

    /// The four evaluations of a comparison. Those that must be equal run once (the same rules,
    /// or the same data); the two counterfactual ones (the later data under the earlier
    /// plugins, the earlier data under the later plugins) run only for the instruments whose
    /// results differ between the editions, since instruments are evaluated independently.
    public static func counterfactuals(from: EditionSnapshot, fromPlugins: URL, to: EditionSnapshot, toPlugins: URL,
                                       columns: [MatrixColumn], knownOn: Day, jobs: Int) throws -> CounterfactualEvaluations {
        let display = to.pluginsDisplay
        func run(_ data: EditionSnapshot, _ plugins: URL) throws -> EditionEvaluation {
            try evaluate(data, plugins: plugins, pluginsDisplay: display, columns: columns, knownOn: knownOn, jobs: jobs)
        }
        let sameRules = from.ruleFiles == to.ruleFiles
        let sameData = from.project == to.project && Set(from.unloadable.keys) == Set(to.unloadable.keys)
        let both = try run(to, toPlugins)
        if sameRules && sameData {
            return CounterfactualEvaluations(base: both, dataOnly: both, rulesOnly: both, both: both)
        }
        let base = try run(from, fromPlugins)
        if sameRules { return CounterfactualEvaluations(base: base, dataOnly: both, rulesOnly: base, both: both) }
        if sameData { return CounterfactualEvaluations(base: base, dataOnly: base, rulesOnly: both, both: both) }
        var changed = Set<String>()
        for index in columns.indices {
            let before = base.results[index], after = both.results[index]
            for id in Set(before.keys).union(after.keys) where before[id] != after[id] { changed.insert(id) }
        }
        func restricted(_ snapshot: EditionSnapshot) -> EditionSnapshot {
            var copy = snapshot
            copy.project.instruments = snapshot.project.instruments.filter { changed.contains($0.id) }
            return copy
        }
        return CounterfactualEvaluations(base: base, dataOnly: try run(restricted(to), fromPlugins),
                                         rulesOnly: try run(restricted(from), toPlugins), both: both)
    }
}
