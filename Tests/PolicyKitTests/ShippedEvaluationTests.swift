import Foundation
import PolicyKit
import Testing

@Suite("Standard rules over the shipped instruments")
struct ShippedEvaluationTests {
    static func project() throws -> Project {
        let result = ProjectLoader.load(directory: Fixtures.shipped, displayPath: "instruments")
        #expect(!result.hasErrors, "\(result.report)")
        return try #require(result.project)
    }

    @Test("Dates from a period id: as_of is the period's last day")
    func periodDates() throws {
        let calendar = try Self.project().calendar
        let dates = try #require(EvaluationDates(period: "P4", calendar: calendar))
        #expect(dates.asOf == Day("2025-02-28"))
        #expect(dates.knownOn == dates.asOf)
        #expect(dates.period.id == "P4")
        #expect(EvaluationDates(period: "P9", calendar: calendar) == nil)
    }

    @Test("Every shipped instrument evaluates to rule statuses, identically twice", arguments: ["2026-11-23", "P4"])
    func shipped(when: String) throws {
        let project = try Self.project()
        let dates = try #require(
            Day(when).flatMap { EvaluationDates(asOf: $0, calendar: project.calendar) }
                ?? EvaluationDates(period: when, calendar: project.calendar))
        let evaluation = StandardEvaluator.evaluate(project, dates: dates)
        #expect(evaluation.instruments.map(\.instrumentID) == project.instruments.map(\.id))
        #expect(!evaluation.hasErrors)
        for instrument in evaluation.instruments {
            let source = try #require(project.instrument(id: instrument.instrumentID))
            #expect(EvaluationStatus.ruleStatuses.contains(instrument.status), "\(instrument.instrumentID)")
            #expect(instrument.indicators.map(\.id) == source.indicators.map(\.id))
            #expect(instrument.actions.map(\.id) == source.actions.map(\.id))
            #expect(!instrument.explanation.isEmpty)
            for item in instrument.indicators + instrument.actions {
                #expect(EvaluationStatus.ruleStatuses.contains(item.status), "\(instrument.instrumentID) \(item.id)")
                #expect(!item.explanation.isEmpty, "\(instrument.instrumentID) \(item.id)")
                if let progress = item.progress { #expect(progress.isFinite) }
                if let expected = item.expected { #expect((0...1).contains(expected)) }
            }
        }
        #expect(StandardEvaluator.evaluate(project, dates: dates) == evaluation)
    }

    @Test("The lead partner's instrument on 2026-11-23")
    func peloponnese() throws {
        let project = try Self.project()
        let day = try #require(Day("2026-11-23"))
        let dates = try #require(EvaluationDates(asOf: day, calendar: project.calendar))
        let result = try #require(StandardEvaluator.evaluate(project, dates: dates).instrument(id: "gr-peloponnese-rop"))
        #expect(result.status == .onTrack)
        #expect(result.improved)
        #expect(result.illustrative)
        let supported = try #require(result.indicators.first { $0.id == "se-enterprises-supported" })
        #expect(supported.status == .onTrack)
        #expect(supported.progress == 0.8)
        #expect(supported.explanation.contains(
            "expected value on 2026-11-23 = 40 enterprises (the intermediate target, 2025-12-31) + 327 of 730 days towards 120 enterprises (the target, 2027-12-31) = 75.84 enterprises; expected = its progress, 0.63"))
        #expect(supported.findings == [
            Finding(.info, "P3 value 14 enterprises reported on 2025-04-24 corrects 12 enterprises reported on 2024-10-30: Two late applications from Messinia counted after verification"),
            Finding(.warning, "Missing report: no value for P1 (due 2023-11-30) as known on 2026-11-23"),
            Finding(.info, "P7 value 96 enterprises is provisional (reported on 2026-10-21)"),
        ])
        // The worked example of the StandardRules article is this result, line for line.
        let article = Fixtures.text(Fixtures.testsFolder.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PolicyKit/PolicyKit.docc/TheStandardRules.md"))
        let blocks = article.components(separatedBy: "```\n").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(blocks.count == 2)
        #expect(blocks.first == supported.explanation.map { $0 + "\n" }.joined())
        #expect(blocks.last == supported.findings.map { "\($0.severity.rawValue): \($0.message)\n" }.joined())
        let participations = try #require(result.indicators.first { $0.id == "rco81-participations" })
        #expect(participations.explanation.contains(
            "current value: baseline + values of P1 to P7 = 0 + 12 + 34 + 26 + 38 + 22 + 20 + 15 = 167 participations (incremental)"))
    }
}
