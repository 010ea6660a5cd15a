package import Yams

/// Collects the diagnostics of one file while it is read.
package final class DiagnosticSink {
    /// The path shown in diagnostics.
    package let path: String
    /// The diagnostics so far, in the order found.
    package private(set) var diagnostics: [Diagnostic] = []
    /// The number of errors so far.
    package private(set) var errorCount = 0

    package init(path: String) {
        self.path = path
    }

    package func error(_ message: String, line: Int, column: Int) {
        diagnostics.append(Diagnostic(path: path, line: line, column: column, severity: .error, message: message))
        errorCount += 1
    }

    package func warning(_ message: String, line: Int, column: Int) {
        diagnostics.append(Diagnostic(path: path, line: line, column: column, severity: .warning, message: message))
    }

    package func error(_ message: String, at location: Location) {
        error(message, line: location.line, column: location.column)
    }

    package func warning(_ message: String, at location: Location) {
        warning(message, line: location.line, column: location.column)
    }

    package func error(_ message: String, at node: Node) {
        error(message, at: Location(node))
    }
}

/// A position in a file, from 1.
package struct Location: Hashable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package init(_ node: Node) {
        line = node.mark?.line ?? 1
        column = node.mark?.column ?? 1
    }
}
