import Foundation
import PolicyKit
import Testing

/// A git repository made by a test in a temporary folder from the shipped instruments and
/// plugins: one commit tagged `report-P6`, then the test's changes in the work tree.
struct EditionRepository {
    let folder: URL

    init(_ prepare: (EditionRepository) throws -> Void = { _ in }) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-editions-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["instruments", "plugins"] {
            try FileManager.default.copyItem(at: ToolRunner.repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try prepare(self)
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-q", "-m", "P6 report")
        try git("tag", "report-P6")
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                             "-c", "init.defaultBranch=main"] + arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitFailure(arguments: arguments) }
        return String(decoding: data, as: UTF8.self)
    }

    struct GitFailure: Error { let arguments: [String] }

    /// Replaces `old` (which must occur) by `new` in a file of the repository.
    func replace(_ old: String, with new: String, in path: String) throws {
        let url = folder.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains(old) else { throw Missing(text: old, path: path) }
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    struct Missing: Error { let text: String; let path: String }

    /// The line (from 1) of the first line of `path` that contains `text`.
    func line(of text: String, in path: String) throws -> Int {
        let lines = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(text) } ?? -2) + 1
    }

    func run(_ arguments: [String]) throws -> ToolRunner.Output {
        try ToolRunner.run(arguments, in: folder)
    }
}

/// The changes a test applies: one of each kind of cause, and one that only data and rules together explain.
enum EditionChange: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case newReport = "new-report"
    case correction
    case definition
    case rule
    case evidence
    case instrument
    case interaction

    var testDescription: String { rawValue }

    static let brabant = "instruments/be-flemish-brabant-multiannual-plan.yaml"
    static let haskovo = "instruments/bg-haskovo-idp.yaml"
    static let rheinNeckar = "instruments/de-rhein-neckar-connect-innovation.yaml"
    static let riga = "instruments/lv-riga-development-programme.yaml"

    static let p6Brabant = "      - { period: P6, value: 10.2, reported_on: 2026-05-11, source: illustrative, note: Final value of the plan period }\n"
    static let p6Haskovo = "      - { period: P6, value: 55, reported_on: 2026-04-29, source: illustrative }\n"

    /// The riga plugin of the interaction case: a threshold that neither edition's data reaches alone.
    static func rigaPlugin(threshold: Int) -> String {
        """
        local THRESHOLD = \(threshold)
        return {
          name = "riga",
          api_level = 1,
          instruments = { "lv-riga-development-programme" },
          indicator = function(indicator, ctx)
            if indicator.id ~= "cooperation-group-members" then return nil end
            policy.explain("<script>alert(1)</script> | *not emphasis* `not code` [not](a-link)")
            local latest = policy.latest(indicator)
            if latest ~= nil and latest.value >= THRESHOLD then return { status = "achieved", progress = 1 } end
            return { status = "on-track", progress = 0.5 }
          end,
        }

        """
    }

    /// What the earlier edition needs beyond the shipped files.
    func prepare(_ repository: EditionRepository) throws {
        if self == .interaction {
            try Self.rigaPlugin(threshold: 1000).write(to: repository.folder.appendingPathComponent("plugins/riga.lua"), atomically: true, encoding: .utf8)
        }
    }

    /// Applies the change to the work tree; returns the causes expected on every changed cell:
    /// kind and `path:line`.
    func apply(_ repository: EditionRepository) throws -> [(kind: String, location: String?)] {
        switch self {
        case .newReport:
            try repository.replace(Self.p6Brabant, with: Self.p6Brabant + "      - { period: P7, value: 30, reported_on: 2026-10-20, source: illustrative }\n", in: Self.brabant)
            return [("new-report", "\(Self.brabant):\(try repository.line(of: "period: P7, value: 30,", in: Self.brabant))")]
        case .correction:
            try repository.replace(Self.p6Haskovo, with: Self.p6Haskovo + "      - { period: P6, value: 95, reported_on: 2026-10-28, source: illustrative }\n", in: Self.haskovo)
            return [("correction", "\(Self.haskovo):\(try repository.line(of: "period: P6, value: 95,", in: Self.haskovo))")]
        case .definition:
            try repository.replace("target: { value: 600, date: 2027-05-31, source: illustrative }",
                                   with: "target: { value: 400, date: 2027-05-31, source: illustrative }", in: Self.haskovo)
            return [("definition", "\(Self.haskovo):\(try repository.line(of: "target: { value: 400,", in: Self.haskovo))")]
        case .rule:
            try repository.replace("local AT_RISK_SHARE = 0.60", with: "local AT_RISK_SHARE = 0.90", in: "plugins/mazovia.lua")
            return [("rule", "plugins/mazovia.lua:\(try repository.line(of: "local AT_RISK_SHARE = 0.90", in: "plugins/mazovia.lua"))")]
        case .evidence:
            try "A different decision.\n".write(
                to: repository.folder.appendingPathComponent("instruments/evidence/de-rhein-neckar-connect-innovation/decision-competence-centre-2025.txt"),
                atomically: true, encoding: .utf8)
            return [("evidence", "\(Self.rheinNeckar):\(try repository.line(of: "sha256: efe04f82", in: Self.rheinNeckar))")]
        case .instrument:
            try FileManager.default.removeItem(at: repository.folder.appendingPathComponent(Self.riga))
            return [("instrument", Self.riga)]
        case .interaction:
            try Self.rigaPlugin(threshold: 500).write(to: repository.folder.appendingPathComponent("plugins/riga.lua"), atomically: true, encoding: .utf8)
            try repository.replace("      - { period: P7, value: 14, reported_on: 2026-10-14, source: illustrative }\n",
                                   with: "      - { period: P7, value: 14, reported_on: 2026-10-14, source: illustrative }\n      - { period: P7, value: 600, reported_on: 2026-11-02, source: illustrative }\n",
                                   in: Self.riga)
            return [("interaction", nil),
                    ("correction", "\(Self.riga):\(try repository.line(of: "period: P7, value: 600,", in: Self.riga))"),
                    ("rule", "plugins/riga.lua:1")]
        }
    }
}

