import Foundation
import PolicyKit
import Testing

/// The JSON Schemas of instruments/schema/ and the Swift loader must agree: every shipped file
/// passes the schema, and on every fixture of Tests/SchemaFixtures/ both give the same verdict.
/// The schema's verdict comes from `Tests/SchemaFixtures/validate.py` (python3 with jsonschema
/// and PyYAML, installed by `make setup`); without them these tests fail, they never skip.
@Suite("JSON Schema and loader agree")
struct SchemaAgreementTests {
    /// The repository root.
    static let root = Fixtures.testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    /// Tests/SchemaFixtures/
    static let schemaFixtures = root.appendingPathComponent("Tests/SchemaFixtures")

    /// `valid/<name>.yaml` and `invalid/<name>.yaml`, sorted.
    static let fixtures: [String] = ["valid", "invalid"].flatMap { kind in
        Fixtures.names(in: schemaFixtures.appendingPathComponent(kind))
            .filter { $0.hasSuffix(".yaml") }
            .map { "\(kind)/\($0)" }
    }.sorted()

    /// The shipped YAML files, relative to the root, sorted.
    static let shippedFiles: [String] = Fixtures.names(in: Fixtures.shipped)
        .filter { $0.hasSuffix(".yaml") }
        .map { "instruments/\($0)" }

    /// validate.py's verdict on every shipped file and fixture, run once: `valid` or
    /// `invalid: <first error>` by path relative to the root; or why it could not run.
    static let verdicts: Result<[String: String], SchemaValidatorError> = SchemaValidator.run(
        files: shippedFiles + fixtures.map { "Tests/SchemaFixtures/\($0)" }, in: root)

    static func verdict(_ path: String) throws -> String {
        switch verdicts {
        case .failure(let error):
            throw error  // fails the test with the error's description: never a skip
        case .success(let verdicts):
            return try #require(verdicts[path], "validate.py printed no verdict for \(path)")
        }
    }

    @Test("Every shipped file passes the JSON Schema", arguments: shippedFiles)
    func shippedFileIsValid(path: String) throws {
        #expect(try Self.verdict(path) == "valid")
    }

    @Test("There are valid and invalid fixtures of both kinds")
    func fixturesExist() {
        #expect(Self.fixtures.count(where: { $0.hasPrefix("valid/") }) >= 4)
        #expect(Self.fixtures.count(where: { $0.hasPrefix("invalid/project-") }) >= 5)
        #expect(Self.fixtures.count(where: { $0.hasPrefix("invalid/fx-") }) >= 20)
    }

    @Test("Schema and loader give the same verdict", arguments: fixtures)
    func agree(fixture: String) throws {
        let schemaVerdict = try Self.verdict("Tests/SchemaFixtures/\(fixture)")
        let diagnostics = Self.loaderDiagnostics(fixture)
        let loaderErrors = diagnostics.filter { $0.severity == .error }.map(\.description)
        if fixture.hasPrefix("valid/") {
            #expect(schemaVerdict == "valid", "the schema refuses a valid fixture")
            #expect(loaderErrors == [], "the loader refuses a valid fixture")
        } else {
            #expect(schemaVerdict.hasPrefix("invalid"), "the schema accepts an invalid fixture")
            #expect(!loaderErrors.isEmpty, "the loader accepts an invalid fixture (schema: \(schemaVerdict))")
        }
    }

    /// Loads a fixture the way its README says: a `project-*.yaml` as project.yaml, any other
    /// file as an instrument (named after its id) with the shipped project.yaml.
    static func loaderDiagnostics(_ fixture: String) -> [Diagnostic] {
        let file = schemaFixtures.appendingPathComponent(fixture)
        let name = file.lastPathComponent
        let text = Fixtures.text(file)
        if name.hasPrefix("project-") {
            return ProjectLoader.load(projectYAML: text, instrumentFiles: []).diagnostics
        }
        let project = Fixtures.text(Fixtures.shipped.appendingPathComponent(ProjectLoader.projectFileName))
        return ProjectLoader.load(projectYAML: project, instrumentFiles: [(path: name, text: text)]).diagnostics
    }
}

/// Why validate.py could not give its verdicts.
struct SchemaValidatorError: Error, CustomStringConvertible {
    var description: String
}

/// Runs `python3 Tests/SchemaFixtures/validate.py`.
enum SchemaValidator {
    static let setUpHint = "install python3 with the jsonschema and yaml (PyYAML) modules: `make setup`, or `python3 -m pip install jsonschema pyyaml`"

    static func run(files: [String], in root: URL) -> Result<[String: String], SchemaValidatorError> {
        let check = python(["-c", "import jsonschema, yaml"], in: root)
        guard case .success(let probe) = check else {
            return .failure(SchemaValidatorError(description: "cannot run python3 (\(check)); \(setUpHint)"))
        }
        guard probe.status == 0 else {
            return .failure(SchemaValidatorError(description: "python3 lacks a module the schema test needs (\(probe.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")); \(setUpHint)"))
        }
        let result = python(["Tests/SchemaFixtures/validate.py"] + files, in: root)
        guard case .success(let run) = result, run.status == 0 || run.status == 1 else {
            return .failure(SchemaValidatorError(description: "validate.py failed: \(result)"))
        }
        var verdicts: [String: String] = [:]
        for line in run.output.split(separator: "\n").map(String.init) {
            guard let file = files.first(where: { line.hasPrefix($0 + ": ") }) else { continue }
            verdicts[file] = String(line.dropFirst(file.count + 2))
        }
        return .success(verdicts)
    }

    /// Runs python3 with `arguments` in `folder`: its exit status and its output (stdout and
    /// stderr together).
    static func python(_ arguments: [String], in folder: URL) -> Result<(status: Int32, output: String), SchemaValidatorError> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return .failure(SchemaValidatorError(description: "cannot start python3: \(error)"))
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            return .failure(SchemaValidatorError(description: "python3 is not installed"))
        }
        return .success((process.terminationStatus, String(decoding: data, as: UTF8.self)))
    }
}
