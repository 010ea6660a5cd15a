import Foundation
public import PolicyKit

/// What a plugin file declares: its name, API level, instruments and hooks.
public struct PluginDescriptor: Sendable, Hashable {
    /// The API level this host implements.
    public static let apiLevel = 1

    /// The file as shown in messages (`plugins/peloponnese.lua`).
    public var file: String
    /// The plugin's name (equals the file name without `.lua`).
    public var name: String
    /// The API level the plugin was written for.
    public var apiLevel: Int
    /// The instruments it evaluates.
    public var instruments: [String]
    /// The hooks it defines.
    public var hooks: Set<PluginHook>
    /// The statuses each hook declares it can return (optional `statuses` field), for coverage.
    public var declaredStatuses: [PluginHook: [EvaluationStatus]]
    /// The line of the `instruments` key in the file, when it can be known.
    public var instrumentsLine: Int?

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
        /// Problems about `key` (nil: the table itself), located.
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
        var declared: [PluginHook: [EvaluationStatus]] = [:]
        key = "statuses"
        if case .value(let value)? = fields["statuses"], !value.isNil {
            if let record = value.record {
                for (key, list) in record.sorted(by: { $0.key < $1.key }) {
                    guard let hook = PluginHook(rawValue: key) else {
                        problem("'statuses' has an unknown hook '\(key)'")
                        continue
                    }
                    let names = list.array?.compactMap(\.string) ?? []
                    let statuses = names.compactMap(EvaluationStatus.init(rawValue:)).filter { $0 != .error }
                    if statuses.count != names.count || names.count != (list.array?.count ?? -1) {
                        problem("'statuses.\(key)' must list statuses among \(EvaluationStatus.ruleStatuses.map(\.rawValue).joined(separator: ", "))")
                    }
                    declared[hook] = statuses
                }
            } else {
                problem("'statuses' must be a table { indicator = {...}, action = {...}, instrument = {...} }")
            }
        }
        if !problems.isEmpty { return .failure(PluginLoadError(file: file, problems: problems)) }
        return .success(PluginDescriptor(file: file, name: name, apiLevel: apiLevel, instruments: instruments, hooks: hooks,
                                         declaredStatuses: declared, instrumentsLine: lines("instruments")))
    }
}

/// A plugin that cannot be used: it does not compile, fails while loading, or breaks the contract.
public struct PluginLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The plugin file.
    public var file: String
    /// What is wrong, one line each (`file:line: message` when Lua gave a line).
    public var problems: [String]

    /// One line per problem, each led by the file (or the file and line).
    public var description: String {
        problems.map { $0.hasPrefix(file + ":") ? $0 : "\(file): \($0)" }.joined(separator: "\n")
    }
}
