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

    @Test("Any number of jobs gives the same project and the same report")
    func jobs() throws {
        // A folder: the shipped files (or the valid sample), and a case with evidence files.
        for (folder, name) in [(Fixtures.sampleProject, "instruments"), (Fixtures.invalid.appendingPathComponent("evidence-files"), "evidence-files")] {
            let one = ProjectLoader.load(directory: folder, displayPath: name, jobs: 1)
            for jobs in [2, 3, 8] {
                let many = ProjectLoader.load(directory: folder, displayPath: name, jobs: jobs)
                #expect(many.report == one.report, "\(name), \(jobs) jobs")
                #expect(many.project == one.project, "\(name), \(jobs) jobs")
            }
        }
        // Bytes: every instrument file of the invalid cases at once, and the valid one.
        var files: [(path: String, bytes: [UInt8])] = []
        for name in Fixtures.names(in: Fixtures.invalid) + ["."] {
            let folder = name == "." ? Fixtures.valid : Fixtures.invalid.appendingPathComponent(name)
            for file in Fixtures.names(in: folder) where file.hasSuffix(".yaml") && file != "project.yaml" {
                files.append(("\(name)/\(file)", Fixtures.bytes(folder.appendingPathComponent(file))))
            }
        }
        #expect(files.count > 20)
        let project = (path: "project.yaml", bytes: Fixtures.bytes(Fixtures.valid.appendingPathComponent("project.yaml")))
        let one = ProjectLoader.load(project: project, instruments: files, jobs: 1)
        #expect(one.hasErrors)
        #expect(try #require(one.project).instruments.count >= 1)
        for jobs in [2, 5] {
            let many = ProjectLoader.load(project: project, instruments: files, jobs: jobs)
            #expect(many.report == one.report, "\(jobs) jobs")
            #expect(many.project == one.project, "\(jobs) jobs")
        }
    }
}

@Suite("Loading inline YAML")
struct InlineLoaderTests {
    static let project = Fixtures.text(Fixtures.valid.appendingPathComponent("project.yaml"))
    static let instrument = Fixtures.text(Fixtures.valid.appendingPathComponent("gr-peloponnese-rop.yaml"))

    static func load(_ text: String, path: String = "gr-peloponnese-rop.yaml") -> [String] {
        ProjectLoader.load(projectYAML: project, instrumentFiles: [(path, text)]).diagnostics.map(\.description)
    }

    @Test("A valid instrument decodes into the model")
    func decodes() throws {
        let result = ProjectLoader.load(projectYAML: Self.project, instrumentFiles: [("gr-peloponnese-rop.yaml", Self.instrument)])
        #expect(!result.hasErrors)
        let project = try #require(result.project)
        #expect(project.leadPartner?.id == "peloponnese")
        #expect(project.calendar.periods.count == 8)
        #expect(project.calendar.midtermReview == "P4")
        let instrument = try #require(project.instrument(id: "gr-peloponnese-rop"))
        #expect(instrument.title.text(in: "el") == "Πρόγραμμα \"Πελοπόννησος 2021-2027\"")
        #expect(instrument.title.text(in: "de") == "Regional Operational Programme \"Peloponnese 2021-2027\"")
        #expect(instrument.programmeCode == "2021EL16FFPR013")
        let indicator = try #require(instrument.indicator(id: "se-enterprises-supported"))
        #expect(indicator.baseline.source.isIllustrative)
        #expect(indicator.values.count == 3)
        #expect(indicator.values[1].quality == .approved)
        #expect(indicator.allocation == 12_500_000)
        #expect(instrument.indicator(id: "strategy-status")?.accumulation == .level)
        #expect(instrument.indicator(id: "observatory-launched")?.values.first?.value == .reached(true))
        let action = try #require(instrument.action(id: "a1-social-economy-call"))
        #expect(action.milestones.map(\.doneOn?.description) == ["2025-07-10", nil])
        #expect(instrument.evidence(id: "ev-monitoring-2024")?.path == "evidence/monitoring-2024.pdf")
    }

