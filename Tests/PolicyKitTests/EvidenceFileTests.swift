import Foundation
import PolicyKit
import Testing

@Suite("Evidence files")
struct EvidenceFileTests {
    static let instrument = """
        schema: 1
        id: sample
        partner: peloponnese
        title: Sample programme
        kind: operational-programme
        managing_authority: Managing Authority
        period: { start: 2021-01-01, end: 2029-12-31 }
        indicators:
          - id: enterprises
            title: Social enterprises supported
            unit: enterprises
            measure: unit
            accumulation: cumulative
            baseline: { value: 0, year: 2022, source: illustrative }
            target: { value: 120, date: 2027-12-31, source: illustrative }
            values: []
        actions:
          - id: a1
            title: Dedicated call
            type: new-projects
            responsible: Managing Authority
            start: 2025-03-01
            end: 2026-12-31
            updates: []
        evidence:
          - { id: ev-link, title: Linked out, kind: other, path: evidence/outside.txt, date: 2024-10-01 }
          - { id: ev-missing, title: Missing, kind: other, path: evidence/missing.txt, sha256: \(String(repeating: "ab", count: 32)), date: 2024-10-01 }

        """

    @Test("A symbolic link that leads out of the instruments folder is refused")
    func symlinkOutside() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("instruments")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("evidence"), withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: base.appendingPathComponent("outside.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("evidence/outside.txt").path, withDestinationPath: "../../outside.txt")
        try Data(Fixtures.bytes(Fixtures.valid.appendingPathComponent("project.yaml"))).write(to: folder.appendingPathComponent("project.yaml"))
        try Data(Self.instrument.utf8).write(to: folder.appendingPathComponent("sample.yaml"))

        let result = ProjectLoader.load(directory: folder, displayPath: "instruments")
        #expect(result.diagnostics.map(\.description) == [
            "instruments/sample.yaml:26:58: error: the evidence file `evidence/outside.txt` lies outside the instruments folder",
            "instruments/sample.yaml:27:58: error: the evidence file `evidence/missing.txt` does not exist in the instruments folder",
        ])
    }

    @Test("Inline loads have no folder, so evidence files are not looked for")
    func inlineLoadsDoNotLook() {
        let project = Fixtures.text(Fixtures.valid.appendingPathComponent("project.yaml"))
        let result = ProjectLoader.load(projectYAML: project, instrumentFiles: [("sample.yaml", Self.instrument)])
        #expect(result.diagnostics.map(\.description) == [])
    }
}
