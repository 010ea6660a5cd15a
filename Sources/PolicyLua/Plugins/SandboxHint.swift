import Foundation

/// What to use instead, added to a Lua error that comes from reaching for something the sandbox
/// leaves out (`attempt to index a nil value (global 'os')` reads like a bug in the rule, when
/// it is the sandbox at work).
enum SandboxHint {
    /// The standard names left out of the sandbox, and what a rule uses instead.
    static let missingGlobals: [String: String] = [
        "os": "`os` (clock, date, environment) is not available in the sandbox: the evaluation date is ctx.as_of (and ctx.known_on); count days with policy.days_between, policy.add_days and policy.compare_dates",
        "io": "`io` is not available in the sandbox: a rule reads only its arguments and writes nothing; to show what it does, use policy.explain or policy.log",
        "print": "`print` is not available in the sandbox: use policy.log(\"info\", text), or policy.explain(text) for a line of the item's explanation",
        "warn": "`warn` is not available in the sandbox: use policy.log(\"warning\", text)",
        "debug": "`debug` is not available in the sandbox (it could escape the limits); use policy.log to see values",
        "coroutine": "`coroutine` is not available in the sandbox: write the loop directly",
        "package": "`package` is not available in the sandbox: require(\"name\") loads plugins/lib/name.lua",
        "dofile": "`dofile` is not available in the sandbox: put shared code in plugins/lib/ and load it with require",
        "loadfile": "`loadfile` is not available in the sandbox: put shared code in plugins/lib/ and load it with require",
        "loadstring": "`loadstring` is Lua 5.1: use load(text)",
        "unpack": "`unpack` is Lua 5.1: use table.unpack",
        "setfenv": "`setfenv` is Lua 5.1 and not available",
        "getfenv": "`getfenv` is Lua 5.1 and not available",
    ]

    /// Functions of the standard tables left out of the sandbox.
    static let missingFields: [String: String] = [
        "random": "math.random is not available in the sandbox: results must not depend on chance",
        "randomseed": "math.randomseed is not available in the sandbox: results must not depend on chance",
        "dump": "string.dump is not available in the sandbox",
    ]

    /// `message` with the hint and the guide's section, when it is about a name the sandbox leaves out.
    static func annotate(_ message: String) -> String {
        guard let hint = hint(for: message) else { return message }
        return "\(message); \(hint) (plugins/README.md, \"The sandbox\")"
    }

    static func hint(for message: String) -> String? {
        if let name = quoted(after: "(global '", in: message), let hint = missingGlobals[name] { return hint }
        if message.contains("attempt to call a nil value"), let name = quoted(after: "(field '", in: message),
           let hint = missingFields[name] { return hint }
        if message.contains("require: module '"), message.contains("' not found") {
            return "require loads only the Lua modules of plugins/lib/ (no C modules, no other folders)"
        }
        return nil
    }

    private static func quoted(after opening: String, in message: String) -> String? {
        guard let start = message.range(of: opening) else { return nil }
        let rest = message[start.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }
}
