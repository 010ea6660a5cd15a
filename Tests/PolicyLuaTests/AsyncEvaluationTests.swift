import Foundation
import PolicyKit
import Testing
import PolicyLua

/// The shipped project and plugins, as a Swift app would load them.
private enum Shipped {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func project() throws -> Project {
        try #require(ProjectLoader.load(directory: root.appendingPathComponent("instruments")).project)
    }

    static func evaluator(_ project: Project, jobs: Int) throws -> PluginEvaluator {
        try PluginEvaluator(project: project, pluginsDirectory: root.appendingPathComponent("plugins"), jobs: jobs, displayPath: "plugins")
    }

    /// Every period end of the project, as the matrix evaluates its columns.
    static func periodEnds(_ project: Project) -> [EvaluationDates] {
        project.calendar.periods.compactMap { EvaluationDates(period: $0.id, calendar: project.calendar) }
    }

    /// The blocking evaluation (in an `async` function, `evaluate(dates:)` is the `async` one).
    static func blocking(_ evaluator: PluginEvaluator, _ dates: EvaluationDates) -> ProjectEvaluation {
        evaluator.evaluate(dates: dates)
    }

    static func blocking(_ evaluator: PluginEvaluator, _ ids: [String], _ dates: EvaluationDates) throws -> ProjectEvaluation {
        try evaluator.evaluate(instruments: ids, dates: dates)
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }
}

@Suite("Evaluation from Swift concurrency and of a subset")
struct AsyncEvaluationTests {
    @Test("The async evaluation equals the synchronous one at every period end, for 1, 2 and 3 workers", arguments: [1, 2, 3])
    func asyncEqualsSync(jobs: Int) async throws {
        let project = try Shipped.project()
        let evaluator = try Shipped.evaluator(project, jobs: jobs)
        for dates in Shipped.periodEnds(project) {
            let synchronous = Shipped.blocking(evaluator, dates)
            let asynchronous: ProjectEvaluation = try await evaluator.evaluate(dates: dates)
            #expect(try Shipped.json(asynchronous) == Shipped.json(synchronous), "\(dates.period.id)")
            #expect(asynchronous.instruments.count == project.instruments.count)
        }
    }

    @Test("Every shipped instrument evaluated alone equals its result in the whole run, byte for byte in JSON")
    func subsetEqualsWholeRun() async throws {
        let project = try Shipped.project()
        let evaluator = try Shipped.evaluator(project, jobs: 2)
        for dates in Shipped.periodEnds(project) {
            let whole = Shipped.blocking(evaluator, dates)
            for instrument in project.instruments {
                let alone = try Shipped.blocking(evaluator, [instrument.id], dates)
                let aloneAsync: ProjectEvaluation = try await evaluator.evaluate(instruments: [instrument.id], dates: dates)
                #expect(alone.instruments.map(\.instrumentID) == [instrument.id])
                let expected = try Shipped.json(#require(whole.instrument(id: instrument.id)))
                #expect(try Shipped.json(#require(alone.instruments.first)) == expected, "\(instrument.id) at \(dates.period.id)")
                #expect(try Shipped.json(#require(aloneAsync.instruments.first)) == expected, "\(instrument.id) at \(dates.period.id), async")
            }
        }
    }

    @Test("A subset comes back in project order, whatever the order asked")
    func subsetInProjectOrder() throws {
        let project = try Shipped.project()
        let ids = project.instruments.map(\.id)
        let evaluator = try Shipped.evaluator(project, jobs: 2)
        let dates = try #require(EvaluationDates(period: "P6", calendar: project.calendar))
        let asked = [ids[5], ids[0], ids[3]]
        #expect(try evaluator.evaluate(instruments: asked, dates: dates).instruments.map(\.instrumentID) == [ids[0], ids[3], ids[5]])
    }

    @Test("An unknown instrument id is an error that names it and the known ones")
    func unknownInstrument() throws {
        let project = try Shipped.project()
        let evaluator = try Shipped.evaluator(project, jobs: 1)
        let dates = try #require(EvaluationDates(period: "P6", calendar: project.calendar))
        let known = project.instruments.map(\.id).joined(separator: ", ")
        let error = try #require(#expect(throws: PluginEvaluator.UnknownInstrument.self) {
            try evaluator.evaluate(instruments: [project.instruments[0].id, "gr-nowhere"], dates: dates)
        })
        #expect(error.id == "gr-nowhere")
        #expect(error.description == "unknown instrument 'gr-nowhere'; the project has: \(known)")
    }

    @Test("A cancelled task stops the run and throws CancellationError")
    func cancellation() async throws {
        let project = try Shipped.project()
        let evaluator = try Shipped.evaluator(project, jobs: 2)
        let dates = try #require(EvaluationDates(period: "P6", calendar: project.calendar))
        let task = Task {
            try await evaluator.evaluate(dates: dates)
        }
        task.cancel()
        await #expect(throws: CancellationError.self) {
            _ = try await task.value
        }
    }

    @Test("Cancelling during a run stops it between units of work")
    func cancellationBetweenUnits() async throws {
        // 128 copies of one instrument under a plugin whose instrument hook spins for a while:
        // 4 units of 32, about a second of work for one worker
        var project = try Shipped.project()
        let template = project.instruments[0]
        project.instruments = (1...128).map { number in
            var copy = template
            copy.id = "gr-copy-\(1000 + number)"
            copy.plugin = "slow"
            return copy
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugins-slow-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let listed = project.instruments.map { "'\($0.id)'" }.joined(separator: ", ")
        try """
            return { name = "slow", api_level = 1, instruments = { \(listed) },
              instrument = function() local x = 0; for i = 1, 3000000 do x = x + i end; return { status = "on-track" } end }
            """.write(to: folder.appendingPathComponent("slow.lua"), atomically: true, encoding: .utf8)
        let evaluator = try PluginEvaluator(project: project, pluginsDirectory: folder, jobs: 1, displayPath: "plugins")
        let dates = try #require(EvaluationDates(period: "P6", calendar: project.calendar))
        let task = Task { try await evaluator.evaluate(dates: dates) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) {
            _ = try await task.value
        }
    }

    @Test("The matrix built with the async evaluator equals the one built with the synchronous one")
    func asyncMatrix() async throws {
        let project = try Shipped.project()
        let evaluator = try Shipped.evaluator(project, jobs: 2)
        let dates = try #require(EvaluationDates(asOf: Day("2026-11-23")!, knownOn: Day("2026-06-30"), calendar: project.calendar))
        let synchronous = try ProgressMatrix.build(project: project, dates: dates) { Shipped.blocking(evaluator, $0) }
        let asynchronous = try await ProgressMatrix.build(project: project, dates: dates) { try await evaluator.evaluate(dates: $0) }
        #expect(asynchronous == synchronous)
        #expect(asynchronous.rendered(as: .json) == synchronous.rendered(as: .json))
        #expect(asynchronous.comparedWith == Day("2026-11-23"))
    }
}
