import Foundation
import PolicyKit
import Testing

/// Where the test fixtures and the shipped instruments are.
enum Fixtures {
    /// Tests/PolicyKitTests/
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// Tests/PolicyKitTests/Fixtures/
    static let folder = testsFolder.appendingPathComponent("Fixtures")
    /// A valid project folder kept with the tests.
    static let valid = folder.appendingPathComponent("valid")
    /// One folder per invalid case, each with its expected.txt.
    static let invalid = folder.appendingPathComponent("invalid")
    /// The repository's instruments/ folder.
    static let shipped = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("instruments")

    /// The shipped instruments when they are complete (project.yaml and at least one instrument),
    /// otherwise the valid sample.
    static var sampleProject: URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shipped.path)) ?? []
        let yaml = names.filter { $0.hasSuffix(".yaml") }
        return yaml.contains("project.yaml") && yaml.count > 1 ? shipped : valid
    }

    /// The sorted names of the entries of a folder.
    static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// The bytes of a file.
    static func bytes(_ url: URL) -> [UInt8] {
        FileManager.default.contents(atPath: url.path).map { [UInt8]($0) } ?? []
    }

    /// The text of a file.
    static func text(_ url: URL) -> String {
        String(decoding: bytes(url), as: UTF8.self)
    }
}

/// Compares `actual` with a golden file; with RECORD_GOLDEN=1 in the environment (or when the
/// file is missing) records it instead and reports that it did.
func assertGolden(_ actual: String, file golden: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
    if record || !FileManager.default.fileExists(atPath: golden.path) {
        try actual.write(to: golden, atomically: true, encoding: .utf8)
        Issue.record("Recorded a new golden file: \(golden.path)", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(actual == expected, "\(golden.lastPathComponent) differs", sourceLocation: sourceLocation)
}

/// A small deterministic pseudo-random generator (SplitMix64), for reproducible mutations.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
