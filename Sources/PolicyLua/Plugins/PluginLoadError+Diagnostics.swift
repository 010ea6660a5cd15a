import Foundation
package import PolicyKit

extension PluginLoadError {
    /// The problems as located diagnostics: `file:line:column:` or `file:line:` when Lua or the
    /// host gave a place, else the first line of the file.
    package var diagnostics: [Diagnostic] {
        problems.map { PluginLoadError.diagnostic(fromProblem: $0, file: file) }
    }

    /// One problem line (`file:line:column: message`, `file:line: message`, `file: message` or a
    /// bare message about `file`) as a located diagnostic.
    package static func diagnostic(fromProblem problem: String, file: String) -> Diagnostic {
        var rest = Substring(problem)
        var path = file
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].hasSuffix(".lua") {
            path = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        } else {
            return Diagnostic(path: file, line: 1, column: 1, severity: .error, message: problem)
        }
        var numbers: [Int] = []
        while numbers.count < 2, let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]) {
            numbers.append(number)
            rest = rest[rest.index(after: colon)...]
        }
        let message = rest.trimmingCharacters(in: .whitespaces)
        return Diagnostic(path: path, line: numbers.first ?? 1, column: numbers.count > 1 ? numbers[1] : 1, severity: .error, message: message)
    }
}
