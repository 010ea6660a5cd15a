import Foundation
import PolicyKit
import Testing

/// Hundreds of deterministic pseudo-random mutations of the shipped files (or the valid sample):
/// the loader must never crash or hang, and every diagnostic must be located (line, column >= 1).
@Suite("Mutated instrument files")
struct MutationTests {
    static let folder = Fixtures.sampleProject
    static let sources: [(name: String, bytes: [UInt8])] = Fixtures.names(in: folder)
        .filter { $0.hasSuffix(".yaml") }
        .map { ($0, Fixtures.bytes(folder.appendingPathComponent($0))) }

    static let replacements: [String] = [
        "", "~", "null", "[]", "{}", ".inf", "-.nan", "1e999", "-1", "2023-02-30", "P0", "\"\"", "'x'",
        "&a x", "*a", "!!binary aGk=", "[[[[", "}", "\t", "yes", "0x1F", "2024-11-15T10:00:00Z",
        "- a", "key: value", "? x", "|", ">-", "%YAML 1.2", "---", "...", "\u{0}", "\u{FEFF}", "é", "🙂",
    ]

    static func mutate(_ bytes: [UInt8], generator: inout SeededGenerator) -> [UInt8] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let mutations = Int.random(in: 1...3, using: &generator)
        for _ in 0..<mutations {
            guard !lines.isEmpty else { break }
            let index = Int.random(in: 0..<lines.count, using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0: // flip a byte
                if !lines[index].isEmpty {
                    let at = Int.random(in: 0..<lines[index].count, using: &generator)
                    lines[index][at] ^= UInt8.random(in: 1...255, using: &generator)
                }
            case 1: // drop a line
                lines.remove(at: index)
            case 2: // swap two lines
                lines.swapAt(index, Int.random(in: 0..<lines.count, using: &generator))
            case 3: // duplicate a line
                lines.insert(lines[index], at: index)
            case 4: // replace the value after the first `: `
                let text = String(decoding: lines[index], as: UTF8.self)
                if let colon = text.range(of: ": ") {
                    let value = replacements.randomElement(using: &generator) ?? ""
                    lines[index] = Array((text[..<colon.upperBound] + value).utf8)
                }
            case 5: // change the indentation
                let shift = Int.random(in: 1...3, using: &generator)
                lines[index] = Array(repeating: UInt8(ascii: " "), count: shift) + lines[index]
            default: // truncate the line
                lines[index] = Array(lines[index].prefix(Int.random(in: 0...max(0, lines[index].count), using: &generator)))
            }
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    @Test("Mutations never crash and every diagnostic is located", arguments: 0..<4)
    func mutations(batch: Int) {
        #expect(!Self.sources.isEmpty)
        var generator = SeededGenerator(seed: 0x5EC0_0000 + UInt64(batch))
        let project = Self.sources.first { $0.name == "project.yaml" }
        let instruments = Self.sources.filter { $0.name != "project.yaml" }
        for round in 0..<100 {
            let target = Int.random(in: 0..<Self.sources.count, using: &generator)
            let name = Self.sources[target].name
            let mutated = Self.mutate(Self.sources[target].bytes, generator: &generator)
            let projectFile = name == "project.yaml" ? (name, mutated) : project.map { ($0.name, $0.bytes) }
            // The mutated file with project.yaml (or project.yaml with one instrument): enough
            // for every check, and fast.
            let other = instruments[round % max(1, instruments.count)]
            let files = name == "project.yaml" ? [(other.name, other.bytes)] : [(name, mutated)]
            let result = ProjectLoader.load(project: projectFile, instruments: files)
            for diagnostic in result.diagnostics {
                #expect(diagnostic.line >= 1 && diagnostic.column >= 1, "batch \(batch) round \(round): \(diagnostic)")
                #expect(!diagnostic.message.isEmpty)
            }
            #expect(result.diagnostics == result.diagnostics.sorted())
        }
    }

    @Test("Pathological inputs are refused with located errors", arguments: [
        String(repeating: "[", count: 100_000),
        String(repeating: "- ", count: 50_000) + "x",
        "schema: 1\n" + String(repeating: "a: b\n", count: 3),
        "schema: 1\nid: x\n\u{0}",
        "schema: 1\n\tid: x\n",
        "\u{FEFF}",
        "schema: 1e999999\n",
        "schema: 1\n<<: *base\n",
    ])
    func pathological(text: String) {
        let result = ProjectLoader.load(projectYAML: text, instrumentFiles: [("x.yaml", text)])
        #expect(result.hasErrors)
        #expect(result.diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 })
    }

    /// Line breaks YAML knows besides LF (a CR alone, NEL, LS, PS) would move its line numbers
    /// away from the lines every other tool counts (the loader fuzzer found diagnostics at
    /// line 90 of a 27-line file of lone CRs): each is refused where it stands, in lines of LF.
    @Test(arguments: [
        ("\r", "a carriage return (U+000D) not followed by a line feed"),
        ("\u{85}", "the next-line character U+0085"),
        ("\u{2028}", "the line separator U+2028"),
        ("\u{2029}", "the paragraph separator U+2029"),
    ])
    func lineBreaksOtherThanLineFeedsAreRefusedWhereTheyStand(lineBreak: String, name: String) {
        let text = "schema: 1\r\nid: x\n\n# a comment\r\nnote: \"a \(lineBreak)b\"\n"
        let result = ProjectLoader.load(projectYAML: "schema: 1\n", instrumentFiles: [("x.yaml", text)])
        let diagnostic = result.diagnostics.first { $0.path == "x.yaml" }
        #expect(diagnostic?.description == "x.yaml:5:10: error: \(name) is not allowed: YAML would end a line there, where other tools see none; end lines with a line feed (LF, or CR LF)")
        #expect(result.diagnostics.filter { $0.path == "x.yaml" }.count == 1)
    }
}
