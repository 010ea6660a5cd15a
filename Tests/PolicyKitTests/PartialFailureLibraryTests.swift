import Foundation
import PolicyKit
import Testing

/// The library's side of partial failure: the loaded project, the failed instrument files with
/// their diagnostics, and the matrix that shows them as rows in error.
@Suite("Partial failure in the library")
struct PartialFailureLibraryTests {
    /// The shipped files as texts, with `edit` applied to the file named `broken`.
    static func load(broken: String, _ edit: (String) -> String) -> ProjectLoadResult {
        let folder = Fixtures.shipped
        let project = Fixtures.text(folder.appendingPathComponent("project.yaml"))
        let files = Fixtures.names(in: folder).filter { $0.hasSuffix(".yaml") && $0 != "project.yaml" }.map { name in
            let text = Fixtures.text(folder.appendingPathComponent(name))
            return (path: name, text: name == broken ? edit(text) : text)
        }
        return ProjectLoader.load(projectYAML: project, instrumentFiles: files)
    }

    @Test func aBrokenFileIsReturnedWithItsDiagnosticsAndTheOthersLoad() throws {
        let result = Self.load(broken: "ro-harghita-2030.yaml") {
            $0.replacingOccurrences(of: "\nid: ro-harghita-2030\n", with: "\nidd: ro-harghita-2030\n")
              .replacingOccurrences(of: "\nkind: ", with: "\nkind: nonsense-")
        }
        let project = try #require(result.project)
        #expect(project.instruments.count == 8)
        #expect(project.instrument(id: "ro-harghita-2030") == nil)
        #expect(result.projectFailure == nil)
        let failed = try #require(result.failedInstruments.first)
        #expect(result.failedInstruments.count == 1)
        #expect(failed.id == "ro-harghita-2030")
        #expect(failed.path == "ro-harghita-2030.yaml")
        #expect(failed.partnerID == "harghita")
        #expect(failed.title?.english == "Economic development strategy \"Harghita 2030\"")
        #expect(failed.plugin == "harghita")
        #expect(failed.errors.count == 3)
        #expect(failed.diagnostics == result.diagnostics.filter { $0.path == failed.path })
        #expect(failed.summary.hasPrefix("instrument file has 3 errors; the first: ro-harghita-2030.yaml:2:1 missing required key `id`"))
        let error = failed.result()
        #expect(error.status == .error && error.instrumentID == "ro-harghita-2030" && error.partnerID == "harghita")
        #expect(error.findings == [Finding(.error, failed.summary)])
    }

    @Test func theMatrixHasTheRowInErrorWhereTheInstrumentWouldBe() throws {
        let result = Self.load(broken: "ro-harghita-2030.yaml") { $0.replacingOccurrences(of: "\nid: ", with: "\nidd: ") }
        let project = try #require(result.project)
        let matrix = try ProgressMatrix.build(project: project, failedInstruments: result.failedInstruments, asOf: Day("2025-08-31")!,
                                              knownOn: nil) { dates in
            ProjectEvaluation(dates: dates, instruments: project.instruments.map {
                InstrumentResult(instrumentID: $0.id, partnerID: $0.partner, status: .onTrack)
            })
        }
        #expect(matrix.rows.map(\.instrumentID) == MatrixTests.project.instruments.map(\.id))
        let row = try #require(matrix.rows.first { $0.instrumentID == "ro-harghita-2030" })
        #expect(row.partnerID == "harghita")
        #expect(row.loadError == result.failedInstruments.first?.summary)
        #expect(row.cells.count == 5 && row.cells.allSatisfy { $0.status == .error })
        #expect(matrix.rows.filter { $0.instrumentID != "ro-harghita-2030" }.allSatisfy { $0.cells.allSatisfy { $0.status == .onTrack } })
        #expect(matrix.projectRow.instrumentCount == 9)
        #expect(matrix.projectRow.evaluatedCount == 8)
        #expect(matrix.hasErrors)
        let text = matrix.rendered(as: .text, language: .english, color: false)
        #expect(text.contains("\n  8 of 9 instruments evaluated\n"))
        #expect(text.contains("\n  P1–P5 ro-harghita-2030: instrument file has 2 errors; the first: ro-harghita-2030.yaml:2:1 missing required key `id`\n    in an instrument file\n"))
        let latvian = matrix.rendered(as: .text, language: .latvian, color: false)
        #expect(latvian.contains("\n  novērtēti 8 no 9 instrumentiem\n"))
    }

    @Test func anEvaluationIncludesTheFailedInstrumentsInProjectOrder() throws {
        let result = Self.load(broken: "gr-peloponnese-rop.yaml") { $0.replacingOccurrences(of: "\nkind: ", with: "\nkind: x") }
        let project = try #require(result.project)
        let dates = try #require(EvaluationDates(asOf: Day("2025-08-31")!, calendar: project.calendar))
        let evaluation = ProjectEvaluation(dates: dates, instruments: project.instruments.map {
            InstrumentResult(instrumentID: $0.id, partnerID: $0.partner, status: .onTrack)
        }).including(failed: result.failedInstruments, project: project)
        #expect(evaluation.instruments.map(\.instrumentID) == MatrixTests.project.instruments.map(\.id))
        #expect(evaluation.instruments.first?.status == .error)
        #expect(evaluation.hasErrors)
    }

    @Test func aBrokenProjectFileSaysWhyInOneLine() {
        let folder = Fixtures.shipped
        let project = Fixtures.text(folder.appendingPathComponent("project.yaml")).replacingOccurrences(of: "\npartners:", with: "\npartner:")
        let result = ProjectLoader.load(projectYAML: project, instrumentFiles: [])
        #expect(result.project == nil)
        #expect(result.failedInstruments.isEmpty)
        #expect(result.projectFailure == "cannot evaluate any instrument without the calendar and partners of project.yaml: project.yaml:2:1: error: missing required key `partners` in project.yaml (and 1 more in project.yaml)")
    }

    @Test func errorsOutsideTheCalendarAndPartnersLeaveAUsableProject() throws {
        let folder = Fixtures.shipped
        let text = Fixtures.text(folder.appendingPathComponent("project.yaml"))
            .replacingOccurrences(of: "\n  acronym: SECON\n", with: "\n  acronym: [SECON]\n")
            .replacingOccurrences(of: "midterm_review: P4", with: "midterm_review: P44")
        #expect(text.contains("[SECON]") && text.contains("P44"))
        let files = Fixtures.names(in: folder).filter { $0.hasSuffix(".yaml") && $0 != "project.yaml" }.map {
            (path: $0, text: Fixtures.text(folder.appendingPathComponent($0)))
        }
        let result = ProjectLoader.load(projectYAML: text, instrumentFiles: files)
        #expect(result.diagnostics.map(\.description) == [
            "project.yaml:5:12: error: `acronym` must be a text, found a list",
            "project.yaml:17:19: error: `midterm_review` names the unknown period `P44`; the calendar has P1 to P8",
        ])
        let project = try #require(result.project)
        #expect(result.projectFileHasErrors)
        #expect(result.projectFailure == nil)
        #expect(project.acronym == "secon" && project.name.hasPrefix("Social Economy"))
        #expect(project.calendar.midtermReview == nil && project.calendar.periods.count == 8)
        #expect(project.instruments.count == 9 && result.failedInstruments.isEmpty)
    }
}
