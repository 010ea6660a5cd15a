import Foundation
import PolicyKit
import Testing

/// One partner's broken instrument file on deadline day: the matrix is still made, with that row
/// in error, in every format; the other instruments are evaluated; the exit code is 1.
@Suite("partial failure")
struct PartialFailureTests {
    /// A copy of the shipped instruments and plugins in a temporary folder, with `edit` applied to
    /// the named instrument file.
    static func brokenCopy(_ file: String, _ edit: (String) -> String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-partial-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["instruments", "plugins"] {
            try FileManager.default.copyItem(at: ToolRunner.repositoryRoot.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        let url = folder.appendingPathComponent("instruments/\(file)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit changed nothing")
        try Data(edited.utf8).write(to: url)
        return folder
    }

    static let riga = "lv-riga-development-programme"
    static let summary = "instrument file has 2 errors; the first: instruments/lv-riga-development-programme.yaml:2:1 missing required key `id` in an instrument file"

    static func idTypo() throws -> URL {
        try brokenCopy("\(riga).yaml") { $0.replacingOccurrences(of: "\nid: ", with: "\nidd: ") }
    }

    @Test(arguments: MatrixFormat.allCases)
    func theMatrixIsMadeWithTheBrokenRowInError(format: MatrixFormat) throws {
        let folder = try Self.idTypo()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ToolRunner.run(["matrix", "--as-of", "2026-11-23", "--format", format.rawValue], in: folder)
        #expect(output.status == 1)
        #expect(output.standardError == """
            instruments/lv-riga-development-programme.yaml:2:1: error: missing required key `id` in an instrument file
            instruments/lv-riga-development-programme.yaml:3:1: error: unknown key `idd` in an instrument file; did you mean `id`?
            policy-tracker: 1 instrument file with errors, not evaluated: instruments/lv-riga-development-programme.yaml

            """)
        // (the text format wraps long lines; Markdown escapes the backticks)
        let shown = format == .text ? output.standardOutput.replacingOccurrences(of: "\n    ", with: " ")
            : format == .markdown ? output.standardOutput.replacingOccurrences(of: "\\`", with: "`") : output.standardOutput
        #expect(shown.contains(Self.summary), "\(format)")
        #expect(shown.contains("8 of 9 instruments evaluated") || format == .json, "\(format)")
        // the other instruments are evaluated as before (compare with the intact data)
        let intact = try ToolRunner.run(["matrix", "--as-of", "2026-11-23", "--format", format.rawValue])
        #expect(intact.status == 0)
        if format == .csv {
            let broken = try MatrixCommandTests.parseCSV(output.standardOutput)
            let good = try MatrixCommandTests.parseCSV(intact.standardOutput)
            let others = { (records: [[String]]) in records.filter { $0[0] == "instrument" && $0[3] != Self.riga } }
            #expect(others(broken) == others(good))
            let row = try #require(broken.first { $0[3] == Self.riga })
            #expect(row[1] == "riga")
            #expect(row.filter { $0 == "error" }.count == 8)
        }
        if format == .json {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            let projectRow = try #require(json["project_row"] as? [String: Any])
            #expect(projectRow["instruments"] as? Int == 9)
            #expect(projectRow["instruments_evaluated"] as? Int == 8)
            #expect(json["has_errors"] as? Bool == true)
            let rows = (json["partners"] as? [[String: Any]] ?? []).flatMap { $0["instruments"] as? [[String: Any]] ?? [] }
            #expect(rows.count == 9)
            let row = try #require(rows.first { $0["id"] as? String == Self.riga })
            #expect(row["load_error"] as? String == Self.summary)
            let cells = row["cells"] as? [[String: Any]] ?? []
            #expect(cells.count == 8 && cells.allSatisfy { $0["status"] as? String == "error" })
            #expect(rows.filter { $0["load_error"] != nil }.count == 1)
        }
    }

    @Test func theDetailViewShowsTheRowInError() throws {
        let folder = try Self.idTypo()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ToolRunner.run(["matrix", "--as-of", "2025-08-31", "--period", "P5"], in: folder)
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("  P5 lv-riga-development-programme: instrument file has 2 errors; the first:"))
        #expect(output.standardOutput.contains("  8 of 9 instruments evaluated"))
    }

    @Test func otherInstrumentsAreEvaluatedAndTheBrokenOneIsAnError() throws {
        let folder = try Self.idTypo()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = try ToolRunner.run(["evaluate", "de-rhein-neckar-connect-innovation", "--as-of", "P5"], in: folder)
        #expect(other.status == 0, "\(other.standardError)")
        #expect(other.standardOutput == (try ToolRunner.run(["evaluate", "de-rhein-neckar-connect-innovation", "--as-of", "P5"])).standardOutput)
        let broken = try ToolRunner.run(["evaluate", Self.riga, "--as-of", "P5"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.standardOutput.contains("  error: \(Self.summary)\n"))
        let all = try ToolRunner.run(["evaluate", "--as-of", "P5", "--format", "json"], in: folder)
        #expect(all.status == 1)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(all.standardOutput.utf8)) as? [String: Any])
        #expect((results["instruments"] as? [[String: Any]])?.count == 9)
    }

    @Test func aPluginListingTheBrokenInstrumentIsNotBlamed() throws {
        let folder = try Self.idTypo()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ToolRunner.run(["check"], in: folder)
        #expect(output.status == 1)
        #expect(output.standardOutput == """
            instruments/lv-riga-development-programme.yaml:2:1: error: missing required key `id` in an instrument file
            instruments/lv-riga-development-programme.yaml:3:1: error: unknown key `idd` in an instrument file; did you mean `id`?
            checked 19 files: 2 errors, 0 warnings

            """)
    }

    @Test func aFileWithoutAKnownPartnerIsAnErrorRowAtTheEnd() throws {
        let folder = try brokenPartner()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ToolRunner.run(["matrix", "--as-of", "2026-11-23", "--format", "csv"], in: folder)
        #expect(output.status == 1)
        let records = try MatrixCommandTests.parseCSV(output.standardOutput)
        let instruments = records.filter { $0[0] == "instrument" }
        #expect(instruments.count == 9)
        #expect(instruments.last?[3] == Self.riga)
        #expect(instruments.last?[1] == "")
    }

    private func brokenPartner() throws -> URL {
        try Self.brokenCopy("\(Self.riga).yaml") { $0.replacingOccurrences(of: "\npartner: riga\n", with: "\npartner: rigga\n") }
    }

    @Test func aBrokenProjectFileStopsTheRunInOneLine() throws {
        let folder = try Self.brokenCopy("project.yaml") { $0.replacingOccurrences(of: "\ncalendar:", with: "\ncalendr:") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ToolRunner.run(["matrix"], in: folder)
        #expect(output.status == 1)
        #expect(output.standardOutput.isEmpty)
        let last = output.standardError.split(separator: "\n").last.map(String.init)
        #expect(last == "policy-tracker: cannot evaluate any instrument without the calendar and partners of project.yaml: instruments/project.yaml:2:1: error: missing required key `calendar` in project.yaml (and 1 more in instruments/project.yaml)")
    }

    @Test func aDescriptiveErrorInTheProjectFileKeepsTheMatrixAndExitsWithOne() throws {
        let folder = try Self.brokenCopy("project.yaml") { $0.replacingOccurrences(of: "\n  acronym: SECON\n", with: "\n  acronym: [SECON]\n") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ToolRunner.run(["matrix", "--as-of", "P5"], in: folder)
        #expect(output.status == 1)
        #expect(output.standardOutput.hasPrefix("secon — Progress matrix\n"))
        #expect(output.standardError == """
            instruments/project.yaml:5:12: error: `acronym` must be a text, found a list
            policy-tracker: project.yaml has errors outside the calendar and partners; the reports use what could be read

            """)
    }
}
