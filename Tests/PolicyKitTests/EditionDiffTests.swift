import Foundation
import PolicyKit
import Testing

/// The comparison of two editions in PolicyKit alone: the standard rules evaluate, no Lua.
@Suite("Editions and diff (library)")
struct EditionDiffTests {
    static let day = Day("2026-12-01")!

    /// A copy of the shipped project folder (instruments/ only, the evidence with it) to change.
    static func copyOfShippedProject() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pk-edition-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.shipped, to: folder.appendingPathComponent("instruments"))
        return folder
    }

    static func standard(_ snapshot: EditionSnapshot, columns: [MatrixColumn]) -> EditionEvaluation {
        EditionEvaluation.evaluate(project: snapshot.project, columns: columns, knownOn: day) {
            StandardEvaluator.evaluate(snapshot.project, dates: $0)
        }
    }

    static func diff(_ earlier: EditionSnapshot, _ later: EditionSnapshot) throws -> EditionDiff {
        let columns = try EditionEvaluation.columns(calendar: later.project.calendar, asOf: day, period: nil)
        let evaluations = CounterfactualEvaluations(base: standard(earlier, columns: columns), dataOnly: standard(later, columns: columns),
                                                    rulesOnly: standard(earlier, columns: columns), both: standard(later, columns: columns))
        return EditionDiff.compare(from: earlier, to: later, evaluations: evaluations, asOf: day, knownOn: day)
    }

    @Test func aCorrectionIsFoundAndLocatedByALibraryUser() throws {
        let folder = try Self.copyOfShippedProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        let earlier = try EditionSnapshot.load(Edition.open(folder.path, workingInstruments: "instruments", workingPlugins: "plugins"))
        let file = folder.appendingPathComponent("instruments/bg-haskovo-idp.yaml")
        let entry = "      - { period: P6, value: 55, reported_on: 2026-04-29, source: illustrative }\n"
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(entry))
        try text.replacingOccurrences(of: entry, with: entry + "      - { period: P6, value: 95, reported_on: 2026-10-28, source: illustrative }\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let line = try #require(try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("value: 95") }) + 1
        let later = try EditionSnapshot.load(Edition.open(folder.path, workingInstruments: "instruments", workingPlugins: "plugins"))

        let diff = try Self.diff(earlier, later)
        #expect(!diff.isEmpty)
        #expect(Set(diff.cells.map(\.instrumentID)) == ["bg-haskovo-idp"])
        #expect(diff.cells.map(\.period) == ["P6", "P7", "P8"])
        for cell in diff.cells {
            #expect(cell.attribution == .data)
            #expect(cell.causes.map(\.kind) == [.correction])
            #expect(cell.causes.first?.location == "\(folder.path)/instruments/bg-haskovo-idp.yaml:\(line)")
            #expect(cell.causes.first?.before == "55 (reported 2026-04-29)")
            #expect(cell.causes.first?.after == "95")
            #expect(cell.items.map(\.id) == ["awareness-participants"])
        }
        #expect(try Self.diff(later, later).isEmpty)
    }

    @Test func attributionFollowsTheFourEvaluations() {
        func attribute(_ base: Int, _ dataOnly: Int, _ rulesOnly: Int, _ both: Int) -> EditionDiff.Attribution? {
            EditionDiff.attribute(base, dataOnly, rulesOnly, both, same: ==)
        }
        #expect(attribute(1, 1, 1, 1) == nil)
        #expect(attribute(1, 2, 1, 2) == .data)
        #expect(attribute(1, 1, 2, 2) == .rules)
        #expect(attribute(1, 2, 2, 3) == .dataAndRules)
        #expect(attribute(1, 1, 1, 2) == .interaction)
        #expect(attribute(1, 2, 3, 1) == nil, "changes that cancel out are no change")
    }

    @Test func theSourceMapLocatesKeysAndEntries() {
        let yaml = """
            schema: 1
            indicators:
              - id: jobs
                target: { value: 3, date: 2027-05-31, source: illustrative }
                values:
                  - { period: P1, value: 1, reported_on: 2023-10-01, source: illustrative }
                  - period: P2
                    value: 2
            evidence:
              - id: ev-call
                path: evidence/call.txt

            """
        let map = SourceMap(path: "instruments/x.yaml", bytes: Array(yaml.utf8))
        #expect(map.line(["indicators", "jobs"]) == 3)
        #expect(map.line(["indicators", "jobs", "target"]) == 4)
        #expect(map.line(["indicators", "jobs", "values", "0"]) == 6)
        #expect(map.line(["indicators", "jobs", "values", "1"]) == 7)
        #expect(map.line(["evidence", "ev-call", "path"]) == 11)
        #expect(map.line(["indicators", "jobs", "baseline"]) == 3, "a missing key falls back to its nearest parent")
        #expect(map.line(["nothing"]) == 1)
    }

    @Test func foldersThatAreNotEditionsAreRefusedInOneLine() throws {
        #expect(throws: EditionError(edition: "/nonexistent-edition", message: "no such folder (an edition is a folder holding instruments/ and plugins/, or git:REVISION)")) {
            try Edition.open("/nonexistent-edition", workingInstruments: "instruments", workingPlugins: "plugins")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pk-not-edition-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: EditionError(edition: folder.path, message: "the folder has no instruments/ folder")) {
            try Edition.open(folder.path, workingInstruments: "instruments", workingPlugins: "plugins")
        }
    }
}
