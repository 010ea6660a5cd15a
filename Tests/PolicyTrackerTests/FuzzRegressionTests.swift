import Foundation
import Testing

/// What the fuzzers (make fuzz) found, and seeds of what they look for, replayed by the built
/// replay tools: each input must pass the fuzzer's own check.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test(arguments: ["loader", "plugin-results"])
    func replayedInputsPassTheFuzzersCheck(target: String) throws {
        let folder = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fuzz/\(target)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        #expect(!inputs.isEmpty)
        let process = Process()
        process.executableURL = ToolRunner.executable.deletingLastPathComponent().appendingPathComponent("fuzz-\(target)")
        process.arguments = inputs
        process.currentDirectoryURL = ToolRunner.repositoryRoot
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }
}
