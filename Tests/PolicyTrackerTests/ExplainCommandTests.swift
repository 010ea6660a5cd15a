import Foundation
import Testing

/// `policy-tracker explain`, and paths relative to the project folder from anywhere.
@Suite("policy-tracker explain")
struct ExplainCommandTests {
    @Test func theLeadPartnersInstrumentAtP7SaysWhoDecidedWhat() throws {
        let output = try ToolRunner.run(["explain", "gr-peloponnese-rop", "--as-of", "P7"])
        #expect(output.status == 0, "\(output.standardError)")
        let text = output.standardOutput
        // the result at the top, each field with who decided it: no contradicting figure
        #expect(text.contains("  result: on-track, progress 65.0%, expected 55.5%, improved: yes (illustrative numbers)\n"))
        #expect(text.contains("    status = on-track  <- plugins/peloponnese.lua:85, overriding the standard rules\n"))
        #expect(text.contains("    progress = 65.0%   <- plugins/peloponnese.lua:85, overriding the standard rules\n"))
        #expect(text.contains("    expected = 55.5%   <- plugins/peloponnese.lua:85, overriding the standard rules\n"))
        #expect(text.contains("    improved = yes     <- standard rule improvement\n"))
        // the standard decision, and the override that names it
        #expect(text.contains("        status: standard at-risk (gap = expected 0.77 - progress 0.59 = 0.18 > 0.10 (onTrackGap) and <= 0.25 (atRiskGap): at-risk) → on-track, returned by the instrument hook\n"))
        #expect(text.contains("        expected: standard 0.77 → 0.56, returned by the instrument hook\n"))
        #expect(text.contains(", plugins/peloponnese.lua:81\n        Weighted by allocation (EUR 12,500,000 in all): progress 65%, expected 56%: on-track.\n"))
    }

    @Test func anItemShowsItsInputsAtTheirLines() throws {
        let output = try ToolRunner.run(["explain", "gr-peloponnese-rop/se-enterprises-supported", "--as-of", "P7"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("""
             5. input, instruments/gr-peloponnese-rop.yaml:41
                P3 value: 14 enterprises, reported on 2025-04-24 (illustrative); corrects 12 enterprises reported on 2024-10-30 (line 36)
                supersedes the entry at instruments/gr-peloponnese-rop.yaml:36

        """))
    }

    @Test func markdownAndJSONSayTheSame() throws {
        let markdown = try ToolRunner.run(["explain", "gr-peloponnese-rop", "--as-of", "P7", "--format", "markdown"])
        #expect(markdown.standardOutput.contains("| status | on-track | plugins/peloponnese.lua:85, overriding the standard rules |\n"))
        let json = try ToolRunner.run(["explain", "gr-peloponnese-rop/a1-social-economy-call", "--as-of", "P7", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(document["schema_version"] as? Int == 1)
        let item = try #require(document["item"] as? [String: Any])
        #expect(item["instrument_id"] as? String == "gr-peloponnese-rop" && item["id"] as? String == "a1-social-economy-call")
        #expect((item["evaluated_by"] as? [String: Any])?["hook"] as? String == "action")
    }

    @Test func unknownSubjectsAreUsageErrors() throws {
        let instrument = try ToolRunner.run(["explain", "xx-nowhere"])
        #expect(instrument.status == 2)
        #expect(instrument.standardError.hasPrefix("Error: unknown instrument 'xx-nowhere'; known: be-flemish-brabant-multiannual-plan, bg-haskovo-idp, "))
        let item = try ToolRunner.run(["explain", "gr-peloponnese-rop/nothing"])
        #expect(item.status == 2)
        #expect(item.standardError.hasPrefix("Error: gr-peloponnese-rop has no indicator or action 'nothing'; it has se-enterprises-supported, "))
    }

    /// Run from another folder, with the project given by absolute paths: no output names an
    /// absolute path; every path is relative to the project folder.
    @Test(arguments: [
        ["explain", "gr-peloponnese-rop", "--as-of", "P7"],
        ["explain", "gr-peloponnese-rop/a1-social-economy-call", "--as-of", "P7", "--format", "json"],
        ["evaluate", "--as-of", "P7"],
        ["evaluate", "--as-of", "P7", "--format", "json"],
        ["matrix", "--as-of", "P7", "--format", "html"],
        ["matrix", "--as-of", "P7", "--format", "json"],
    ])
    func noAbsolutePathFromAnotherFolder(arguments: [String]) throws {
        let elsewhere = FileManager.default.temporaryDirectory
        let root = ToolRunner.repositoryRoot.standardizedFileURL.path
        for location in [["--project", root], ["--instruments", root + "/instruments", "--plugins", root + "/plugins"]] {
            let output = try ToolRunner.run(arguments + location, in: elsewhere)
            #expect(output.status == 0, "\(arguments + location): \(output.standardError)")
            #expect(!output.standardOutput.contains(root) && !output.standardError.contains(root), "\(arguments + location)")
            #expect(!output.standardOutput.contains(elsewhere.path), "\(arguments + location)")
            #expect(output.standardOutput.contains("plugins/peloponnese.lua"), "\(arguments + location)")
        }
    }
}

/// The HTML matrix drills down without script: anchors, visible ids, one `<details>` per
/// instrument with its items and traces, every cell linking to a block that exists.
@Suite("HTML matrix drill-down")
struct HTMLDrillDownTests {
    @Test func everyRowHasAnAnchorAndEveryCellLinksToItsBlock() throws {
        let output = try ToolRunner.run(["matrix", "--as-of", "P7", "--format", "html"])
        #expect(output.status == 0)
        let html = output.standardOutput
        #expect(!html.contains("<script"))
        let ids = ["gr-peloponnese-rop", "de-rhein-neckar-connect-innovation", "be-flemish-brabant-multiannual-plan", "ro-harghita-2030",
                   "pl-mazowsze-efm", "pt-oliveira-mupsi", "lv-riga-development-programme", "es-esf-action6", "bg-haskovo-idp"]
        func count(_ needle: String) -> Int { html.components(separatedBy: needle).count - 1 }
        for id in ids {
            #expect(count("<tr id=\"\(id)\"><th scope=\"row\">") == 1, "\(id): row anchor")
            #expect(count("<small class=\"iid\">\(id)</small>") >= 2, "\(id): id visible in the row and the block")
            #expect(count("<div class=\"why-body\" id=\"why-\(id)\">") == 1, "\(id): drill-down block")
            #expect(count("<a class=\"to-why\" href=\"#why-\(id)\">") == 7, "\(id): a link from each of the 7 cells")
        }
        #expect(count("<details class=\"why\">") == ids.count)
        // every item of every instrument has its block with its trace (63 items)
        #expect(count("<details class=\"item-why\">") == 63)
        #expect(html.contains("<li class=\"k-override\"><span class=\"kind\">override</span> <code class=\"origin\">plugins/peloponnese.lua:85</code> status: standard at-risk"))
        // every link points at an id of the page
        let targets = html.components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        for target in Set(targets) { #expect(html.contains("id=\"\(target)\""), "#\(target) has no target") }
        // printed, the blocks are open
        #expect(html.contains(".drill details::details-content { content-visibility: visible; display: block; }"))
    }
}
