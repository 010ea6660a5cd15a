import Foundation
import PolicyKit
import Testing

/// Every shipped instrument file is a test case: it loads without errors, and the model encodes
/// to JSON and decodes back equal.
@Suite("Shipped instruments")
struct RoundTripTests {
    static let folder = Fixtures.sampleProject
    static let files = Fixtures.names(in: folder).filter { $0.hasSuffix(".yaml") && $0 != "project.yaml" }

    @Test("The project folder loads without errors")
    func loads() throws {
        let result = ProjectLoader.load(directory: Self.folder, displayPath: "instruments")
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let project = try #require(result.project)
        #expect(project.instruments.count == Self.files.count)
        #expect(project.instruments.first?.partner == project.leadPartner?.id)
    }

    @Test("Each instrument file loads", arguments: files)
    func eachFile(name: String) throws {
        let project = Fixtures.text(Self.folder.appendingPathComponent("project.yaml"))
        let text = Fixtures.text(Self.folder.appendingPathComponent(name))
        let result = ProjectLoader.load(projectYAML: project, instrumentFiles: [(name, text)])
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        #expect(result.project?.instruments.map { "\($0.id).yaml" } == [name])
    }

    @Test("The model encodes to JSON and decodes back equal")
    func jsonRoundTrip() throws {
        let project = try #require(ProjectLoader.load(directory: Self.folder).project)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(project)
        let decoded = try JSONDecoder().decode(Project.self, from: data)
        #expect(decoded == project)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"reported_on\""))
        #expect(json.contains("\"period_months\":6"))
        #expect(!json.contains("reportedOn"))
    }
}
