import Foundation
import PolicyKit
import Testing

/// The examples of the format article are real files: they must load without errors.
@Suite("Format article examples")
struct DocumentationTests {
    static let article = Fixtures.testsFolder.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/PolicyKit/PolicyKit.docc/InstrumentFileFormat.md")

    /// The YAML code blocks of the article, in order.
    static func yamlBlocks() -> [String] {
        let parts = Fixtures.text(article).components(separatedBy: "```yaml\n")
        return parts.dropFirst().map { $0.components(separatedBy: "```").first ?? "" }
    }

    @Test("The project.yaml example and the annotated instrument load without errors")
    func examplesLoad() throws {
        let blocks = Self.yamlBlocks()
        let project = try #require(blocks.first { $0.contains("calendar:") && $0.contains("partners:") })
        let instrument = try #require(blocks.last)
        #expect(instrument.contains("# instruments/gr-peloponnese-rop.yaml"))
        let result = ProjectLoader.load(projectYAML: project, instrumentFiles: [("gr-peloponnese-rop.yaml", instrument)])
        #expect(result.diagnostics.map(\.description) == [])
        let loaded = try #require(result.project?.instruments.first)
        #expect(loaded.indicators.count == 4)
        let day = try #require(Day("2025-01-01"))
        #expect(loaded.indicators[0].values(knownOn: day).map(\.value) == [.number(12)])
    }
}
