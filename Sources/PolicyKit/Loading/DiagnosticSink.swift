internal import Yams

/// Collects the diagnostics of one file while it is read.
final class DiagnosticSink {
    /// The path shown in diagnostics.
    let path: String
    /// The diagnostics so far, in the order found.
    private(set) var diagnostics: [Diagnostic] = []
    /// The number of errors so far.
    private(set) var errorCount = 0

    init(path: String) {
        self.path = path
    }

    func error(_ message: String, line: Int, column: Int) {
        diagnostics.append(Diagnostic(path: path, line: line, column: column, severity: .error, message: message))
        errorCount += 1
    }

    func warning(_ message: String, line: Int, column: Int) {
        diagnostics.append(Diagnostic(path: path, line: line, column: column, severity: .warning, message: message))
    }

    func error(_ message: String, at location: Location) {
        error(message, line: location.line, column: location.column)
    }

    func warning(_ message: String, at location: Location) {
        warning(message, line: location.line, column: location.column)
    }

    func error(_ message: String, at node: Node) {
        error(message, at: Location(node))
    }
}

/// A position in a file, from 1.
struct Location: Hashable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ node: Node) {
        line = node.mark?.line ?? 1
        column = node.mark?.column ?? 1
    }
}
