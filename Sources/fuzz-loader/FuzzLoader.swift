// libFuzzer target for the loader: the bytes of one instrument file in, diagnostics out, with
// the shipped project.yaml. Built by `make fuzz` with -sanitize=fuzzer (and FUZZING defined);
// without it, a replay tool: `fuzz-loader FILE...` runs each file through the same check (the
// regression fixtures in Tests/Fuzz/loader/).
import Foundation
import FuzzSupport
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

@main
struct FuzzTarget {
    static func main() { runFuzzTarget(named: "fuzz-loader", check: LoaderFuzz.check) }
}
