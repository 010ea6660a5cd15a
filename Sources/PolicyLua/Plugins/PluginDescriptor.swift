import Foundation
package import PolicyKit

/// What a plugin file declares: its name, API level, instruments and hooks.
package struct PluginDescriptor: Sendable, Hashable {
    /// The API level this host implements.
    package static let apiLevel = 1

    /// The file as shown in messages (`plugins/peloponnese.lua`).
    package var file: String
    /// The plugin's name (equals the file name without `.lua`).
    package var name: String
    /// The API level the plugin was written for.
    package var apiLevel: Int
    /// The instruments it evaluates.
    package var instruments: [String]
    /// The hooks it defines.
    package var hooks: Set<PluginHook>
    /// The statuses each hook declares it can return (optional `statuses` field), for coverage.
    package var declaredStatuses: [PluginHook: [EvaluationStatus]]
    /// Problems of the `statuses` declaration, one line each. They do not stop the plugin: the
    /// declaration of a hook with a mistake is not used (neither enforced on the hook's results
    /// nor checked for coverage); `check` shows them as warnings, `test` as errors.
    package var statusWarnings: [StatusWarning] = []
    /// The line of the `instruments` key in the file, when it can be known.
    package var instrumentsLine: Int?

    /// A problem of the `statuses` declaration, with the word it is about (to find its place in
    /// the source).
    package struct StatusWarning: Sendable, Hashable {
        /// What is wrong, in one line.
        package var message: String
        /// The entry (`offtrack`) or hook name (`actoin`) in question, if any.
        package var word: String?
        /// Whether `word` is a key of the table (a hook name) rather than a string in a list.
        package var isKey: Bool
    }

    /// The keys a plugin table may have.
    static let knownKeys = ["action", "api_level", "indicator", "instrument", "instruments", "name", "statuses"]

    /// Reads and checks the table a plugin returned; every problem is reported at once.
    ///
    /// `lines` gives the line of a key of the returned table (of the `return` for `nil`), when it
    /// can be known: each problem then leads with `file:line:`, at the key it is about (at the
    /// `return` for a missing key).
    static func read(_ fields: [String: LuaTableField], file: String, stem: String,
                     lines: (String?) -> Int? = { _ in nil }) -> Result<PluginDescriptor, PluginLoadError> {
        var problems: [String] = []
        var key: String?
        /// A problem about `key` (nil: the table itself), located.
        func problem(_ message: String) {
            problems.append((lines(key).map { "\(file):\($0): " } ?? "") + message)
        }
        for unknown in fields.keys.sorted() where !knownKeys.contains(unknown) {
            key = unknown
            if let suggestion = EditDistance.suggestion(for: unknown, among: knownKeys) {
                problem("unknown key '\(unknown)' in the plugin table; did you mean '\(suggestion)'?")
            } else {
                problem("unknown key '\(unknown)' in the plugin table (known: \(knownKeys.joined(separator: ", ")))")
            }
        }
        var name = stem
        key = fields["name"] == nil ? nil : "name"
        switch fields["name"] {
        case .value(.string(let text)) where !text.isEmpty:
            name = text
            if text != stem { problem("name '\(text)' must equal the file name '\(stem)'") }
        case nil, .value(.nil):
            problem("the plugin table has no 'name' (a string, here '\(stem)')")
        default:
            problem("'name' must be a non-empty string")
        }
        var apiLevel = 0
        key = fields["api_level"] == nil ? nil : "api_level"
        switch fields["api_level"] {
        case .value(.int(let level)) where level >= 1:
            apiLevel = level
            if level > PluginDescriptor.apiLevel {
                problem("api_level \(level) is newer than this policy-tracker supports (\(PluginDescriptor.apiLevel)); update policy-tracker or write the plugin for api_level \(PluginDescriptor.apiLevel)")
            }
        case nil, .value(.nil):
            problem("the plugin table has no 'api_level' (an integer, here \(PluginDescriptor.apiLevel))")
        default:
            problem("'api_level' must be a positive integer")
        }
        var instruments: [String] = []
        key = fields["instruments"] == nil ? nil : "instruments"
        switch fields["instruments"] {
        case .value(let value) where value.array.map({ !$0.isEmpty && $0.allSatisfy { $0.string != nil } }) == true:
            instruments = value.array!.compactMap(\.string)
        case nil, .value(.nil):
            problem("the plugin table has no 'instruments' (a list of instrument ids)")
        default:
            problem("'instruments' must be a non-empty list of instrument ids (strings)")
        }
        var hooks = Set<PluginHook>()
        for hook in PluginHook.allCases {
            key = hook.rawValue
            switch fields[hook.rawValue] {
            case .function: hooks.insert(hook)
            case nil, .value(.nil): break
            case .value(let value): problem("'\(hook.rawValue)' must be a function (got a \(value.typeName))")
            case .other(let type): problem("'\(hook.rawValue)' must be a function (got a \(type))")
            }
        }
        let (declared, warnings) = readStatuses(fields["statuses"])
        if !problems.isEmpty { return .failure(PluginLoadError(file: file, problems: problems)) }
        return .success(PluginDescriptor(file: file, name: name, apiLevel: apiLevel, instruments: instruments, hooks: hooks,
                                         declaredStatuses: declared, statusWarnings: warnings, instrumentsLine: lines("instruments")))
    }

    /// The `statuses` declaration, and what is wrong in it (each entry named, with the status
    /// probably meant).
    static func readStatuses(_ field: LuaTableField?) -> (declared: [PluginHook: [EvaluationStatus]], warnings: [StatusWarning]) {
        guard case .value(let value)? = field, !value.isNil else { return ([:], []) }
        let shape = "'statuses' must be a table { indicator = {...}, action = {...}, instrument = {...} } of the statuses each hook can return"
        guard let record = value.record else { return ([:], [StatusWarning(message: shape, word: nil, isKey: false)]) }
        let known = EvaluationStatus.ruleStatuses.map(\.rawValue)
        var declared: [PluginHook: [EvaluationStatus]] = [:]
        var warnings: [StatusWarning] = []
        for (key, list) in record.sorted(by: { $0.key < $1.key }) {
            guard let hook = PluginHook(rawValue: key) else {
                let hooks = PluginHook.allCases.map(\.rawValue)
                let hint = EditDistance.suggestion(for: key, among: hooks).map { "; did you mean '\($0)'?" } ?? " (hooks: \(hooks.joined(separator: ", ")))"
                warnings.append(StatusWarning(message: "'statuses' has an unknown hook '\(key)'\(hint)", word: key, isKey: true))
                continue
            }
            guard let entries = list.array else {
                warnings.append(StatusWarning(message: "'statuses.\(key)' must be a list of statuses, such as { \"on-track\", \"at-risk\" }",
                                              word: key, isKey: true))
                continue
            }
            var statuses: [EvaluationStatus] = []
            let warningsBefore = warnings.count
            for (index, entry) in entries.enumerated() {
                let place = "'statuses.\(key)' entry \(index + 1)"
                guard let name = entry.string else {
                    warnings.append(StatusWarning(message: "\(place) must be a status (a string), not a \(entry.typeName)", word: key, isKey: true))
                    continue
                }
                if name == EvaluationStatus.error.rawValue {
                    warnings.append(StatusWarning(message: "\(place) is 'error', which a hook cannot return (the tool sets it when a rule fails)",
                                                  word: name, isKey: false))
                } else if let status = EvaluationStatus(rawValue: name) {
                    statuses.append(status)
                } else {
                    let hint = EditDistance.suggestion(for: name, among: known).map { "; did you mean '\($0)'?" } ?? " (statuses: \(known.joined(separator: ", ")))"
                    warnings.append(StatusWarning(message: "\(place), '\(name)', is not a status\(hint)", word: name, isKey: false))
                }
            }
            // a declaration with a mistake is not enforced (a hook would fail on the status meant)
            if warnings.count == warningsBefore { declared[hook] = statuses }
        }
        return (declared, warnings)
    }
}

/// A plugin that cannot be used: it does not compile, fails while loading, or breaks the contract.
package struct PluginLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The plugin file.
    package var file: String
    /// What is wrong, one line each (`file:line: message` when Lua gave a line).
    package var problems: [String]

    /// One line per problem, each led by the file (or the file and line).
    package var description: String {
        problems.map { UntrustedText.inert($0.hasPrefix(file + ":") ? $0 : "\(file): \($0)") }.joined(separator: "\n")
    }
}
