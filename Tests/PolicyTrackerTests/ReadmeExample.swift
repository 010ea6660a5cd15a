import Foundation
import PolicyKit
import PolicyLua

/// The project files could not be used; `report` lists every problem.
struct InvalidProjectFiles: Error {
    let report: String
}

/// Evaluates every instrument of the project in `folder` (which holds instruments/ and
/// plugins/) as of the end of reporting period `period` (such as "P6"), through each region's
/// rules, and returns each instrument's status.
func instrumentStatuses(in folder: URL, asOf period: String) async throws -> [String: EvaluationStatus] {
    let loaded = ProjectLoader.load(directory: folder.appendingPathComponent("instruments"))
    guard let project = loaded.project, !loaded.hasErrors else {
        throw InvalidProjectFiles(report: loaded.report)
    }
    let dates = EvaluationDates(period: period, calendar: project.calendar)!
    let evaluator = try PluginEvaluator(project: project, pluginsDirectory: folder.appendingPathComponent("plugins"))
    // runs on the evaluator's own threads; the task is resumed when they are done
    let evaluation = try await evaluator.evaluate(dates: dates)
    var statuses: [String: EvaluationStatus] = [:]
    for result in evaluation.instruments {
        statuses[result.instrumentID] = result.status
    }
    return statuses
}
