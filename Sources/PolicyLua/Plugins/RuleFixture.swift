package import Foundation
package import PolicyKit
internal import Yams

/// A test case for evaluation rules, from `plugins/tests/*.yaml`: an instrument (shipped, or an
/// inline excerpt), the dates, and the results expected per item.
///
/// ```yaml
/// plugin: peloponnese                 # the plugin these cases test
/// cases:
///   - name: lead instrument in the follow-up phase
///     instrument: gr-peloponnese-rop    # an instrument of instruments/
///     as_of: P7                         # a date or a period id (its last day)
///     known_on: 2026-11-23              # optional, default as_of
///     tolerance: 0.005                  # optional, for progress
///     instrument_yaml: |                # optional: a whole instrument file used instead
///       schema: 1
///       ...
///     expect:                           # what is not written is not checked
///       instrument: { status: on-track, progress: 0.55, improved: true }
///       indicators:
///         se-enterprises-supported: { status: on-track, progress: 0.5, note: "..." }
///       actions:
///         a1-call: { status: achieved }
/// ```
package struct RuleFixture: Sendable, Hashable {
    /// What is expected of one result; `nil` fields are not checked.
    package struct Expectation: Sendable, Hashable {
        /// The expected status.
        package var status: EvaluationStatus?
        /// The expected progress (within the case's tolerance).
        package var progress: Double?
        /// The expected note (exactly).
        package var note: String?
        /// The expected `improved` (instrument only).
        package var improved: Bool?
    }

    /// The fixture file as shown in messages.
    package var file: String
    /// The line of the case in the file.
    package var line: Int
    /// The plugin the file tests.
    package var plugin: String
    /// The case's name.
    package var name: String
    /// The instrument id.
    package var instrument: String
    /// An inline instrument file used instead of the shipped one, if any.
    package var instrumentYAML: String?
    /// `as_of`: a day or a period id.
    package var asOf: String
    /// `known_on`, if given.
    package var knownOn: Day?
    /// Tolerance for progress values.
    package var tolerance: Double
    /// Expected roll-up.
    package var expectedInstrument: Expectation?
    /// Expected indicator results, by id, in file order.
    package var expectedIndicators: [(id: String, expectation: Expectation)]
    /// Expected action results, by id, in file order.
    package var expectedActions: [(id: String, expectation: Expectation)]
    /// Errors in this case's own text (an expectation that cannot be checked, such as a status
    /// that is not one): the case fails with them, whatever the evaluation gives.
    package var problems: [Diagnostic] = []
    /// Where the first character of `instrumentYAML` is in the fixture file, when it is a literal
    /// block (`instrument_yaml: |`), so that problems in it are shown at their place in the fixture;
    /// else the place of the `instrument_yaml` value.
    package var instrumentYAMLStart: (line: Int, column: Int, literal: Bool)?
    /// Where the file's `plugin:` value is, for a message about the plugin it names.
    package var pluginLocation: (line: Int, column: Int) = (1, 1)

    /// The default tolerance for progress.
    package static let defaultTolerance = 0.005

    package static func == (lhs: RuleFixture, rhs: RuleFixture) -> Bool {
        lhs.file == rhs.file && lhs.line == rhs.line && lhs.name == rhs.name
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(name)
    }

    /// Reads the cases of one fixture file; problems are located diagnostics.
    package static func load(contentsOf url: URL, displayPath: String) -> (cases: [RuleFixture], diagnostics: [Diagnostic]) {
        let sink = DiagnosticSink(path: displayPath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            sink.error("cannot read the file", line: 1, column: 1)
            return ([], sink.diagnostics)
        }
        guard let composed = YAMLSource.compose(bytes: Array(data), sink: sink), let root = composed else {
            if sink.diagnostics.isEmpty { sink.error("the file is empty", line: 1, column: 1) }
            return ([], sink.diagnostics)
        }
        let reader = NodeReader(sink: sink)
        guard let top = reader.mapping(root, "the fixture file", keys: ["plugin", "cases"]) else { return ([], sink.diagnostics) }
        let plugin = top.required("plugin") { reader.string($0, $1) } ?? ""
        let pluginValue = top.value("plugin").map(Location.init) ?? Location(line: 1, column: 1)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var ownedByCases = 0
        let cases = top.required("cases") { node, label in
            reader.list(node, label) { element, _ -> RuleFixture? in
                // the errors found while reading a case belong to it: it fails with them
                let before = sink.diagnostics.count
                guard var fixture = readCase(element, reader: reader, file: displayPath, plugin: plugin, lines: lines) else { return nil }
                fixture.problems = sink.diagnostics[before...].filter { $0.severity == .error }.sorted()
                fixture.pluginLocation = (pluginValue.line, pluginValue.column)
                ownedByCases += fixture.problems.count
                return fixture
            }
        } ?? []
        let owned = Set(cases.flatMap(\.problems))
        let rest = ownedByCases == 0 ? sink.diagnostics : sink.diagnostics.filter { !owned.contains($0) }
        return (cases, rest.sorted())
    }

    /// Where a literal block's text starts in the file: the line after the `|`, at the
    /// indentation of its first line that is not blank.
    private static func literalStart(_ node: Node, lines: [Substring]) -> (line: Int, column: Int, literal: Bool) {
        let location = Location(node)
        guard case .scalar(let scalar) = node, scalar.style == .literal else { return (location.line, location.column, false) }
        var index = location.line // the line after the `|` (lines are counted from 1)
        while index < lines.count, lines[index].allSatisfy({ $0 == " " }) { index += 1 }
        guard index < lines.count else { return (location.line + 1, 1, true) }
        let indent = lines[index].prefix { $0 == " " }.count
        return (location.line + 1, indent + 1, true)
    }

    private static func readCase(_ node: Node, reader: NodeReader, file: String, plugin: String, lines: [Substring]) -> RuleFixture? {
        let keys = ["name", "instrument", "instrument_yaml", "as_of", "known_on", "tolerance", "expect"]
        guard let mapping = reader.mapping(node, "a case", keys: keys) else { return nil }
        let name = mapping.required("name") { reader.string($0, $1) }
        let instrument = mapping.required("instrument") { reader.identifier($0, $1) }
        var yamlStart: (line: Int, column: Int, literal: Bool)?
        let yaml = mapping.optional("instrument_yaml") { node, label -> String? in
            yamlStart = literalStart(node, lines: lines)
            return reader.string(node, label)
        }
        let asOf = mapping.required("as_of") { node, label -> String? in
            guard let text = reader.scalar(node, label, expected: "a date or a period id")?.string else { return nil }
            if Day(text) == nil && ReportingPeriod.number(fromID: text) == nil {
                if let reason = Day.whyNotADay(text) {
                    reader.sink.error("\(label) is `\(text)`, which is not a day: \(reason)", at: node)
                    return nil
                }
                reader.sink.error("\(label) must be a date YYYY-MM-DD or a period id such as P3, found `\(text)`", at: node)
                return nil
            }
            return text
        }
        let knownOn = mapping.optional("known_on") { reader.day($0, $1) }
        let tolerance = mapping.optional("tolerance") { reader.number($0, $1) } ?? defaultTolerance
        var expectedInstrument: Expectation?
        var indicators: [(String, Expectation)] = []
        var actions: [(String, Expectation)] = []
        if let expectNode = mapping.required("expect", { node, _ in node }),
           let expect = reader.mapping(expectNode, "`expect`", keys: ["instrument", "indicators", "actions"]) {
            expectedInstrument = expect.optional("instrument") { node, _ in readExpectation(node, reader: reader, instrument: true) }
            indicators = expect.optional("indicators") { readItems($0, $1, reader: reader) } ?? []
            actions = expect.optional("actions") { readItems($0, $1, reader: reader) } ?? []
        }
        guard let name, let instrument, let asOf else { return nil }
        return RuleFixture(
            file: file, line: Location(node).line, plugin: plugin, name: name, instrument: instrument,
            instrumentYAML: yaml, asOf: asOf, knownOn: knownOn, tolerance: tolerance,
            expectedInstrument: expectedInstrument, expectedIndicators: indicators, expectedActions: actions,
            instrumentYAMLStart: yamlStart
        )
    }

    private static func readItems(_ node: Node, _ label: String, reader: NodeReader) -> [(String, Expectation)]? {
        guard case .mapping(let mapping) = node else {
            reader.sink.error("\(label) must map item ids to expectations, found \(NodeReader.describe(node))", at: node)
            return nil
        }
        var items: [(String, Expectation)] = []
        for (key, value) in mapping {
            guard let id = reader.identifier(key, "an item id") else { continue }
            if let expectation = readExpectation(value, reader: reader, instrument: false) { items.append((id, expectation)) }
        }
        return items
    }

    private static func readExpectation(_ node: Node, reader: NodeReader, instrument: Bool) -> Expectation? {
        let keys = instrument ? ["status", "progress", "note", "improved"] : ["status", "progress", "note"]
        guard let mapping = reader.mapping(node, "an expectation", keys: keys) else { return nil }
        return Expectation(
            status: mapping.optional("status") { reader.choice($0, $1, EvaluationStatus.self) },
            progress: mapping.optional("progress") { reader.number($0, $1) },
            note: mapping.optional("note") { reader.string($0, $1) },
            improved: instrument ? mapping.optional("improved") { reader.bool($0, $1) } : nil
        )
    }
}
