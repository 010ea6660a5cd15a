import Foundation
import PolicyKit
import Testing

/// The progress matrix with made-up evaluations: the model does not care who evaluates.
@Suite("Progress matrix")
struct MatrixTests {
    static let project: Project = {
        let result = ProjectLoader.load(directory: Fixtures.shipped)
        return result.project!
    }()

    /// A made-up evaluator: progress grows with the period; reports after 2026-07-01 raise the
    /// lead partner's progress, so a knowledge date before it differs; one instrument is error
    /// when `failing` names it.
    final class FakeEvaluator: @unchecked Sendable {
        var calls: [EvaluationDates] = []
        let failing: String?

        init(failing: String? = nil) { self.failing = failing }

        func evaluate(_ dates: EvaluationDates) -> ProjectEvaluation {
            calls.append(dates)
            let instruments = MatrixTests.project.instruments.enumerated().map { index, instrument in
                var progress = Double(dates.period.index) / 10 + Double(index) / 100
                if index == 0, dates.knownOn >= Day("2026-07-01")! { progress += 0.25 }
                let status: EvaluationStatus = instrument.id == failing ? .error
                    : EvaluationStatus.ruleStatuses[(index + dates.period.index) % EvaluationStatus.ruleStatuses.count]
                return InstrumentResult(
                    instrumentID: instrument.id, partnerID: instrument.partner, progress: progress,
                    expected: Double(dates.period.index) / 8, status: status, improved: index < dates.period.index - 5,
                    findings: status == .error ? [Finding(.error, "plugins/x.lua:3: boom")] : [], illustrative: index % 2 == 0,
                    indicators: instrument.indicators.map { ItemResult(id: $0.id, kind: .indicator, progress: progress, status: status) },
                    actions: instrument.actions.map { ItemResult(id: $0.id, kind: .action, status: .onTrack, achievement: .partly, evidence: ["e"]) })
            }
            return ProjectEvaluation(dates: dates, instruments: instruments)
        }
    }

    static func build(asOf: String, knownOn: String? = nil, period: String? = nil, failing: String? = nil) throws -> (ProgressMatrix, FakeEvaluator) {
        let evaluator = FakeEvaluator(failing: failing)
        let matrix = try ProgressMatrix.build(project: project, asOf: Day(asOf)!, knownOn: knownOn.flatMap { Day($0) },
                                              detail: period, evaluate: evaluator.evaluate)
        return (matrix, evaluator)
    }

    @Test func evaluatesOncePerPeriodUpToTheEvaluationDate() throws {
        let (matrix, evaluator) = try Self.build(asOf: "2025-08-31")
        #expect(matrix.columns.map(\.period.id) == ["P1", "P2", "P3", "P4", "P5"])
        #expect(evaluator.calls.map(\.asOf.description) == ["2023-08-31", "2024-02-29", "2024-08-31", "2025-02-28", "2025-08-31"])
        #expect(evaluator.calls.allSatisfy { $0.knownOn == Day("2025-08-31")! })
        #expect(matrix.comparedWith == nil)
        #expect(!matrix.hasChanges)
    }

    @Test func theCurrentPeriodIsEvaluatedAsOfTheEvaluationDate() throws {
        let (matrix, evaluator) = try Self.build(asOf: "2026-11-23")
        #expect(matrix.columns.count == 8)
        #expect(matrix.columns.last?.isCurrent == true)
        #expect(evaluator.calls.last?.asOf == Day("2026-11-23"))
    }

    @Test func rowsAreGroupedByPartnerLeadPartnerFirst() throws {
        let (matrix, _) = try Self.build(asOf: "2025-08-31")
        #expect(matrix.groups.first?.isLead == true)
        #expect(matrix.groups.first?.partner.id == "peloponnese")
        #expect(matrix.rows.count == Self.project.instruments.count)
        #expect(!matrix.groups.contains { $0.partner.id == "kmop" })
    }

    @Test func anEarlierKnowledgeDateIsComparedWithTheEvaluationDate() throws {
        let (matrix, evaluator) = try Self.build(asOf: "2026-11-23", knownOn: "2026-06-30")
        #expect(evaluator.calls.count == 16)
        #expect(matrix.comparedWith == Day("2026-11-23"))
        let lead = matrix.rows[0]
        #expect(lead.cells.allSatisfy { $0.isChanged })
        #expect(lead.cells.last?.later?.progress == lead.cells.last.map { ($0.progress ?? 0) + 0.25 })
        #expect(matrix.rows.dropFirst().allSatisfy { $0.cells.allSatisfy { !$0.isChanged } })
        #expect(matrix.rendered(as: .text).contains(MatrixSymbols.changed))
    }

    @Test func errorCellsAreReported() throws {
        let (matrix, _) = try Self.build(asOf: "2025-08-31", failing: "ro-harghita-2030")
        #expect(matrix.hasErrors)
        let text = matrix.rendered(as: .text)
        #expect(text.contains("ro-harghita-2030: plugins/x.lua:3: boom"))
    }

