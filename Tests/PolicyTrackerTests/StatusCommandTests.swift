import Foundation
import PolicyKit
import Testing

/// `policy-tracker status` end to end: golden files for every text format, the default period,
/// exit codes, a complete project, a late report and a broken file.
@Suite("policy-tracker status")
struct StatusCommandTests {
    static let extensions: [MatrixFormat: String] = [.text: "txt", .markdown: "md", .csv: "csv", .json: "json", .html: "html"]

    @Test(arguments: MatrixFormat.allCases)
    func matchesTheGoldenFile(format: MatrixFormat) throws {
        let output = try ToolRunner.run(["status", "--as-of", "2026-12-05", "--format", format.rawValue])
        #expect(output.status == 1, "\(output.standardError)")
        #expect(output.standardError.isEmpty)
        try MatrixCommandTests.expectGolden(output.standardOutput, "status-2026-12-05.\(Self.extensions[format]!)")
    }

    @Test func theDefaultPeriodIsTheLatestWhoseReportIsDue() throws {
        // P7's report is due on 2026-11-30: on 2026-11-29 the latest due is P6's (2026-05-31).
        let before = try ToolRunner.run(["status", "--as-of", "2026-11-29", "--format", "json"])
        let after = try ToolRunner.run(["status", "--as-of", "2026-11-30", "--format", "json"])
        func period(_ output: ToolRunner.Output) throws -> String? {
            let json = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any]
            return (json?["period"] as? [String: Any])?["id"] as? String
        }
        #expect(try period(before) == "P6")
        #expect(try period(after) == "P7")
        let chosen = try ToolRunner.run(["status", "--as-of", "2026-11-29", "--period", "P7"])
        #expect(chosen.standardOutput.contains("5 of 9 partners complete for P7; 4 still to report, due 2026-11-30 (in 1 day)"))
    }

    @Test func theCSVAndJSONParseBack() throws {
        let csv = try MatrixCommandTests.parseCSV(try ToolRunner.run(["status", "--as-of", "2026-12-05", "--format", "csv"]).standardOutput)
        #expect(csv.first?.first == "row_type")
        #expect(csv.dropFirst().allSatisfy { $0.count == csv[0].count })
        #expect(csv.filter { $0[0] == "partner" }.count == 9)
        let missing = csv.filter { ($0[0] == "indicator" || $0[0] == "action") && $0[8] == "1" }.map { "\($0[3]) \($0[4])" }
        #expect(missing == [
            "be-flemish-brabant-multiannual-plan cofinancing-ratio", "ro-harghita-2030 incubator-clients",
            "ro-harghita-2030 a3-strategy-revision", "pl-mazowsze-efm jobs-in-social-enterprises",
            "es-esf-action6 contracts-active-after-12-months",
        ])
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(try ToolRunner.run(["status", "--as-of", "2026-12-05", "--format", "json"]).standardOutput.utf8)) as? [String: Any])
        #expect(json["schema_version"] as? Int == 1)
        #expect(json["complete"] as? Bool == false)
        #expect(json["report_due"] as? String == "2026-11-30")
    }

    /// A copy of the shipped project with only the lead partner's instrument (complete for P7).
    static func leadOnly() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-status-\(UUID().uuidString.prefix(8))")
        let instruments = folder.appendingPathComponent("instruments")
        try FileManager.default.createDirectory(at: instruments, withIntermediateDirectories: true)
        let shipped = ToolRunner.repositoryRoot.appendingPathComponent("instruments")
        for name in ["project.yaml", "gr-peloponnese-rop.yaml", "evidence"] {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: instruments.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: ToolRunner.repositoryRoot.appendingPathComponent("plugins"), to: folder.appendingPathComponent("plugins"))
        return folder
    }

    @Test func everythingReceivedExitsWithZero() throws {
        let folder = try Self.leadOnly()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try ToolRunner.run(["status", "--as-of", "2026-12-05"], in: folder)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("\n1 of 1 partners complete for P7\n"))
    }

    @Test func aReportAfterTheDueDateIsLateAndABrokenFileIsIncomplete() throws {
        let folder = try Self.leadOnly()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("instruments/gr-peloponnese-rop.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "reported_on: 2026-10-21", with: "reported_on: 2026-12-03")
        try Data(text.utf8).write(to: file)
        let late = try ToolRunner.run(["status", "--as-of", "2026-12-05"], in: folder)
        #expect(late.status == 0, "\(late.standardError)")
        #expect(late.standardOutput.contains("\n1 of 1 partners complete for P7; 1 received late (by 3 days)\n"))
        #expect(late.standardOutput.contains("      ▲ indicator se-enterprises-supported: received 2026-12-03, 3 days late\n"))
        // known on the due date, those reports were not there
        let known = try ToolRunner.run(["status", "--as-of", "2026-12-05", "--known-on", "2026-11-30"], in: folder)
        #expect(known.status == 1)
        #expect(known.standardOutput.contains("      ✖ indicator se-enterprises-supported: missing, overdue by 5 days\n"))
        try Data(text.replacingOccurrences(of: "\nkind: ", with: "\nkind: x").utf8).write(to: file)
        let broken = try ToolRunner.run(["status", "--as-of", "2026-12-05"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.standardOutput.contains("  incomplete: missing 1 instrument file with errors; overdue by 5 days\n"))
        #expect(broken.standardOutput.contains("    ✖ instrument file has 1 error; the first: instruments/gr-peloponnese-rop.yaml:"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try ToolRunner.run(["status", "--period", "Q7"]).status == 2)
        #expect(try ToolRunner.run(["status", "--period", "P9"]).status == 2)
        #expect(try ToolRunner.run(["status", "--format", "pdf"]).status == 2)
    }
}
