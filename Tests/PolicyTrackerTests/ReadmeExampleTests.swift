import Foundation
import PolicyKit
import Testing

@Suite("The README's library example")
struct ReadmeExampleTests {
    /// The README shows ReadmeExample.swift exactly, so the code users copy is the code tested.
    @Test func theReadmeShowsTheTestedCode() throws {
        let root = ToolRunner.repositoryRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: root.appendingPathComponent("Tests/PolicyTrackerTests/ReadmeExample.swift"), encoding: .utf8)
        let marker = "<!-- library-example: Tests/PolicyTrackerTests/ReadmeExample.swift -->\n```swift\n"
        let start = try #require(readme.range(of: marker), "README.md lacks the library example marker")
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        #expect(String(readme[start.upperBound..<end.lowerBound]) + "\n" == example)
    }

    @Test func theExampleRunsOnTheShippedProject() async throws {
        let statuses = try await instrumentStatuses(in: ToolRunner.repositoryRoot, asOf: "P7")
        #expect(statuses.count == 9)
        #expect(statuses.values.allSatisfy { $0 != .error })
    }
}