    @Test func badPeriodsAreRefused() throws {
        #expect(throws: MatrixError.unknownPeriod("P12", known: Self.project.calendar.periods.map(\.id))) {
            try Self.build(asOf: "2025-08-31", period: "P12")
        }
        #expect(throws: MatrixError.periodAfterEvaluationDate("P7", asOf: Day("2025-08-31")!)) {
            try Self.build(asOf: "2025-08-31", period: "P7")
        }
    }

    @Test func thePeriodDetailHasIndicatorsActionsAndCounts() throws {
        let (matrix, evaluator) = try Self.build(asOf: "2025-08-31", period: "P3")
        #expect(evaluator.calls.map(\.asOf.description) == ["2024-08-31"])
        #expect(matrix.view == .periodDetail)
        let detail = try #require(matrix.rows[0].detail)
        #expect(detail.indicators.map(\.id) == Self.project.instruments[0].indicators.map(\.id))
        #expect(detail.itemsWithEvidence == detail.actions.count)
        // se-enterprises-supported: the P3 value as known on 2025-08-31 is the correction, 14.
        #expect(detail.indicators.first { $0.id == "se-enterprises-supported" }?.value == "14")
    }

    @Test func commonIndicatorsAreSummedOnlyWhereTheyMayBe() throws {
        let (matrix, _) = try Self.build(asOf: "2026-11-23")
        let commons = matrix.projectRow.commonIndicators
        #expect(commons.map(\.code) == commons.map(\.code).sorted { MatrixTests.codeOrder($0, $1) })
        for common in commons where common.isSummed {
            // Recompute every column by hand: cumulative = latest, incremental = total, never across periods.
            for (index, column) in matrix.columns.enumerated() {
                var expected = 0.0, reported = 0
                for instrument in Self.project.instruments {
                    for indicator in instrument.indicators where indicator.code == common.code && indicator.measure == .unit && indicator.accumulation != .level {
                        let known = indicator.values(knownOn: matrix.knownOn).filter { ReportingPeriod.number(fromID: $0.period)! <= column.period.index }
                        guard let last = known.last else { continue }
                        reported += 1
                        expected += indicator.accumulation == .cumulative ? last.value.number! : known.compactMap(\.value.number).reduce(0, +)
                    }
                }
                #expect(common.sums[index]?.value == (reported == 0 ? nil : expected), "\(common.code) \(column.period.id)")
            }
        }
    }

    @Test func levelAndPercentageIndicatorsAreNotSummed() throws {
        var project = Self.project
        project.instruments[0].indicators[0].code = "RCX1"
        project.instruments[0].indicators[0].accumulation = .level
        project.instruments[0].indicators[1].code = "RCX2"   // a percentage
        let evaluator = FakeEvaluator()
        let matrix = try ProgressMatrix.build(project: project, asOf: Day("2026-11-23")!, knownOn: nil,
                                              evaluate: evaluator.evaluate)
        let commons = matrix.projectRow.commonIndicators
        #expect(commons.first { $0.code == "RCX1" }?.notSummed == .level)
        #expect(commons.first { $0.code == "RCX2" }?.notSummed == .measure)
        #expect(matrix.rendered(as: .text).contains("RCX1 Social economy enterprises supported (enterprises) — not summed: level values are not added up"))
    }

    @Test(arguments: MatrixLanguage.allCases)
    func everyLanguageHasEveryLabel(language: MatrixLanguage) {
        for label in MatrixLabel.allCases {
            let text = label.text(in: language)
            #expect(!text.isEmpty, "\(language.code) lacks \(label.rawValue)")
            if language != .english {
                #expect(text != label.text(in: .english) || label == .progress, "\(language.code) has \(label.rawValue) in English")
            }
        }
        #expect(Set(EvaluationStatus.allCases.map { language.text($0) }).count == EvaluationStatus.allCases.count)
    }

    @Test(arguments: [MatrixLanguage.english, .latvian, .bulgarian, .greek])
    func textFitsOneHundredTwentyColumns(language: MatrixLanguage) throws {
        for (asOf, period) in [("2026-11-23", nil), ("2025-08-31", "P5")] as [(String, String?)] {
            let (matrix, _) = try Self.build(asOf: asOf, knownOn: "2025-06-30", period: period)
            for line in matrix.rendered(as: .text, language: language).split(separator: "\n") {
                #expect(line.count <= 120, "\(line)")
            }
        }
    }

    @Test func colourIsAddedOnlyWhenAsked() throws {
        let (matrix, _) = try Self.build(asOf: "2025-08-31")
        #expect(!matrix.rendered(as: .text).contains("\u{1B}["))
        #expect(matrix.rendered(as: .text, color: true).contains("\u{1B}[32m"))
    }

    @Test func numbersAreFormattedWithoutLocale() {
        #expect(MatrixNumber.decimal(0.45123) == "0.4512")
        #expect(MatrixNumber.decimal(132) == "132")
        #expect(MatrixNumber.decimal(-0.05) == "-0.05")
        #expect(MatrixNumber.decimal(-0.00001) == "0")
        #expect(MatrixNumber.decimal(12_500_000) == "12500000")
        #expect(MatrixNumber.percent(0.455) == "46")
    }

    @Test func everyFormatMarksIllustrativeNumbers() throws {
        let (matrix, _) = try Self.build(asOf: "2025-08-31")
        #expect(matrix.hasIllustrativeNumbers)
        for format in [MatrixFormat.text, .markdown, .html] {
            #expect(matrix.rendered(as: format).contains(MatrixSymbols.illustrative), "\(format)")
        }
        #expect(matrix.rendered(as: .json).contains("\"illustrative\": true"))
        #expect(matrix.rendered(as: .csv).contains("P1_illustrative"))
    }

    @Test func jsonStartsWithItsSchemaVersionAndParses() throws {
        let (matrix, _) = try Self.build(asOf: "2026-11-23", knownOn: "2026-06-30", period: "P8")
        let json = matrix.rendered(as: .json)
        #expect(json.hasPrefix("{\n  \"schema_version\": 1,\n"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["view"] as? String == "period-detail")
    }

    static func codeOrder(_ left: String, _ right: String) -> Bool {
        let l = (left.prefix { !$0.isNumber }, Int(left.drop { !$0.isNumber }) ?? 0)
        let r = (right.prefix { !$0.isNumber }, Int(right.drop { !$0.isNumber }) ?? 0)
        return l.0 != r.0 ? l.0 < r.0 : l.1 < r.1
    }
}
