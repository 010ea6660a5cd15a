import Foundation
import PolicyKit
import Testing

/// `policy-tracker matrix` end to end on the shipped data: golden files for every format at
/// fixed dates (re-record with RECORD_GOLDEN=1), determinism, the knowledge date, the exports.
@Suite("policy-tracker matrix")
struct MatrixCommandTests {
    /// A golden case: the arguments and the file name stem under Golden/.
    struct Case: CustomTestStringConvertible, Sendable {
        let stem: String
        let arguments: [String]
        var testDescription: String { stem }
    }

    static let cases: [Case] = [
        Case(stem: "matrix-2025-08-31", arguments: ["--as-of", "2025-08-31"]),
        Case(stem: "matrix-2026-11-23-known-2026-06-30", arguments: ["--as-of", "2026-11-23", "--known-on", "2026-06-30"]),
        Case(stem: "matrix-P5-lv", arguments: ["--as-of", "2025-08-31", "--period", "P5", "--lang", "lv"]),
    ]

    static let extensions: [MatrixFormat: String] = [.text: "txt", .markdown: "md", .csv: "csv", .json: "json", .html: "html"]

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: cases, MatrixFormat.allCases)
    func matchesTheGoldenFile(_ testCase: Case, format: MatrixFormat) throws {
        let output = try ToolRunner.run(["matrix", "--format", format.rawValue, "--jobs", "2"] + testCase.arguments)
        #expect(output.status == 0, "\(output.standardError)")
        try Self.expectGolden(output.standardOutput, "\(testCase.stem).\(Self.extensions[format]!)")
    }

    /// Compares `text` with the golden file `name` under Golden/ (re-recorded with RECORD_GOLDEN=1).
    static func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: file)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: file.path), "missing \(name): run with RECORD_GOLDEN=1",
                                    sourceLocation: sourceLocation)
        #expect(Data(text.utf8) == expected, "\(name) differs; re-record with RECORD_GOLDEN=1 and review the diff",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: MatrixFormat.allCases)
    func oneOrTwoWorkersGiveTheSameBytes(format: MatrixFormat) throws {
        let arguments = ["matrix", "--format", format.rawValue, "--as-of", "2026-11-23", "--known-on", "2026-06-30"]
        let one = try ToolRunner.run(arguments + ["--jobs", "1"])
        let two = try ToolRunner.run(arguments + ["--jobs", "2"])
        #expect(one.status == 0)
        #expect(one.standardOutput == two.standardOutput)
        #expect(!one.standardOutput.isEmpty)
    }

    @Test func aKnowledgeDateBeforeACorrectionShowsTheFirstValue() throws {
        // gr-peloponnese-rop, se-enterprises-supported: P3 reported 12 on 2024-10-30, corrected to 14 on 2025-04-24.
        func value(knownOn: String) throws -> String? {
            let output = try ToolRunner.run(["matrix", "--format", "json", "--as-of", "P3", "--period", "P3", "--known-on", knownOn])
            let json = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any]
            let partners = json?["partners"] as? [[String: Any]]
            let instrument = (partners?.first?["instruments"] as? [[String: Any]])?.first
            let indicators = (instrument?["detail"] as? [String: Any])?["indicators"] as? [[String: Any]]
            return indicators?.first { $0["id"] as? String == "se-enterprises-supported" }?["value"] as? String
        }
        #expect(try value(knownOn: "2024-12-31") == "12")
        #expect(try value(knownOn: "2025-06-30") == "14")
        let before = try ToolRunner.run(["matrix", "--as-of", "2025-06-30", "--known-on", "2024-12-31"])
        let after = try ToolRunner.run(["matrix", "--as-of", "2025-06-30"])
        #expect(before.standardOutput != after.standardOutput)
        #expect(before.standardOutput.contains(MatrixSymbols.changed))
        #expect(!after.standardOutput.contains("\(MatrixSymbols.changed) Compared"))
    }

    @Test func csvParsesBack() throws {
        let output = try ToolRunner.run(["matrix", "--format", "csv", "--as-of", "2026-11-23"])
        let records = try Self.parseCSV(output.standardOutput)
        let header = try #require(records.first)
        #expect(header.prefix(5) == ["row_type", "partner_id", "partner", "id", "title"])
        #expect(records.dropFirst().allSatisfy { $0.count == header.count })
        #expect(records.filter { $0[0] == "instrument" }.count == 9)
        #expect(records.filter { $0[0] == "project" }.count == 1)
        // A title with a comma and quotes comes back whole.
        #expect(records.contains { $0[2].hasPrefix("Spanish partner (sources disagree: Region of Navarre, or Junta") })
        #expect(records.contains { $0[4] == "Regional Operational Programme \"Peloponnese 2021-2027\"" })
        #expect(output.standardOutput.hasSuffix("\r\n"))
    }

    @Test func htmlIsSelfContained() throws {
        let output = try ToolRunner.run(["matrix", "--format", "html", "--as-of", "2026-11-23", "--known-on", "2026-06-30"])
        let html = output.standardOutput
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=\"http"), "no resource from the network")
        #expect(!html.contains("href=\"http"))
        #expect(!html.contains("url(http"))
        #expect(!html.contains("@import"))
        #expect(html.contains("<svg"))
        #expect(html.contains("@media print"))
        #expect(html.contains("size: A4 landscape"))
        #expect(html.contains("policy-tracker \(PolicyTrackerVersion.current)"))
    }

    @Test func outputIsWrittenToAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-matrix-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("matrix.html")
        try Data("old".utf8).write(to: file)
        let output = try ToolRunner.run(["matrix", "--format", "html", "--as-of", "2025-08-31", "--output", file.path])
        #expect(output.status == 0)
        #expect(output.standardOutput.isEmpty)
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["matrix.html"], "no temporary file left")
    }

    @Test(arguments: [
        ["--format", "pdf"], ["--lang", "xx"], ["--period", "5"], ["--period", "P12", "--as-of", "2025-08-31"],
        ["--period", "P8", "--as-of", "2025-08-31"], ["--as-of", "yesterday"], ["--jobs", "0"],
    ])
    func usageErrorsExitWithTwo(arguments: [String]) throws {
        let output = try ToolRunner.run(["matrix"] + arguments)
        #expect(output.status == 2, "\(output.standardError)")
        #expect(output.standardOutput.isEmpty)
    }

    @Test func projectErrorsArePrintedAndExitWithOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-matrix-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "schema: 1\nproject: {}\n".write(to: folder.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        let output = try ToolRunner.run(["matrix", "--instruments", folder.path])
        #expect(output.status == 1)
        #expect(output.standardError.contains("project.yaml:"))
        #expect(output.standardOutput.isEmpty)
    }

    @Test func aFailingPluginMarksCellsErrorAndExitsWithOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-matrix-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plugins = ToolRunner.repositoryRoot.appendingPathComponent("plugins")
        for name in try FileManager.default.contentsOfDirectory(atPath: plugins.path) where name.hasSuffix(".lua") {
            try FileManager.default.copyItem(at: plugins.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: plugins.appendingPathComponent("lib"), to: folder.appendingPathComponent("lib"))
        try "return { name = \"riga\", api_level = 1, instruments = { \"lv-riga-development-programme\" },\n  indicator = function() error(\"boom\") end }\n"
            .write(to: folder.appendingPathComponent("riga.lua"), atomically: true, encoding: .utf8)
        let output = try ToolRunner.run(["matrix", "--as-of", "2025-08-31", "--plugins", folder.path])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains(MatrixSymbols.symbol(.error)))
        #expect(output.standardOutput.contains("boom"))
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if quoted {
                if character == "\"" {
                    if index < text.endIndex, text[index] == "\"" { field.append("\""); index = text.index(after: index) } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field); field = ""
            } else if character == "\r\n" || character == "\n" {
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.append(character)
            }
        }
        return records
    }
}
