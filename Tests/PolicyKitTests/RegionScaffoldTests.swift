import Foundation
import PolicyKit
import Testing

/// How the scaffold adds a partner to project.yaml texts it has not seen.
@Suite("RegionScaffold: the partner added to project.yaml")
struct RegionScaffoldTests {
    private static let head = """
        schema: 1
        project: { id: p, acronym: P, name: Project, programme: Interreg Europe, reference: "1", start: 2024-01-01, end: 2025-12-31 }
        calendar: { period_months: 6, report_due_months: 3 }

        """

    private func planned(_ text: String, name: String = "crete") throws -> String {
        let loaded = ProjectLoader.load(projectYAML: text, instrumentFiles: [])
        let project = try #require(loaded.project, "\(loaded.report)")
        let scaffold = try RegionScaffold(.init(name: name, partnerName: "Region of Crete", country: "GR", language: "el"),
                                          projectYAML: text, project: project)
        #expect(scaffold.files.map(\.path) == ["gr-\(name)-instrument.yaml", "evidence/gr-\(name)-instrument/README.md", "\(name).lua",
                                               "tests/\(name).yaml", "project.yaml"])
        return try #require(scaffold.files.last).text
    }

    @Test func entriesAtTheFirstColumnAndKeysAfterTheListAreKept() throws {
        let text = Self.head + """
            partners:   # who takes part
            - id: lead
              name: { en: Lead }
              country: BE
              language: nl
              role: lead-partner
            # the next key
            phases:
              - { id: core, title: Core, start: 2024-01-01, end: 2025-12-31 }

            """
        #expect(try planned(text) == Self.head + """
            partners:   # who takes part
            - id: lead
              name: { en: Lead }
              country: BE
              language: nl
              role: lead-partner
            - id: crete
              name: { en: "Region of Crete" }
              country: GR
              language: el
              role: partner
            # the next key
            phases:
              - { id: core, title: Core, start: 2024-01-01, end: 2025-12-31 }

            """)
    }

    @Test func windowsLineEndsAreKept() throws {
        let text = (Self.head + """
            phases:
              - { id: core, title: Core, start: 2024-01-01, end: 2025-12-31 }
            partners:
              - { id: lead, name: { en: Lead }, country: BE, language: nl, role: lead-partner }

            """).replacingOccurrences(of: "\n", with: "\r\n")
        let edited = try planned(text)
        #expect(edited.hasSuffix("role: lead-partner }\r\n  - id: crete\r\n    name: { en: \"Region of Crete\" }\r\n    country: GR\r\n    language: el\r\n    role: partner\r\n"))
        #expect(!edited.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func aPartnerListOnOneLineIsRefused() throws {
        let text = Self.head + "phases: [{ id: core, title: Core, start: 2024-01-01, end: 2025-12-31 }]\npartners: [{ id: lead, name: { en: Lead }, country: BE, language: nl, role: lead-partner }]\n"
        let project = try #require(ProjectLoader.load(projectYAML: text, instrumentFiles: []).project)
        #expect(throws: RegionScaffold.Refusal.self) {
            try RegionScaffold(.init(name: "crete", partnerName: "Region of Crete", country: "GR", language: "el"), projectYAML: text, project: project)
        }
        do {
            _ = try RegionScaffold(.init(name: "crete", partnerName: "Region of Crete", country: "GR", language: "el"), projectYAML: text, project: project)
        } catch {
            #expect(error.description == "project.yaml writes `partners:` on one line; write it as a list (`- id: ...` lines) to add a partner, or add it by hand")
        }
    }
}
