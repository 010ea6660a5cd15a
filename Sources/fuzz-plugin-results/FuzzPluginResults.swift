// libFuzzer target for plugin results: the bytes build a random Lua value (nested tables,
// numbers including nan and inf, strings of any bytes, functions, cycles), a hook returns it,
// and the host checks it as the evaluator does. The fast reader (on the Lua stack) and the
// slow one (through Swift values) must agree, to the message; an accepted result must keep the
// contract. Built by `make fuzz` with -sanitize=fuzzer (and FUZZING defined); without it, a
// replay tool: `fuzz-plugin-results FILE...` (the regression fixtures in Tests/Fuzz/plugin-results/).
import Foundation
import FuzzSupport
import PolicyLua

/// Reads the fuzzer's bytes as choices.
struct ByteReader {
    var bytes: [UInt8]
    var position = 0
    mutating func next() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }
    mutating func word() -> UInt64 { (0..<8).reduce(0) { value, _ in value << 8 | UInt64(next()) } }
    var atEnd: Bool { position >= bytes.count }
}

enum PluginResultFuzz {
    static let statuses = ["achieved", "on-track", "at-risk", "off-track", "not-started", "no-data", "error", "done", ""]
    static let keys = ["status", "progress", "note", "improved", "expected", "1", "colour"]

    /// A Lua expression for the next value.
    static func expression(_ reader: inout ByteReader, depth: Int = 0) -> String {
        let choice = reader.next() % (depth > 4 ? 7 : 13)
        switch choice {
        case 0: return "nil"
        case 1: return reader.next() % 2 == 0 ? "true" : "false"
        case 2: return String(Int64(bitPattern: reader.word()))
        case 3:
            let number = Double(bitPattern: reader.word())
            if number.isNaN { return "(0/0)" }
            if number.isInfinite { return number > 0 ? "math.huge" : "-math.huge" }
            return String(format: "%.17g", number)
        case 4: return String(format: "%.6g", Double(Int8(bitPattern: reader.next())) / 8)
        case 5:
            let count = Int(reader.next() % 48)
            return "\"" + (0..<count).map { _ in "\\\(reader.next())" }.joined() + "\""
        case 6: return "\"" + statuses[Int(reader.next()) % statuses.count] + "\""
        case 7, 8:
            let count = Int(reader.next() % 5)
            let fields = (0..<count).map { _ -> String in
                let key = reader.next() % 3 == 0 ? "[" + expression(&reader, depth: depth + 1) + "]" : "[\"" + keys[Int(reader.next()) % keys.count] + "\"]"
                return key + " = " + expression(&reader, depth: depth + 1)
            }
            return "{ " + fields.joined(separator: ", ") + " }"
        case 9:
            let count = Int(reader.next() % 4)
            return "{ " + (0..<count).map { _ in expression(&reader, depth: depth + 1) }.joined(separator: ", ") + " }"
        case 10: return "function() end"
        case 11:
            return "{ status = " + expression(&reader, depth: depth + 1) + ", progress = " + expression(&reader, depth: depth + 1)
                + ", note = " + expression(&reader, depth: depth + 1) + " }"
        default: return "(function() local t = { status = 'on-track' } t.self = t return t end)()"
        }
    }

    /// One runtime for every input (libFuzzer runs them one after another, on one thread).
    nonisolated(unsafe) static let runtime: LuaRuntime = {
        do { return try LuaRuntime(limits: LuaLimits(timeBudget: .seconds(5), memoryBudget: 16 << 20)) } catch { fatalError("\(error)") }
    }()

    static func check(_ bytes: [UInt8]) {
        var reader = ByteReader(bytes: bytes)
        let hook = PluginHook.allCases[Int(reader.next()) % PluginHook.allCases.count]
        let source = "return " + expression(&reader)
        do {
            if let disagreement = try HookResultProbe.compare(source, hook: hook, in: runtime) {
                fatalError("\(hook) hook returning \(source): \(disagreement)")
            }
        } catch {
            // the chunk did not compile or run (a generator limit): not the host's concern
        }
    }
}

@main
struct FuzzTarget {
    static func main() { runFuzzTarget(named: "fuzz-plugin-results", check: PluginResultFuzz.check) }
}
