// The entry point both fuzz targets share: with FUZZING defined (make fuzz) it hands over to
// libFuzzer's driver, which calls the target's check with each input; otherwise it replays the
// files named on the command line through the same check.
import Foundation

/// The check of the running target (set once by its `main`, before any input).
nonisolated(unsafe) private var currentCheck: ([UInt8]) -> Void = { _ in }

#if FUZZING
/// The input function libFuzzer calls (its own `main`, if linked, needs it too).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    currentCheck(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// libFuzzer's driver (SwiftPM links an executable's own entry point as `main`, so the entry
/// point hands over to the driver).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif

/// Runs a fuzz target: under libFuzzer (FUZZING) or as a replay of the files in the arguments.
public func runFuzzTarget(named name: String, check: @escaping ([UInt8]) -> Void) -> Never {
    currentCheck = check
    #if FUZZING
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    #else
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("\(name): cannot read \(path)\n".utf8))
            exit(2)
        }
        check(Array(data))
    }
    exit(0)
    #endif
}
