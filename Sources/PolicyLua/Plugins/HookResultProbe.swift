import PolicyKit

/// Checks a hook's result both ways the host can read it, for the plugin-results fuzzer: the
/// fast reader on the Lua stack (``HookOutcome/read(_:_:hook:declared:)``) and the slow one
/// through Swift values (``HookOutcome/check(_:hook:declared:)``) must agree to the message.
package enum HookResultProbe {
    /// Runs `source` (a chunk that returns the hook's result) and reads its result both ways;
    /// `nil` when they agree and an accepted result keeps the contract, else what differs.
    /// Throws when the chunk does not compile or fails before returning.
    package static func compare(_ source: String, hook: PluginHook, in runtime: LuaRuntime) throws -> String? {
        let function = try runtime.load(source, chunkName: "fuzz.lua")
        /// What a reader gave: the outcome, or the error's kind and message.
        enum Read: Equatable {
            case outcome(HookOutcome?)
            case failure(String)
        }
        func outcome(_ body: () throws -> HookOutcome?) -> Read {
            do {
                return .outcome(try body())
            } catch let error as HookContractError {
                return .failure("contract: " + error.message)
            } catch let error as LuaError {
                return .failure("\(error.kind): " + error.message)
            } catch {
                return .failure("other: \(error)")
            }
        }
        let fast = outcome {
            try runtime.call(function, references: []) { runtime, stack in try HookOutcome.read(runtime, stack, hook: hook, declared: nil) }
        }
        let slow = outcome {
            try HookOutcome.check(try runtime.call(function, references: []), hook: hook)
        }
        guard fast == slow else { return "the fast reader gives \(fast), the slow one \(slow)" }
        if case .outcome(let result?) = fast {
            if result.status == .error { return "accepted the status error" }
            if let progress = result.progress, !progress.isFinite || !HookOutcome.progressRange.contains(progress) {
                return "accepted the progress \(progress)"
            }
            if hook != .instrument, result.improved != nil { return "accepted improved from the \(hook) hook" }
        }
        return nil
    }
}
