import Foundation

/// The files that make a new region of a project: its partner in project.yaml, an instrument
/// file with one indicator and one action, its evidence folder, a plugin that defers to the
/// standard rules (with a commented example of each hook) and a fixture file whose first case
/// passes. `policy-tracker check` and `policy-tracker test` pass on the result as it is.
///
/// project.yaml is edited as text: the new partner is added after the last one, in the style of
/// the others, so the file keeps its comments and its order.
package struct RegionScaffold: Sendable {
    /// What the new region is.
    package struct Request: Sendable {
        /// The partner id and plugin name (`crete`).
        package var name: String
        /// The partner's name in English.
        package var partnerName: String
        /// The partner's name in its own language, if given.
        package var nativeName: String?
        /// ISO 3166-1 alpha-2 (`GR`).
        package var country: String
        /// ISO 639-1 (`el`).
        package var language: String
        /// The instrument id (default: `<country>-<name>-instrument`).
        package var instrument: String?

        /// Creates a request.
        package init(name: String, partnerName: String, nativeName: String? = nil, country: String, language: String, instrument: String? = nil) {
            self.name = name
            self.partnerName = partnerName
            self.nativeName = nativeName
            self.country = country
            self.language = language
            self.instrument = instrument
        }

        /// The instrument id used.
        package var instrumentID: String { instrument ?? "\(country.lowercased())-\(name)-instrument" }
    }

    /// A file to write: its path relative to the instruments or plugins folder, and its text.
    package struct File: Sendable, Hashable {
        /// Which folder the path is relative to.
        package enum Base: String, Sendable, Hashable {
            /// The folder of project.yaml and the instrument files.
            case instruments
            /// The plugins folder.
            case plugins
        }

        /// The folder it is in.
        package var base: Base
        /// The path inside that folder (`tests/crete.yaml`).
        package var path: String
        /// The text.
        package var text: String
        /// Whether it replaces a file (project.yaml) rather than making a new one.
        package var replaces: Bool
    }

    /// Why a region cannot be made; every reason at once, one line each.
    package struct Refusal: Error, Sendable, CustomStringConvertible {
        /// The reasons.
        package var reasons: [String]
        /// One line per reason.
        package var description: String { reasons.joined(separator: "\n") }
    }

    /// The files to write, project.yaml last.
    package let files: [File]
    /// The folder to make for the evidence, relative to the instruments folder.
    package let evidenceFolder: String

    /// The new files and folder a request makes (the evidence folder first), whether or not it
    /// can be made: the command checks that none of them exists.
    package static func newPaths(for request: Request) -> [(base: File.Base, path: String)] {
        let id = request.instrumentID
        return [(.instruments, "evidence/\(id)"), (.instruments, "\(id).yaml"), (.plugins, "\(request.name).lua"),
                (.plugins, "tests/\(request.name).yaml")]
    }

    /// Plans the region from the current project.yaml text and the project it loads to.
    package init(_ request: Request, projectYAML: String, project: Project) throws(Refusal) {
        var reasons: [String] = []
        if !NodeReader.isIdentifier(request.name) {
            reasons.append("the region's name `\(request.name)` must be an id: lower-case letters, digits and `-`, such as `crete`")
        }
        if project.partners.contains(where: { $0.id == request.name }) {
            reasons.append("project.yaml already has a partner `\(request.name)`")
        }
        if !NodeReader.isIdentifier(request.instrumentID) {
            reasons.append("the instrument id `\(request.instrumentID)` must be an id: lower-case letters, digits and `-`")
        }
        if project.instruments.contains(where: { $0.id == request.instrumentID }) {
            reasons.append("the project already has an instrument `\(request.instrumentID)`")
        }
        if request.country.unicodeScalars.count != 2 || !request.country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
            reasons.append("--country must be an ISO 3166-1 alpha-2 code (two capital letters, like `GR`), found `\(request.country)`")
        }
        if !NodeReader.isLanguageCode(request.language) {
            reasons.append("--language must be an ISO 639-1 code (two lower-case letters, like `el`), found `\(request.language)`")
        }
        for (option, text) in [("--partner-name", request.partnerName), ("--native-name", request.nativeName ?? "x")] {
            if text.trimmingCharacters(in: .whitespaces).isEmpty || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                reasons.append("\(option) must be a name on one line, without control characters")
            }
        }
        var edited: String?
        do {
            edited = try RegionScaffold.addingPartner(request, to: projectYAML)
        } catch {
            reasons += error.reasons
        }
        guard reasons.isEmpty, let edited else { throw Refusal(reasons: reasons) }
        // the edited file must load to the same project with one more partner
        let check = ProjectLoader.load(projectYAML: edited, instrumentFiles: [])
        guard let reloaded = check.project, !check.diagnostics.contains(where: { $0.severity == .error && $0.path == "project.yaml" }),
              reloaded.partners.map(\.id) == project.partners.map(\.id) + [request.name] else {
            let problems = check.diagnostics.filter { $0.severity == .error }.map(\.description)
            throw Refusal(reasons: ["cannot add the partner to project.yaml without breaking it; add it by hand"] + problems)
        }
        let id = request.instrumentID
        evidenceFolder = "evidence/\(id)"
        files = [
            File(base: .instruments, path: "\(id).yaml", text: RegionScaffold.instrumentFile(request, project: project), replaces: false),
            File(base: .instruments, path: "\(evidenceFolder)/README.md", text: RegionScaffold.evidenceReadme(request), replaces: false),
            File(base: .plugins, path: "\(request.name).lua", text: RegionScaffold.pluginFile(request), replaces: false),
            File(base: .plugins, path: "tests/\(request.name).yaml", text: RegionScaffold.fixtureFile(request, project: project), replaces: false),
            File(base: .instruments, path: ProjectLoader.projectFileName, text: edited, replaces: true),
        ]
    }

    /// `text` with the partner added after the last entry of `partners:`, indented as the others.
    static func addingPartner(_ request: Request, to text: String) throws(Refusal) -> String {
        // a file with Windows line ends keeps them
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: newline)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("partners:") }) else {
            throw Refusal(reasons: ["project.yaml has no top-level `partners:` list to add the partner to"])
        }
        let rest = lines[start].dropFirst("partners:".count).trimmingCharacters(in: .whitespaces)
        guard rest.isEmpty || rest.hasPrefix("#") else {
            throw Refusal(reasons: ["project.yaml writes `partners:` on one line; write it as a list (`- id: ...` lines) to add a partner, or add it by hand"])
        }
        // the block: up to the next top-level key
        var end = start + 1
        while end < lines.count {
            let line = lines[end]
            if let first = line.first, first != " ", first != "-", first != "#" { break }
            end += 1
        }
        guard let lastEntry = (start + 1..<end).last(where: {
            let trimmed = lines[$0].trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !(lines[$0].hasPrefix("#"))
        }), let firstDash = (start + 1..<end).first(where: { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("- ") }) else {
            throw Refusal(reasons: ["project.yaml's `partners:` list has no entry to follow; add the partner by hand"])
        }
        let dash = String(repeating: " ", count: lines[firstDash].prefix { $0 == " " }.count)
        var name = "{ en: \(quoted(request.partnerName))"
        if let native = request.nativeName { name += ", \(request.language): \(quoted(native))" }
        name += " }"
        let entry = [
            "\(dash)- id: \(request.name)",
            "\(dash)  name: \(name)",
            "\(dash)  country: \(request.country)",
            "\(dash)  language: \(request.language)",
            "\(dash)  role: partner",
        ]
        lines.insert(contentsOf: entry, at: lastEntry + 1)
        return lines.joined(separator: newline)
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func instrumentFile(_ request: Request, project: Project) -> String {
        let id = request.instrumentID
        // the action starts with the second period (or the day after the project starts), so
        // that on the first day it has not started: the fixture's first case says so
        let secondStart = project.calendar.periods.dropFirst().first?.start ?? min(project.start.adding(days: 1), project.end)
        let firstPeriod = project.calendar.periods.first?.id ?? "P1"
        return """
            # yaml-language-server: $schema=schema/instrument.schema.json
            # The policy instrument of \(request.partnerName), made by `policy-tracker new region \(request.name)`.
            # Replace every TODO with the instrument's real data (the format: instruments/README.md);
            # `policy-tracker check` shows what is wrong, at its line.
            schema: 1
            id: \(id)
            partner: \(request.name)
            title:
              en: "TODO: the instrument's title in English"
              # \(request.language): the title in the region's language
            kind: other                 # operational-programme, development-strategy, development-plan, ...
            managing_authority: "TODO: who manages the instrument"
            period: { start: \(project.start), end: \(project.end) }
            plugin: \(request.name)     # the rules in plugins/\(request.name).lua (remove this line for the standard rules)
            notes:
              - "Skeleton made by policy-tracker new region: the numbers are placeholders until replaced."
            indicators:
              - id: first-indicator
                title: { en: "TODO: what the indicator counts" }
                unit: "TODO: unit"
                measure: unit           # unit, percentage, ratio, qualitative or milestone
                accumulation: cumulative
                baseline: { value: 0, year: \(project.start.year), source: illustrative }
                target: { value: 10, date: \(project.end), source: illustrative }
                values: []
                # values:
                #   - { period: \(firstPeriod), value: 2, reported_on: YYYY-MM-DD, source: "where the figure comes from" }
            actions:
              - id: a1-first-action
                title: { en: "TODO: what the action does" }
                type: management        # new-projects, management or structural
                responsible: "TODO: who carries it out"
                start: \(secondStart)
                end: \(project.end)
                updates: []
                # updates:
                #   - { period: \(firstPeriod), status: in-progress, reported_on: YYYY-MM-DD, evidence: [ev-decision] }
            evidence: []
            # evidence:
            #   - { id: ev-decision, title: { en: "..." }, kind: decision, path: \("evidence/\(id)/decision.pdf"), date: YYYY-MM-DD }

            """
    }

    static func evidenceReadme(_ request: Request) -> String {
        """
        # Evidence of \(request.instrumentID)

        The documents that the instrument file cites with `path: evidence/\(request.instrumentID)/<file>`
        go in this folder (decisions, calls, amended programmes, minutes). `policy-tracker check` checks
        that each one is here and, when the file gives a `sha256`, that it is the same document.

        """
    }

    static func pluginFile(_ request: Request) -> String {
        let id = request.instrumentID
        return """
            --[[
            \(request.partnerName)
            Instrument \(id)

            Our rules, in plain words: write them here, for whoever reads the reports next year.

            Until then this plugin defers to the standard rules: every hook returns nil. Each hook
            has a commented example of a rule of its own; plugins/README.md is the guide.

            Statuses: none yet. When a hook returns a status of its own, declare it in `statuses`
            below and add a case that produces it to plugins/tests/\(request.name).yaml.
            ]]

            -- local scoring = require("scoring") -- shared helpers of plugins/lib/ (the instrument example uses it)

            -- Each indicator. Return nil for the standard rules, or { progress =, status =, note = }.
            local function judge_indicator(indicator, ctx) -- luacheck: no unused args
              -- Example: a figure over a year old says little about today.
              -- local latest = policy.latest(indicator)
              -- if latest == nil or policy.days_between(latest.reported_on, ctx.as_of) <= 365 then
              --   return nil
              -- end
              -- local standard = policy.standard.indicator(indicator, ctx)
              -- if standard.status == "on-track" then
              --   policy.explain("The latest value is over a year old: at-risk until a fresh value comes in.")
              --   return { progress = standard.progress, status = "at-risk", note = "latest value over a year old" }
              -- end
              return nil
            end

            -- Each action of the action plan. Return nil, or { status =, note = }.
            local function judge_action(action, ctx) -- luacheck: no unused args
              -- Example: an action still running must be reported on every semester.
              -- local standard = policy.standard.action(action, ctx)
              -- local updates = action.updates
              -- local last = updates[#updates]
              -- if standard.status == "on-track" and last ~= nil
              --   and policy.days_between(last.reported_on, ctx.as_of) > 270 then
              --   policy.explain("No update for more than 270 days.")
              --   return { status = "at-risk", note = "no update since " .. last.reported_on }
              -- end
              return nil
            end

            -- The instrument, after its indicators and actions (`results` holds their results by id).
            -- Return nil, or { progress =, status =, note =, improved = }.
            local function judge_instrument(instrument, results, ctx) -- luacheck: no unused args
              -- Example: the instrument is improved only once every action is achieved.
              -- if scoring.has_error(results) then return nil end
              -- local standard = policy.standard.instrument(instrument, results, ctx)
              -- for _, action in ipairs(instrument.actions) do
              --   if results.actions[action.id].status ~= "achieved" then
              --     return scoring.result_for("instrument", standard, { improved = false })
              --   end
              -- end
              return nil
            end

            return {
              name = "\(request.name)",
              api_level = 1,
              instruments = { "\(id)" },
              indicator = judge_indicator,
              action = judge_action,
              instrument = judge_instrument,
              -- statuses = { indicator = { "at-risk" }, action = { "at-risk" } },
            }

            """
    }

    static func fixtureFile(_ request: Request, project: Project) -> String {
        let id = request.instrumentID
        let firstPeriod = project.calendar.periods.first?.id ?? "P1"
        return """
            # Rule fixtures of plugins/\(request.name).lua: run them with `policy-tracker test \(request.name)`.
            # Work the expected results out by hand from the rules and the data, then run the test.
            plugin: \(request.name)
            cases:
              - name: on the project's first day nothing is expected yet
                instrument: \(id)
                as_of: \(project.start)
                expect:
                  # expected progress is 0 on the first day (below 0.10): not-started; the action
                  # starts with the second period: not-started; every item not-started: so is the instrument
                  instrument: { status: not-started }
                  indicators:
                    first-indicator: { status: not-started }
                  actions:
                    a1-first-action: { status: not-started }

              # A case for each status a hook of yours returns, e.g.:
              # - name: an old figure is at-risk
              #   instrument: \(id)
              #   as_of: \(firstPeriod)
              #   instrument_yaml: |
              #     schema: 1
              #     ...                       # a small instrument file with the situation to test
              #   expect:
              #     indicators:
              #       first-indicator: { status: at-risk, note: latest value over a year old }

            """
    }
}
