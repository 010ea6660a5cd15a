import Foundation
import PolicyKit
import PolicyLua

/// Prints how each instrument's status changed between two period ends and writes the matrix.
@main
struct StatusChanges {
    /// What went wrong, in one line.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func main() async {
        do {
            try await run(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("StatusChanges: \(error)\n".utf8))
            exit(2)
        }
    }

    static func run(_ arguments: [String]) async throws {
        let folder = URL(fileURLWithPath: arguments.first ?? ".")
        let loaded = ProjectLoader.load(directory: folder.appendingPathComponent("instruments"))
        guard let project = loaded.project, !loaded.hasErrors else {
            throw Failure(description: "the project files have errors:\n\(loaded.report)")
        }
        let calendar = project.calendar

        // the two periods: given, or the last two that ended by today
        let periodIDs: [String]
        if arguments.count >= 3 {
            periodIDs = [arguments[1], arguments[2]]
        } else {
            let today = Day(ISO8601DateFormatter().string(from: Date()).prefix(10))!   // UTC
            let ended = calendar.periods.filter { $0.end < today }
            guard ended.count >= 2 else { throw Failure(description: "fewer than two periods have ended") }
            periodIDs = ended.suffix(2).map(\.id)
        }
        let dates = try periodIDs.map { id in
            guard let dates = EvaluationDates(period: id, calendar: calendar) else {
                throw Failure(description: "unknown period '\(id)'; the project has \(calendar.periods.map(\.id).joined(separator: ", "))")
            }
            return dates
        }

        let evaluator = try PluginEvaluator(project: project, pluginsDirectory: folder.appendingPathComponent("plugins"),
                                            displayPath: "plugins")

        // every instrument at both period ends, each as its own child task
        var results: [String: [Int: InstrumentResult]] = [:]
        try await withThrowingTaskGroup(of: (String, Int, InstrumentResult?).self) { group in
            for instrument in project.instruments {
                for (index, periodDates) in dates.enumerated() {
                    group.addTask {
                        let evaluation = try await evaluator.evaluate(instruments: [instrument.id], dates: periodDates)
                        return (instrument.id, index, evaluation.instruments.first)
                    }
                }
            }
            for try await (id, index, result) in group {
                results[id, default: [:]][index] = result
            }
        }

        print("Status changes from \(periodIDs[0]) to \(periodIDs[1]) (\(project.name))")
        var changed = 0
        for instrument in project.instruments {
            guard let before = results[instrument.id]?[0], let after = results[instrument.id]?[1] else { continue }
            let progress = after.progress.map { String(format: " (progress %.0f%%)", $0 * 100) } ?? ""
            if before.status == after.status {
                print("  \(instrument.id): \(after.status.rawValue), unchanged\(progress)")
                continue
            }
            changed += 1
            print("  \(instrument.id): \(before.status.rawValue) -> \(after.status.rawValue)\(progress)")
            for line in after.explanation {
                print("      \(line)")
            }
        }
        print("\(changed) of \(project.instruments.count) instruments changed status")

        // the matrix as of the later period, through the async build
        let matrix = try await ProgressMatrix.build(project: project, dates: dates[1]) { columnDates in
            try await evaluator.evaluate(dates: columnDates)
        }
        let output = URL(fileURLWithPath: arguments.count >= 4 ? arguments[3] : ".")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        for format in [MatrixFormat.json, .html] {
            let file = output.appendingPathComponent("matrix.\(format.rawValue)")
            try Data(matrix.rendered(as: format).utf8).write(to: file, options: .atomic)
            print("wrote \(file.path)")
        }
    }
}
