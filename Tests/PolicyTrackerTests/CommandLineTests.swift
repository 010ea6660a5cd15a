import Foundation
import PolicyKit
import Testing

@Suite("The built tool")
struct CommandLineTests {
    @Test func versionIsPrinted() throws {
        let output = try ToolRunner.run(["--version"])
        #expect(output.status == 0)
        #expect(output.standardOutput == PolicyTrackerVersion.current + "\n")
    }

    @Test func helpListsTheCommands() throws {
        let output = try ToolRunner.run(["--help"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("check"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let output = try ToolRunner.run(["check", "--no-such-option"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("Unknown option '--no-such-option'"))
    }

    @Test func checkIsCleanOnTheShippedFiles() throws {
        let output = try ToolRunner.run(["check"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "checked 10 files: 0 errors, 0 warnings\n")
    }

    @Test func checkReportsLocatedProblemsAndExitsWithOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-check-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("instruments/project.yaml"), encoding: .utf8)
        try project.replacingOccurrences(of: "period_months: 6", with: "period_months: 6\n  period_month: 6")
            .write(to: folder.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        let output = try ToolRunner.run(["check", "--instruments", folder.path])
        #expect(output.status == 1)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix(folder.path + "/project.yaml:") == true)
        #expect(lines.first?.hasSuffix(":16:3: error: unknown key `period_month` in `calendar`; did you mean `period_months`?") == true)
        #expect(lines.last == "checked 1 file: 1 error, 0 warnings")
    }
}