    @Test("Values as known on a day keep, per period, the latest entry reported by then")
    func knownOn() throws {
        let result = ProjectLoader.load(projectYAML: Self.project, instrumentFiles: [("gr-peloponnese-rop.yaml", Self.instrument)])
        let instrument = try #require(result.project?.instruments.first)
        let indicator = try #require(instrument.indicator(id: "se-enterprises-supported"))
        func known(_ day: String) throws -> [String] {
            indicator.values(knownOn: try #require(Day(day))).map { "\($0.period)=\($0.value)" }
        }
        #expect(try known("2024-11-14") == [])
        #expect(try known("2024-11-15") == ["P3=12"])
        #expect(try known("2025-02-10") == ["P3=14"])
        #expect(try known("2025-12-31") == ["P3=14", "P4=30"])
        let action = try #require(instrument.action(id: "a1-social-economy-call"))
        #expect(action.latestUpdate(knownOn: try #require(Day("2025-11-01")))?.status == .inProgress)
        #expect(action.latestUpdate(knownOn: try #require(Day("2025-12-01")))?.status == .delayed)
        #expect(action.updates(knownOn: try #require(Day("2025-01-01"))).isEmpty)
    }

    @Test("A later schema version is refused naming the supported one")
    func laterSchema() {
        #expect(Self.load(Self.instrument.replacingOccurrences(of: "schema: 1", with: "schema: 3")) == [
            "gr-peloponnese-rop.yaml:2:9: error: unsupported schema version 3; this version of policy-tracker reads schema 1",
        ])
    }

    @Test("Unknown keys are errors with the nearest known key")
    func unknownKey() {
        #expect(Self.load(Self.instrument.replacingOccurrences(of: "    ascending: true", with: "    acending: true")) == [
            "gr-peloponnese-rop.yaml:22:5: error: unknown key `acending` in an indicator; did you mean `ascending`?",
        ])
    }

    @Test("A UTF-8 BOM and CRLF line endings are accepted")
    func bomAndCRLF() {
        let text = "\u{FEFF}" + Self.instrument.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Self.load(text) == [])
    }

    @Test("Dates are read from the text, not resolved by YAML")
    func dates() {
        #expect(Self.load(Self.instrument.replacingOccurrences(of: "date: 2025-05-12", with: "date: 2025-05-12T10:00:00Z")) == [
            "gr-peloponnese-rop.yaml:102:11: error: `date` must be a valid day written YYYY-MM-DD, found `2025-05-12T10:00:00Z`",
        ])
    }

    @Test("Every problem of every file is reported, sorted by path, line and column")
    func allFilesSorted() {
        let broken = Self.instrument.replacingOccurrences(of: "kind: call", with: "kind: calls")
        let result = ProjectLoader.load(projectYAML: Self.project, instrumentFiles: [
            ("b/gr-peloponnese-rop.yaml", broken.replacingOccurrences(of: "measure: unit", with: "measure: units")),
            ("a/gr-peloponnese-rop.yaml", broken),
        ])
        #expect(result.diagnostics.map(\.description) == [
            "a/gr-peloponnese-rop.yaml:99:11: error: `kind` must be one of decision | call | amended-programme | amended-strategy | minutes | report | publication | other, found `calls`; did you mean `call`?",
            "b/gr-peloponnese-rop.yaml:3:5: error: duplicate instrument id `gr-peloponnese-rop`; a/gr-peloponnese-rop.yaml already uses it",
            "b/gr-peloponnese-rop.yaml:21:14: error: `measure` must be one of unit | percentage | ratio | qualitative | milestone, found `units`; did you mean `unit`?",
            "b/gr-peloponnese-rop.yaml:99:11: error: `kind` must be one of decision | call | amended-programme | amended-strategy | minutes | report | publication | other, found `calls`; did you mean `call`?",
        ])
        #expect(result.summary == "checked 3 files: 4 errors, 0 warnings")
        #expect(result.project?.instruments.isEmpty == true)
    }

    @Test("Diagnostics print like a compiler's")
    func diagnosticDescription() {
        let diagnostic = Diagnostic(path: "instruments/x.yaml", line: 3, column: 7, severity: .warning, message: "look here")
        #expect(diagnostic.description == "instruments/x.yaml:3:7: warning: look here")
    }

    @Test("A missing folder is one diagnostic, not a crash")
    func missingFolder() {
        let result = ProjectLoader.load(directory: Fixtures.folder.appendingPathComponent("no-such-folder"), displayPath: "nowhere")
        #expect(result.diagnostics.map(\.description) == [
            "nowhere:1:1: error: no such folder; point --instruments at the folder that holds project.yaml",
        ])
        #expect(result.project == nil)
    }
}
