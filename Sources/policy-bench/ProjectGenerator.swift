import Foundation
import PolicyKit
import PolicyLua

/// Writes a synthetic project: N instruments of 10 indicators over 8 periods and 3 actions each,
/// spread over 8 regions whose plugins are copies of Benchmarks/bench-plugin.lua.
struct ProjectGenerator {
    static let regions = 8
    static let indicatorsPerInstrument = 10
    static let actionsPerInstrument = 3
    static let periods = 8

    let instruments: Int
    let output: URL
    let benchmarksDirectory: URL

    /// A small deterministic generator (no randomness reaches the files).
    private struct Sequence {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func instrumentID(_ index: Int) -> String { String(format: "inst-%06d", index) }

    func write() throws {
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: output)
        let instrumentsFolder = output.appendingPathComponent("instruments")
        let pluginsFolder = output.appendingPathComponent("plugins")
        try fileManager.createDirectory(at: instrumentsFolder, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: pluginsFolder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try projectYAML().write(to: instrumentsFolder.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        for index in 1...instruments {
            let id = ProjectGenerator.instrumentID(index)
            try instrumentYAML(index: index).write(to: instrumentsFolder.appendingPathComponent("\(id).yaml"), atomically: false, encoding: .utf8)
        }
        let template = try String(contentsOf: benchmarksDirectory.appendingPathComponent("bench-plugin.lua"), encoding: .utf8)
        for region in 0..<ProjectGenerator.regions {
            let ids = stride(from: region + 1, through: instruments, by: ProjectGenerator.regions)
                .map { "\"\(ProjectGenerator.instrumentID($0))\"" }
            let plugin = template
                .replacingOccurrences(of: "\"REGION\"", with: "\"region-\(region)\"")
                .replacingOccurrences(of: "INSTRUMENTS", with: ids.joined(separator: ", "))
            try plugin.write(to: pluginsFolder.appendingPathComponent("region-\(region).lua"), atomically: true, encoding: .utf8)
        }
        try fileManager.copyItem(at: benchmarksDirectory.appendingPathComponent("benchlib.lua"),
                                 to: pluginsFolder.appendingPathComponent("lib/benchlib.lua"))
    }

    private func projectYAML() -> String {
        var lines = [
            "schema: 1",
            "project:",
            "  id: synthetic",
            "  acronym: SYNTH",
            "  name: Synthetic benchmark project",
            "  programme: Interreg Europe 2021-2027",
            "  reference: \"00X0000\"",
            "  start: 2023-03-01",
            "  end: 2027-05-31",
            "calendar:",
            "  period_months: 6",
            "  report_due_months: 3",
            "phases:",
            "  - { id: core, title: Core phase, start: 2023-03-01, end: 2026-02-28 }",
            "  - { id: follow-up, title: Follow-up phase, start: 2026-03-01, end: 2027-02-28 }",
            "  - { id: closure, title: Closure, start: 2027-03-01, end: 2027-05-31 }",
            "partners:",
        ]
        for region in 0..<ProjectGenerator.regions {
            lines.append("  - { id: region-\(region), name: Region \(region), country: EU, language: en, role: \(region == 0 ? "lead-partner" : "partner") }")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Period k (1...8) ends on these days; values are reported a month later (the last on the
    /// project's end).
    private static let periodEnds = ["2023-08-31", "2024-02-29", "2024-08-31", "2025-02-28", "2025-08-31", "2026-02-28", "2026-08-31", "2027-05-31"]
    private static let reportDays = ["2023-09-30", "2024-03-31", "2024-09-30", "2025-03-31", "2025-09-30", "2026-03-31", "2026-09-30", "2027-05-31"]

    private func instrumentYAML(index: Int) -> String {
        var random = Sequence(state: UInt64(index) &* 2654435761)
        let region = (index - 1) % ProjectGenerator.regions
        var lines = [
            "schema: 1",
            "id: \(ProjectGenerator.instrumentID(index))",
            "partner: region-\(region)",
            "title: { en: \"Synthetic instrument \(index)\" }",
            "kind: operational-programme",
            "managing_authority: Managing authority \(index)",
            "funds: [ERDF]",
            "period: { start: 2021-01-01, end: 2029-12-31 }",
            "plugin: region-\(region)",
            "indicators:",
        ]
        let accumulations = ["cumulative", "incremental", "level"]
        for number in 1...ProjectGenerator.indicatorsPerInstrument {
            let accumulation = accumulations[number % 3]
            let target = 50 + random.next(200)
            lines += [
                "  - id: indicator-\(number)",
                "    code: RCO\(80 + number % 5)",
                "    title: { en: \"Indicator \(number)\" }",
                "    unit: things\(number % 5)",
                "    measure: unit",
                "    ascending: true",
                "    accumulation: \(accumulation)",
                "    baseline: { value: 0, year: 2022, source: illustrative }",
                "    target: { value: \(target), date: 2027-12-31, source: illustrative }",
                "    values:",
            ]
            var total = 0
            for period in 1...ProjectGenerator.periods {
                let step = random.next(max(2, target / 6))
                total += step
                let value = accumulation == "incremental" ? step : total
                let quality = period == ProjectGenerator.periods ? "provisional" : "approved"
                lines += [
                    "      - period: P\(period)",
                    "        value: \(value)",
                    "        reported_on: \(ProjectGenerator.reportDays[period - 1])",
                    "        quality: \(quality)",
                    "        source: illustrative",
                ]
                if random.next(7) == 0 { lines.append("        note: \"Checked again by the managing authority\"") }
            }
        }
        lines.append("actions:")
        for number in 1...ProjectGenerator.actionsPerInstrument {
            lines += [
                "  - id: action-\(number)",
                "    title: { en: \"Action \(number)\" }",
                "    type: \(["new-projects", "management", "structural"][number % 3])",
                "    responsible: Managing authority",
                "    start: 2024-03-01",
                "    end: 2027-02-28",
                "    milestones:",
                "      - { id: m1, title: { en: First step }, due: 2025-06-30, done_on: 2025-06-15 }",
                "      - { id: m2, title: { en: Second step }, due: 2026-12-31 }",
                "    updates:",
            ]
            for period in 3...ProjectGenerator.periods {
                let status = period == ProjectGenerator.periods && number == 1 ? "completed" : "in-progress"
                lines += [
                    "      - period: P\(period)",
                    "        status: \(status)",
                    "        achievement: \(status == "completed" ? "fully" : "partly")",
                    "        reported_on: \(ProjectGenerator.reportDays[period - 1])",
                    "        evidence: [evidence-1]",
                ]
            }
        }
        lines += [
            "evidence:",
            "  - { id: evidence-1, title: { en: Monitoring report }, kind: report, url: \"https://example.org/\(index)/report.pdf\", date: 2023-09-30 }",
            "  - { id: evidence-2, title: { en: Decision }, kind: decision, url: \"https://example.org/\(index)/decision.pdf\", date: 2024-03-31 }",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same data as Lua for the plain-interpreter driver: per instrument a function that
    /// builds the `ctx`, and per indicator a function that builds its view, each a table
    /// constructor (the fastest way Lua builds a table), exactly as the host builds them at `dates`.
    static func driverData(project: Project, dates: EvaluationDates) -> String {
        var out = "return {\n"
        for instrument in project.instruments {
            out += "{ id = \(lua(.string(instrument.id))), plugin = \(lua(.string(instrument.plugin ?? ""))),\n"
            var context = LuaViews.context(project: project, instrument: instrument, dates: dates)
            if case .record(var fields) = context {
                fields["instrument"] = LuaViews.instrument(instrument)
                context = .record(fields)
            }
            out += "  ctx = function() return \(lua(context)) end,\n  indicators = {\n"
            for indicator in instrument.indicators {
                out += "    function() return \(lua(LuaViews.indicator(indicator, dates: dates))) end,\n"
            }
            out += "  } },\n"
        }
        return out + "}\n"
    }

    /// A Lua literal of a value (sorted keys: the file is the same in every run).
    static func lua(_ value: LuaValue) -> String {
        switch value {
        case .nil: return "nil"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? String(number) : (number > 0 ? "math.huge" : "-math.huge")
        case .string(let text):
            var escaped = "\""
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): escaped += "\\\""
                case UInt8(ascii: "\\"): escaped += "\\\\"
                case 0..<32, 127...: escaped += String(format: "\\%03d", Int(byte))
                default: escaped.unicodeScalars.append(Unicode.Scalar(byte))
                }
            }
            return escaped + "\""
        case .array(let elements): return "{" + elements.map(lua).joined(separator: ", ") + "}"
        case .record(let fields):
            return "{" + fields.keys.sorted().map { "[\(lua(.string($0)))] = \(lua(fields[$0]!))" }.joined(separator: ", ") + "}"
        }
    }
}
