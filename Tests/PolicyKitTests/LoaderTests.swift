import Foundation
import PolicyKit
import Testing

@Suite("Loading instrument files")
struct LoaderTests {
    @Test("The valid sample loads without diagnostics")
    func validSample() throws {
        let result = ProjectLoader.load(directory: Fixtures.valid, displayPath: "valid")
        #expect(result.diagnostics.map(\.description) == [])
        let project = try #require(result.project)
        #expect(project.id == "secon")
        #expect(project.instruments.map(\.id) == ["gr-peloponnese-rop"])
        #expect(result.summary == "checked 2 files: 0 errors, 0 warnings")
    }
}
