import Foundation
import PolicyKit
import Testing

/// Every folder of Fixtures/invalid/ is a case: its YAML files are loaded (with the valid
/// project.yaml when the folder has none) and the full report must equal its expected.txt.
/// Re-record with RECORD_GOLDEN=1.
@Suite("Invalid instrument files (golden)")
struct InvalidFixtureTests {
    static let cases = Fixtures.names(in: Fixtures.invalid)

    /// Loads one case folder the way `check` would, with paths relative to Fixtures/invalid/.
    static func report(for name: String) -> String {
        let folder = Fixtures.invalid.appendingPathComponent(name)
        let names = Fixtures.names(in: folder)
        if names.contains("project.yaml") {
            return ProjectLoader.load(directory: folder, displayPath: name).report
        }
        let instruments = names.filter { $0.hasSuffix(".yaml") }.map {
            (path: "\(name)/\($0)", bytes: Fixtures.bytes(folder.appendingPathComponent($0)))
        }
        let project = (path: "valid/project.yaml", bytes: Fixtures.bytes(Fixtures.valid.appendingPathComponent("project.yaml")))
        return ProjectLoader.load(project: project, instruments: instruments).report
    }

    @Test("There are invalid cases, each with its expected output")
    func casesExist() {
        #expect(Self.cases.count >= 15)
        for name in Self.cases {
            let expected = Fixtures.invalid.appendingPathComponent(name).appendingPathComponent("expected.txt")
            #expect(FileManager.default.fileExists(atPath: expected.path), "\(name) has no expected.txt")
        }
    }

    @Test("The report matches expected.txt", arguments: cases)
    func matchesGolden(name: String) throws {
        let report = Self.report(for: name)
        try assertGolden(report, file: Fixtures.invalid.appendingPathComponent(name).appendingPathComponent("expected.txt"))
        #expect(report.contains(": error: "), "an invalid case must report at least one error")
    }
}
