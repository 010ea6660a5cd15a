import Foundation
import Testing

/// `policy-tracker new region`, run in a copy of the shipped project as a new region's officer
/// would, then `check`, `test`, `evaluate` and `matrix` on the result.
@Suite("policy-tracker new region")
struct NewRegionTests {
    private let arguments = ["new", "region", "crete", "--partner-name", "Region of Crete", "--native-name", "Περιφέρεια Κρήτης",
                             "--country", "GR", "--language", "el"]

    @Test func aNewRegionChecksAndTestsCleanAndIsEvaluated() throws {
        let copy = try ProjectCopy()
        let before = try copy.read("instruments/project.yaml")
        let output = try copy.run(arguments)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.hasPrefix("""
            wrote instruments/gr-crete-instrument.yaml
            wrote instruments/evidence/gr-crete-instrument/README.md
            wrote plugins/crete.lua
            wrote plugins/tests/crete.yaml
            updated instruments/project.yaml

            """))
        // project.yaml: the same text, comments and order kept, with the partner after the last one
        let after = try copy.read("instruments/project.yaml")
        #expect(after == before + """
              - id: crete
                name: { en: "Region of Crete", el: "Περιφέρεια Κρήτης" }
                country: GR
                language: el
                role: partner

            """)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: copy.root.appendingPathComponent("instruments/evidence/gr-crete-instrument").path,
                                               isDirectory: &isDirectory) && isDirectory.boolValue)

        let check = try copy.run(["check"])
        #expect(check.status == 0, "\(check.standardOutput)")
        #expect(check.standardOutput == "checked 21 files: 0 errors, 0 warnings\n")

        let test = try copy.run(["test"])
        #expect(test.status == 0, "\(test.standardOutput)")
        let lines = test.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("PASS plugins/tests/crete.yaml:5 crete: on the project's first day nothing is expected yet"))
        #expect(!lines.contains { $0.hasPrefix("FAIL") || $0.hasPrefix("not covered") })

        let evaluate = try copy.run(["evaluate", "--as-of", "2023-03-01", "gr-crete-instrument"])
        #expect(evaluate.status == 0, "\(evaluate.standardOutput)")
        #expect(evaluate.standardOutput.contains("\n  not-started, progress "))
        #expect(evaluate.standardOutput.hasSuffix("\n1 instrument, 2 items evaluated, no errors\n"))

        let matrix = try copy.run(["matrix", "--as-of", "P7", "--format", "csv"])
        #expect(matrix.status == 0, "\(matrix.standardError)")
        #expect(matrix.standardOutput.contains("gr-crete-instrument"))
        #expect(matrix.standardOutput.contains("Region of Crete"))

        #expect(try lint(in: copy) == "")

        // the commented examples, made active as an officer would, run without error and lint clean
        let source = try copy.read("plugins/crete.lua")
        let active = source.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let marker = line.range(of: "-- ") else { return String(line) }
            let before = line[..<marker.lowerBound], rest = line[marker.upperBound...]
            let indentedCode = before.count >= 2 && before.allSatisfy { $0 == " " } && !rest.hasPrefix("Example:")
            return indentedCode || (before.isEmpty && rest.hasPrefix("local scoring")) ? String(before + rest) : String(line)
        }.joined(separator: "\n")
        #expect(active != source)
        try copy.write(active, to: "plugins/crete.lua")
        #expect(try lint(in: copy) == "")
        let examples = try copy.run(["evaluate", "--as-of", "P7", "gr-crete-instrument"])
        #expect(examples.status == 0, "\(examples.standardOutput)")
        #expect(examples.standardOutput.hasSuffix("\n1 instrument, 2 items evaluated, no errors\n"))
    }

    /// What luacheck (as make test runs it) says about plugins/crete.lua of `copy`: "" when clean.
    private func lint(in copy: ProjectCopy) throws -> String {
        let lint = Process()
        lint.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        lint.arguments = ["luacheck", "--quiet", "--no-color", "crete.lua"]
        lint.currentDirectoryURL = copy.root.appendingPathComponent("plugins")
        let pipe = Pipe()
        lint.standardOutput = pipe
        try lint.run()
        let lintOutput = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        lint.waitUntilExit()
        return lint.terminationStatus == 0 ? "" : lintOutput
    }

    @Test func itRefusesToOverwriteAndWritesNothing() throws {
        let copy = try ProjectCopy()
        try copy.write("-- mine\n", to: "plugins/crete.lua")
        let before = try copy.read("instruments/project.yaml")
        let output = try copy.run(arguments)
        #expect(output.status == 1)
        #expect(output.standardError == "error: plugins/crete.lua exists; nothing was written (remove it, or choose another name)\n")
        #expect(try copy.read("instruments/project.yaml") == before)
        #expect(try copy.read("plugins/crete.lua") == "-- mine\n")
        #expect(!FileManager.default.fileExists(atPath: copy.root.appendingPathComponent("instruments/gr-crete-instrument.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: copy.root.appendingPathComponent("instruments/evidence/gr-crete-instrument").path))
    }

    @Test func itRefusesAnExistingPartnerAndBadCodesAllAtOnce() throws {
        let copy = try ProjectCopy()
        let output = try copy.run(["new", "region", "riga", "--partner-name", "Riga again", "--country", "lv", "--language", "LV"])
        #expect(output.status == 1)
        #expect(output.standardError == """
            error: project.yaml already has a partner `riga`
            error: --country must be an ISO 3166-1 alpha-2 code (two capital letters, like `GR`), found `lv`
            error: --language must be an ISO 639-1 code (two lower-case letters, like `el`), found `LV`
            error: plugins/riga.lua exists; nothing was written (remove it, or choose another name)
            error: plugins/tests/riga.yaml exists; nothing was written (remove it, or choose another name)

            """)
    }

    @Test func aPartnerListFollowedByCommentsAndKeysKeepsThem() throws {
        let copy = try ProjectCopy()
        let text = try copy.read("instruments/project.yaml")
        // a comment and a blank line at the end of the list, as officers leave them
        try copy.write(text + "  # more partners to come\n\n", to: "instruments/project.yaml")
        let output = try copy.run(arguments)
        #expect(output.status == 0, "\(output.standardError)")
        let after = try copy.read("instruments/project.yaml")
        #expect(after.hasSuffix("""
                role: advisory-partner
              # more partners to come
              - id: crete
                name: { en: "Region of Crete", el: "Περιφέρεια Κρήτης" }
                country: GR
                language: el
                role: partner


            """))
        #expect(try copy.run(["check"]).status == 0)
    }
}
