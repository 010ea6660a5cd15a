import Foundation
import PolicyKit
import PolicyLua

/// The project files could not be used; `report` lists every problem.
struct InvalidProjectFiles: Error {
    let report: String
}

/// Evaluates every instrument of the project in `folder` (which holds instruments/ and
/// plugins/) on `day`, through each region's rules, and returns each instrument's status.
func instrumentStatuses(in folder: URL, on day: String) throws -> [String: EvaluationStatus] {
    let loaded = ProjectLoader.load(directory: folder.appendingPathComponent("instruments"))
    guard let project = loaded.project, !loaded.hasErrors else {
        throw InvalidProjectFiles(report: loaded.report)
    }
    let dates = EvaluationDates(asOf: Day(day)!, calendar: project.calendar)!
    let evaluator = try PluginEvaluator(project: project, pluginsDirectory: folder.appendingPathComponent("plugins"))
    var statuses: [String: EvaluationStatus] = [:]
    for result in evaluator.evaluate(dates: dates).instruments {
        statuses[result.instrumentID] = result.status
    }
    return statuses
}
