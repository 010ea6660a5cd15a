// libFuzzer target for the loader: the bytes of one instrument file in, diagnostics out, with
// the shipped project.yaml. Built by `make fuzz` with -sanitize=fuzzer (and FUZZING defined);
// without it, a replay tool: `fuzz-loader FILE...` runs each file through the same check (the
// regression fixtures in Tests/Fuzz/loader/).
import Foundation
import PolicyKit

enum LoaderFuzz {
    /// project.yaml of the shipped instruments, read once.
    static let project: [UInt8] = {
        let path = ProcessInfo.processInfo.environment["POLICY_TRACKER_PROJECT_YAML"] ?? "instruments/project.yaml"
        return (FileManager.default.contents(atPath: path)).map { Array($0) } ?? Array("schema: 1\n".utf8)
    }()

    /// Loads the bytes as instrument file `fuzz.yaml`; every diagnostic must be located at a
    /// line and column of the file and hold no control character.
    static func check(_ bytes: [UInt8]) {
        let result = ProjectLoader.load(project: ("project.yaml", project), instruments: [("fuzz.yaml", bytes)])
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        for diagnostic in result.diagnostics {
            let text = diagnostic.description
            if diagnostic.line < 1 || diagnostic.column < 1 || (diagnostic.path == "fuzz.yaml" && diagnostic.line > lines + 1) {
                fatalError("diagnostic not located in the file: \(text)")
            }
            if text.unicodeScalars.contains(where: { UntrustedText.isControl($0.value) }) {
                fatalError("diagnostic holds a control character: \(text.debugDescription)")
            }
        }
    }
}

#if FUZZING
/// The input function libFuzzer calls (its own `main`, if linked, needs it too).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    LoaderFuzz.check(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
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
                FileHandle.standardError.write(Data("fuzz-loader: cannot read \(path)\n".utf8))
                exit(2)
            }
            LoaderFuzz.check(Array(data))
        }
    }
}
#endif
