// libFuzzer target for plugin results: the bytes build a random Lua value (nested tables,
// numbers including nan and inf, strings of any bytes, functions, cycles), a hook returns it,
// and the host checks it as the evaluator does. The fast reader (on the Lua stack) and the
// slow one (through Swift values) must agree, to the message; an accepted result must keep the
// contract. Built by `make fuzz` with -sanitize=fuzzer (and FUZZING defined); without it, a
// replay tool: `fuzz-plugin-results FILE...` (the regression fixtures in Tests/Fuzz/plugin-results/).
import Foundation
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

#if FUZZING
/// The input function libFuzzer calls (its own `main`, if linked, needs it too).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    PluginResultFuzz.check(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// libFuzzer's driver (SwiftPM links an executable's own entry point as `main`, so libFuzzer's
/// `main` is not used: the entry point hands over to the driver instead).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@main
struct FuzzDriver {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("fuzz-plugin-results: cannot read \(path)\n".utf8))
                exit(2)
            }
            PluginResultFuzz.check(Array(data))
        }
    }
}
#endif
