import Foundation
import PolicyKit
import PolicyLua
import Testing

/// A Swift app diffing two editions it holds as folders, with the Lua plugins.
@Suite("EditionEvaluator")
struct EditionEvaluatorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func edition(named name: String, in folder: URL) throws -> URL {
        let edition = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: edition, withIntermediateDirectories: true)
        for part in ["instruments", "plugins"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(part), to: edition.appendingPathComponent(part))
        }
        return edition
    }

    @Test func aThresholdChangeIsTheRulesAndNamesItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-editions-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let earlierFolder = try Self.edition(named: "p6", in: folder)
        let laterFolder = try Self.edition(named: "p7", in: folder)
        let plugin = laterFolder.appendingPathComponent("plugins/mazovia.lua")
        let text = try String(contentsOf: plugin, encoding: .utf8)
        #expect(text.contains("local AT_RISK_SHARE = 0.60"))
        try text.replacingOccurrences(of: "local AT_RISK_SHARE = 0.60", with: "local AT_RISK_SHARE = 0.90").write(to: plugin, atomically: true, encoding: .utf8)
        let line = try #require(try String(contentsOf: plugin, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("AT_RISK_SHARE = 0.90") }) + 1

        let earlierEdition = try Edition.open(earlierFolder.path, workingInstruments: "instruments", workingPlugins: "plugins")
        let laterEdition = try Edition.open(laterFolder.path, workingInstruments: "instruments", workingPlugins: "plugins")
        let earlier = try EditionSnapshot.load(earlierEdition, jobs: 2)
        let later = try EditionSnapshot.load(laterEdition, jobs: 2)
        let day = try #require(Day("2026-12-01"))
        let columns = try EditionEvaluation.columns(calendar: later.project.calendar, asOf: day, period: nil)
        let evaluations = try EditionEvaluator.counterfactuals(from: earlier, fromPlugins: earlierEdition.plugins, to: later,
                                                               toPlugins: laterEdition.plugins, columns: columns, knownOn: day, jobs: 2)
        let diff = EditionDiff.compare(from: earlier, to: later, evaluations: evaluations, asOf: day, knownOn: day)
        #expect(!diff.cells.isEmpty)
        for cell in diff.cells {
            #expect(cell.instrumentID == "pl-mazowsze-efm")
            #expect(cell.attribution == .rules)
            #expect(cell.causes.map(\.kind) == [.rule])
            #expect(cell.causes.first?.location == "\(laterFolder.path)/plugins/mazovia.lua:\(line)")
            #expect(cell.causes.first?.before == "local AT_RISK_SHARE = 0.60")
            #expect(cell.causes.first?.hook == "instrument")
        }
        // the data did not change: the counterfactual evaluations were not needed
        #expect(evaluations.dataOnly.results == evaluations.base.results)
    }

    @Test func aSharedModuleChangeIsTheRuleOfEveryPluginThatRequiresIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-editions-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let earlierFolder = try Self.edition(named: "p6", in: folder)
        let laterFolder = try Self.edition(named: "p7", in: folder)
        let module = laterFolder.appendingPathComponent("plugins/lib/scoring.lua")
        let text = try String(contentsOf: module, encoding: .utf8)
        let header = "function scoring.worst(statuses)\n"
        #expect(text.contains(header))
        try text.replacingOccurrences(of: header, with: header + "  do return \"off-track\" end\n").write(to: module, atomically: true, encoding: .utf8)
        let line = try #require(try String(contentsOf: module, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("do return \"off-track\" end") }) + 1

        let earlierEdition = try Edition.open(earlierFolder.path, workingInstruments: "instruments", workingPlugins: "plugins")
        let laterEdition = try Edition.open(laterFolder.path, workingInstruments: "instruments", workingPlugins: "plugins")
        let earlier = try EditionSnapshot.load(earlierEdition, jobs: 2)
        let later = try EditionSnapshot.load(laterEdition, jobs: 2)
        let day = try #require(Day("2026-12-01"))
        let columns = try EditionEvaluation.columns(calendar: later.project.calendar, asOf: day, period: nil)
        let evaluations = try EditionEvaluator.counterfactuals(from: earlier, fromPlugins: earlierEdition.plugins, to: later,
                                                               toPlugins: laterEdition.plugins, columns: columns, knownOn: day, jobs: 2)
        let diff = EditionDiff.compare(from: earlier, to: later, evaluations: evaluations, asOf: day, knownOn: day)
        #expect(!diff.cells.isEmpty)
        let requiring = Set(later.project.instruments.filter { instrument in
            guard let plugin = instrument.plugin, let source = later.ruleFiles[plugin + ".lua"] else { return false }
            return source.contains("require(\"scoring\")")
        }.map(\.id))
        for cell in diff.cells {
            #expect(requiring.contains(cell.instrumentID))
            #expect(cell.attribution == .rules)
            #expect(cell.causes.map(\.location) == ["\(laterFolder.path)/plugins/lib/scoring.lua:\(line)"])
        }
    }
}