/// `policy-tracker diff` and `impact` end to end, on git histories built by the tests.
@Suite("policy-tracker diff")
struct DiffCommandTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let extensions: [EditionDiffFormat: String] = [.text: "txt", .markdown: "md", .json: "json", .html: "html"]
    static let asOf = ["--as-of", "2026-12-01"]

    /// Compares with (or records, with RECORD_GOLDEN=1) a golden file; the commit, which differs
    /// at every run, is replaced by a placeholder.
    static func checkGolden(_ text: String, repository: EditionRepository, name: String) throws {
        let commit = try repository.git("rev-parse", "report-P6").trimmingCharacters(in: .whitespacesAndNewlines)
        let stable = text.replacingOccurrences(of: commit, with: "COMMIT").replacingOccurrences(of: String(commit.prefix(12)), with: "COMMIT")
        let file = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(stable.utf8).write(to: file)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: file.path), "missing \(name): run with RECORD_GOLDEN=1")
        #expect(stable == String(decoding: expected, as: UTF8.self), "\(name) differs; re-record with RECORD_GOLDEN=1 and review the diff")
    }

    /// Every cause (kind, path:line) of every changed cell in a JSON document.
    static func cellCauses(_ json: String) throws -> [[(kind: String, location: String?)]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cells = try #require(document["cells"] as? [[String: Any]])
        return cells.map { cell in
            (cell["causes"] as? [[String: Any]] ?? []).map { cause in
                let path = cause["path"] as? String
                let line = cause["line"] as? Int
                return (cause["kind"] as? String ?? "", path.map { path in line.map { "\(path):\($0)" } ?? path })
            }
        }
    }

    @Test(arguments: EditionChange.allCases)
    func oneChangeGivesItsCauseOnEveryChangedCell(_ change: EditionChange) throws {
        let repository = try EditionRepository(change.prepare)
        defer { repository.remove() }
        let expected = try change.apply(repository)
        let json = try repository.run(["diff", "--from", "git:report-P6", "--format", "json"] + Self.asOf)
        #expect(json.status == 1, "\(json.standardError)")
        let cells = try Self.cellCauses(json.standardOutput)
        #expect(!cells.isEmpty)
        for causes in cells {
            #expect(causes.map(\.kind) == expected.map(\.kind), "\(causes)")
            for (cause, wanted) in zip(causes, expected) where wanted.location != nil {
                #expect(cause.location == wanted.location)
            }
        }
        for format in EditionDiffFormat.allCases {
            let output = try repository.run(["diff", "--from", "git:report-P6", "--format", format.rawValue, "--jobs", "2"] + Self.asOf)
            #expect(output.status == 1)
            try Self.checkGolden(output.standardOutput, repository: repository, name: "diff-\(change.rawValue).\(Self.extensions[format]!)")
        }
    }

    /// The issue's scenario: a new P7 value, a correction, a plugin threshold and an evidence file.
    @Test func theLeadPartnersScenario() throws {
        let repository = try EditionRepository()
        defer { repository.remove() }
        var expected: [String: (kind: String, location: String?)] = [:]
        for change in [EditionChange.newReport, .correction, .rule] {
            let causes = try change.apply(repository)
            let instrument = change == .newReport ? "be-flemish-brabant-multiannual-plan" : change == .correction ? "bg-haskovo-idp" : "pl-mazowsze-efm"
            expected[instrument] = causes[0]
        }
        try "Replaced minutes.\n".write(
            to: repository.folder.appendingPathComponent("instruments/evidence/de-rhein-neckar-connect-innovation/stakeholder-group-minutes-2025.txt"),
            atomically: true, encoding: .utf8)
        let output = try repository.run(["diff", "--from", "git:report-P6", "--format", "json"] + Self.asOf)
        #expect(output.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let cells = try #require(document["cells"] as? [[String: Any]])
        #expect(Set(cells.compactMap { $0["instrument"] as? String }) == Set(expected.keys))
        for (cell, causes) in zip(cells, try Self.cellCauses(output.standardOutput)) {
            let wanted = try #require(expected[cell["instrument"] as? String ?? ""])
            #expect(causes.map(\.kind) == [wanted.kind])
            #expect(causes.first?.location == wanted.location)
        }
        // the evidence file nothing depends on is listed, located at its declaration
        let withoutEffect = try #require(document["without_effect"] as? [[String: Any]])
        let line = try repository.line(of: "path: evidence/de-rhein-neckar-connect-innovation/stakeholder-group-minutes-2025.txt", in: EditionChange.rheinNeckar)
        #expect(withoutEffect.contains { $0["kind"] as? String == "evidence" && $0["path"] as? String == EditionChange.rheinNeckar && $0["line"] as? Int == line })

        let impact = try repository.run(["impact", "--from", "git:report-P6", "--reported-up-to", "P6"] + Self.asOf)
        #expect(impact.status == 1)
        #expect(impact.standardError == "policy-tracker impact: the rule change rewrites 1 cell of reported periods (pl-mazowsze-efm:P6); acknowledge each with --accept INSTRUMENT:PERIOD or --accept-file\n")
        #expect(impact.standardOutput.contains("P6  at-risk 47% (expected 69%) -> off-track 47% (expected 69%)  [rules]  REPORTED PERIOD: history rewritten"))
        let accepted = try repository.run(["impact", "--from", "git:report-P6", "--reported-up-to", "P6", "--accept", "pl-mazowsze-efm:P6"] + Self.asOf)
        #expect(accepted.status == 0, "\(accepted.standardError)")
        try "# acknowledged in the steering group of 2026-11-20\npl-mazowsze-efm:*\n".write(to: repository.folder.appendingPathComponent("accepted.txt"), atomically: true, encoding: .utf8)
        let file = try repository.run(["impact", "--from", "git:report-P6", "--reported-up-to", "P6", "--accept-file", "accepted.txt"] + Self.asOf)
        #expect(file.status == 0, "\(file.standardError)")
        let onlyLater = try repository.run(["impact", "--from", "git:report-P6", "--reported-up-to", "P5"] + Self.asOf)
        #expect(onlyLater.status == 0, "P6 is not reported yet: nothing reported is rewritten")
        let rulesUnchanged = try repository.run(["impact", "--from", "git:HEAD", "--reported-up-to", "P6", "--plugins", "plugins"] + Self.asOf)
        #expect(rulesUnchanged.status == 1, "HEAD is the tag: the threshold change is still there")
    }

    /// The README's example is the tool's output on the same changes (the commit aside).
    @Test func theReadmeShowsARealDiff() throws {
        let repository = try EditionRepository()
        defer { repository.remove() }
        _ = try EditionChange.newReport.apply(repository)
        _ = try EditionChange.correction.apply(repository)
        let output = try repository.run(["diff", "--from", "git:report-P6", "--as-of", "2026-12-01", "--period", "P7"])
        #expect(output.status == 1)
        let readme = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let marker = "<!-- diff-example: tested by DiffCommandTests.theReadmeShowsARealDiff -->\n```text\n"
        let start = try #require(readme.range(of: marker), "README.md lacks the diff example")
        let end = try #require(readme.range(of: "```\n", range: start.upperBound..<readme.endIndex))
        func normalized(_ text: String) -> String {
            text.replacingOccurrences(of: #"commit [0-9a-f]{12}"#, with: "commit C", options: .regularExpression)
        }
        #expect(normalized(String(readme[start.upperBound..<end.lowerBound])) == normalized(output.standardOutput))
    }

    /// A plugin's explanation is text, never markup: escaped in Markdown and HTML; and the text
    /// format keeps to 120 columns.
    @Test func textFromPluginsIsInertAndTextFitsTheTerminal() throws {
        let repository = try EditionRepository(EditionChange.interaction.prepare)
        defer { repository.remove() }
        _ = try EditionChange.interaction.apply(repository)
        let html = try repository.run(["diff", "--from", "git:report-P6", "--format", "html"] + Self.asOf)
        #expect(html.standardOutput.contains("&lt;script&gt;alert(1)&lt;/script&gt; | *not emphasis* `not code` [not](a-link)"))
        #expect(!html.standardOutput.contains("<script"))
        let markdown = try repository.run(["diff", "--from", "git:report-P6", "--format", "markdown"] + Self.asOf)
        #expect(markdown.standardOutput.contains("\\<script\\>alert(1)\\</script\\> \\| \\*not emphasis\\* \\`not code\\` \\[not\\](a-link)"))
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.golden.path) where name.hasPrefix("diff-") && name.hasSuffix(".txt") {
            let text = try String(contentsOf: Self.golden.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                #expect(line.count <= 120, "\(name): \(line)")
            }
        }
    }

    @Test func identicalEditionsGiveAnEmptyDiffAndExitZero() throws {
        let repository = try EditionRepository()
        defer { repository.remove() }
        let output = try repository.run(["diff", "--from", "git:report-P6"] + Self.asOf)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.hasSuffix(" -> working folder; as of 2026-12-01, known on 2026-12-01;\n  periods P1-P8\nnothing changed\n"))
        let impact = try repository.run(["impact"] + Self.asOf)
        #expect(impact.status == 0)
    }

    @Test func theWorkTreeAndTheIndexAreUntouched() throws {
        let repository = try EditionRepository()
        defer { repository.remove() }
        _ = try EditionChange.correction.apply(repository)
        try repository.git("add", EditionChange.haskovo)   // a staged change
        _ = try EditionChange.rule.apply(repository)         // and an unstaged one
        let status = try repository.git("status", "--porcelain")
        let index = try Data(contentsOf: repository.folder.appendingPathComponent(".git/index"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: repository.folder.path).filter { !$0.hasPrefix(".git") }.sorted()
        let output = try repository.run(["diff", "--from", "git:report-P6"] + Self.asOf)
        #expect(output.status == 1)
        #expect(try repository.git("status", "--porcelain") == status)
        #expect(try Data(contentsOf: repository.folder.appendingPathComponent(".git/index")) == index)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: repository.folder.path).filter { !$0.hasPrefix(".git") }.sorted() == files)
    }

    @Test func gitEditionsCanBeAnyRevisionOnEitherSide() throws {
        let repository = try EditionRepository()
        defer { repository.remove() }
        _ = try EditionChange.correction.apply(repository)
        try repository.git("commit", "-q", "-a", "-m", "correction")
        let byBranch = try repository.run(["diff", "--from", "git:report-P6", "--to", "git:main", "--format", "json"] + Self.asOf)
        let byWorkTree = try repository.run(["diff", "--from", "git:report-P6", "--format", "json"] + Self.asOf)
        #expect(byBranch.status == 1)
        let commit = try repository.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(byBranch.standardOutput.contains("\"commit\": \"\(commit)\""))
        #expect(try Self.cellCauses(byBranch.standardOutput).map { $0.map(\.kind) } == Self.cellCauses(byWorkTree.standardOutput).map { $0.map(\.kind) })
        let reverse = try repository.run(["diff", "--from", "git:HEAD", "--to", "git:HEAD~1", "--format", "json"] + Self.asOf)
        #expect(reverse.status == 1)
        #expect(reverse.standardOutput.contains("\"subject\": \"awareness-participants: the value for P6 reported 2026-10-28 is gone; the one reported 2026-04-29 is in force\""))
        let line = try repository.line(of: "period: P6, value: 55,", in: EditionChange.haskovo)
        #expect(try Self.cellCauses(reverse.standardOutput).allSatisfy { $0.map(\.location) == ["\(EditionChange.haskovo):\(line)"] })
        // a folder edition holding instruments/ and plugins/
        let copy = repository.folder.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try repository.git("archive", "-o", "copy/p6.tar", "report-P6")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xf", "p6.tar"]
        tar.currentDirectoryURL = copy
        try tar.run()
        tar.waitUntilExit()
        let byFolder = try repository.run(["diff", "--from", "copy", "--format", "json"] + Self.asOf)
        #expect(byFolder.status == 1)
        #expect(try Self.cellCauses(byFolder.standardOutput).map { $0.map(\.kind) } == Self.cellCauses(byWorkTree.standardOutput).map { $0.map(\.kind) })
    }

    @Test func unreadableEditionsGiveOneLineAndExitTwo() throws {
        let repository = try EditionRepository()
        defer { repository.remove() }
        let unknown = try repository.run(["diff", "--from", "git:report-P9"])
        #expect(unknown.status == 2)
        let top = URL(fileURLWithPath: try repository.git("rev-parse", "--show-toplevel").trimmingCharacters(in: .whitespacesAndNewlines)).path
        #expect(unknown.standardError == "policy-tracker: git:report-P9: unknown revision 'report-P9' in the repository \(top)\n")
        try repository.git("rm", "-q", "-r", "instruments")
        try repository.git("commit", "-q", "-m", "moved away")
        try repository.git("checkout", "-q", "report-P6", "--", "instruments")
        let missing = try repository.run(["diff", "--from", "git:HEAD"])
        #expect(missing.status == 2)
        let commit = try repository.git("rev-parse", "HEAD").prefix(12)
        #expect(missing.standardError == "policy-tracker: git:HEAD: the revision (commit \(commit)) has no instruments/ folder\n")
        let empty = try repository.run(["diff", "--from", "git:"])
        #expect(empty.standardError == "policy-tracker: git:: no revision after git: (write git:REV, such as git:HEAD or git:report-P6)\n")

        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("pt-no-repo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: repository.folder.appendingPathComponent("instruments"), to: outside.appendingPathComponent("instruments"))
        defer { try? FileManager.default.removeItem(at: outside) }
        let notARepository = try ToolRunner.run(["diff", "--from", "git:HEAD"], in: outside, environment: ["GIT_CEILING_DIRECTORIES": outside.deletingLastPathComponent().path])
        #expect(notARepository.status == 2)
        #expect(notARepository.standardError == "policy-tracker: git:HEAD: 'instruments' is not in a git repository (git:REV reads the repository that holds --instruments)\n")
        let noFolder = try repository.run(["diff", "--from", "nowhere"])
        #expect(noFolder.status == 2)
        #expect(noFolder.standardError == "policy-tracker: nowhere: no such folder (an edition is a folder holding instruments/ and plugins/, or git:REVISION)\n")
    }

    @Test func oneOrTwoWorkersGiveTheSameBytes() throws {
        let repository = try EditionRepository()
        defer { repository.remove() }
        _ = try EditionChange.correction.apply(repository)
        _ = try EditionChange.rule.apply(repository)
        for format in EditionDiffFormat.allCases {
            let one = try repository.run(["diff", "--from", "git:report-P6", "--format", format.rawValue, "--jobs", "1"] + Self.asOf)
            let two = try repository.run(["diff", "--from", "git:report-P6", "--format", format.rawValue, "--jobs", "2"] + Self.asOf)
            #expect(one.status == 1)
            #expect(one.standardOutput == two.standardOutput)
        }
    }

    @Test func anEditionWithABrokenFileIsComparedAsFarAsItLoads() throws {
        let repository = try EditionRepository()
        defer { repository.remove() }
        _ = try EditionChange.correction.apply(repository)
        try repository.replace("partner: riga", with: "partner: riga\nunknown_key: 1", in: EditionChange.riga)
        let output = try repository.run(["diff", "--from", "git:report-P6", "--format", "json"] + Self.asOf)
        #expect(output.status == 1)
        let line = try repository.line(of: "unknown_key: 1", in: EditionChange.riga)
        #expect(output.standardError.contains("working folder: \(EditionChange.riga):\(line):1: error: unknown key `unknown_key`"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let notLoaded = try #require(document["not_loaded"] as? [[String: Any]])
        #expect(notLoaded.map { $0["instrument"] as? String } == ["lv-riga-development-programme"])
        let cells = try #require(document["cells"] as? [[String: Any]])
        let instruments = Set(cells.compactMap { $0["instrument"] as? String })
        #expect(instruments == ["bg-haskovo-idp", "lv-riga-development-programme"])
        for cell in cells where cell["instrument"] as? String == "lv-riga-development-programme" {
            let after = try #require(cell["after"] as? [String: Any])
            #expect(after["presence"] as? String == "not-loaded")
            let causes = try Self.cellCauses(output.standardOutput).flatMap { $0 }
            #expect(causes.contains { $0.kind == "instrument" && $0.location == "\(EditionChange.riga):\(line)" })
        }
    }

    @Test func usageErrorsExitWithTwo() throws {
        let format = try ToolRunner.run(["diff", "--from", "git:HEAD", "--format", "csv"])
        #expect(format.status == 2)
        #expect(format.standardError.contains("--format must be one of text, markdown, json, html, not 'csv'"))
        let accept = try ToolRunner.run(["impact", "--accept", "pl-mazowsze-efm"])
        #expect(accept.status == 2)
        #expect(accept.standardError.contains("--accept: 'pl-mazowsze-efm' must be INSTRUMENT:PERIOD (such as pl-mazowsze-efm:P5) or INSTRUMENT:*"))
    }
}
