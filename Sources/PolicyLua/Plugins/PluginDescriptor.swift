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

    /// The keys a plugin table may have.
    static let knownKeys = ["action", "api_level", "indicator", "instrument", "instruments", "name", "statuses"]

    /// Reads and checks the table a plugin returned; every problem is reported at once.
    static func read(_ fields: [String: LuaTableField], file: String, stem: String) -> Result<PluginDescriptor, PluginLoadError> {
        var problems: [String] = []
        for key in fields.keys.sorted() where !knownKeys.contains(key) {
            if let suggestion = EditDistance.suggestion(for: key, among: knownKeys) {
                problems.append("unknown key '\(key)' in the plugin table; did you mean '\(suggestion)'?")
            } else {
                problems.append("unknown key '\(key)' in the plugin table (known: \(knownKeys.joined(separator: ", ")))")
            }
        }
        var name = stem
        switch fields["name"] {
        case .value(.string(let text)) where !text.isEmpty:
            name = text
            if text != stem { problems.append("name '\(text)' must equal the file name '\(stem)'") }
        case nil, .value(.nil):
            problems.append("the plugin table has no 'name' (a string, here '\(stem)')")
        default:
            problems.append("'name' must be a non-empty string")
        }
        var apiLevel = 0
        switch fields["api_level"] {
        case .value(.int(let level)) where level >= 1:
            apiLevel = level
            if level > PluginDescriptor.apiLevel {
                problems.append("api_level \(level) is newer than this policy-tracker supports (\(PluginDescriptor.apiLevel)); update policy-tracker or write the plugin for api_level \(PluginDescriptor.apiLevel)")
            }
        case nil, .value(.nil):
            problems.append("the plugin table has no 'api_level' (an integer, here \(PluginDescriptor.apiLevel))")
        default:
            problems.append("'api_level' must be a positive integer")
        }
        var instruments: [String] = []
        switch fields["instruments"] {
        case .value(let value) where value.array.map({ !$0.isEmpty && $0.allSatisfy { $0.string != nil } }) == true:
            instruments = value.array!.compactMap(\.string)
        case nil, .value(.nil):
            problems.append("the plugin table has no 'instruments' (a list of instrument ids)")
        default:
            problems.append("'instruments' must be a non-empty list of instrument ids (strings)")
        }
        var hooks = Set<PluginHook>()
        for hook in PluginHook.allCases {
            switch fields[hook.rawValue] {
            case .function: hooks.insert(hook)
            case nil, .value(.nil): break
            case .value(let value): problems.append("'\(hook.rawValue)' must be a function (got a \(value.typeName))")
            case .other(let type): problems.append("'\(hook.rawValue)' must be a function (got a \(type))")
            }
        }
        var declared: [PluginHook: [EvaluationStatus]] = [:]
        if case .value(let value)? = fields["statuses"], !value.isNil {
            if let record = value.record {
                for (key, list) in record.sorted(by: { $0.key < $1.key }) {
                    guard let hook = PluginHook(rawValue: key) else {
                        problems.append("'statuses' has an unknown hook '\(key)'")
                        continue
                    }
                    let names = list.array?.compactMap(\.string) ?? []
                    let statuses = names.compactMap(EvaluationStatus.init(rawValue:)).filter { $0 != .error }
                    if statuses.count != names.count || names.count != (list.array?.count ?? -1) {
                        problems.append("'statuses.\(key)' must list statuses among \(EvaluationStatus.ruleStatuses.map(\.rawValue).joined(separator: ", "))")
                    }
                    declared[hook] = statuses
                }
            } else {
                problems.append("'statuses' must be a table { indicator = {...}, action = {...}, instrument = {...} }")
            }
        }
        if !problems.isEmpty { return .failure(PluginLoadError(file: file, problems: problems)) }
        return .success(PluginDescriptor(file: file, name: name, apiLevel: apiLevel, instruments: instruments, hooks: hooks, declaredStatuses: declared))
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
        problems.map { UntrustedText.inert($0.hasPrefix(file + ":") ? $0 : "\(file): \($0)") }.joined(separator: "\n")
    }
}
