import ArgumentParser
import Foundation
import PolicyKit

/// When to show, under a located problem, its source line and a caret at the column.
enum ShowSource: String, ExpressibleByArgument, CaseIterable {
    /// Only when the output is a terminal: a log or a pipe keeps one line per problem.
    case auto
    /// Always.
    case always
    /// Never.
    case never

    /// Whether excerpts go to the file descriptor `descriptor` (standard output or error).
    func enabled(for descriptor: Int32) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(descriptor) == 1
        }
    }
}

/// The `--show-source` option of the commands that print located problems.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("show-source"), help: ArgumentHelp(
        "Show each problem's source line with a caret under its column: auto (on a terminal only), always or never.",
        valueName: "when"))
    var showSource: ShowSource = .auto
}

/// Renders located problems as a compiler does: the `path:line:column: ...` line, then the
/// source line with its number and a caret under the column.
///
/// ```
/// plugins/tests/crete.yaml:9:29: error: `status` must be one of ..., found `off track`; did you mean `off-track`?
///     9 |       instrument: { status: off track }
///       |                             ^
/// ```
final class SourceExcerpt {
    /// The longest part of a line shown; a longer line is cut around the column.
    static let maximumWidth = 160

    private var files: [String: [Substring]?] = [:]

    /// The diagnostic's line, followed by its excerpt when the file and line can be read; every
    /// line led by `indent`.
    func lines(for diagnostic: Diagnostic, indent: String = "") -> [String] {
        [indent + diagnostic.description] + excerpt(path: diagnostic.path, line: diagnostic.line, column: diagnostic.column).map { indent + $0 }
    }

    /// The two lines of the excerpt (source and caret), or none when the line cannot be read.
    func excerpt(path: String, line: Int, column: Int) -> [String] {
        if files[path] == nil {
            files[path] = FileManager.default.contents(atPath: path).map {
                String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
        }
        guard let lines = files[path] ?? nil, line >= 1, line <= lines.count else { return [] }
        var scalars = Array(lines[line - 1].unicodeScalars)
        if scalars.last == "\r" { scalars.removeLast() }
        var caret = min(max(column, 1), scalars.count + 1) - 1
        // a long line: the part around the column
        var prefix = "", suffix = ""
        if scalars.count > SourceExcerpt.maximumWidth {
            let start = max(0, min(caret - SourceExcerpt.maximumWidth / 2, scalars.count - SourceExcerpt.maximumWidth))
            let end = min(scalars.count, start + SourceExcerpt.maximumWidth)
            if start > 0 { prefix = "..." }
            if end < scalars.count { suffix = "..." }
            scalars = Array(scalars[start..<end])
            caret -= start
            caret += prefix.count
        }
        // text from a user's file is shown inert: control characters become U+FFFD (tabs stay)
        let shown = prefix + String(String.UnicodeScalarView(scalars.map { isControl($0) ? "\u{FFFD}" : $0 })) + suffix
        let shownScalars = Array(shown.unicodeScalars)
        let pad = String(String.UnicodeScalarView(shownScalars.prefix(caret).map { $0 == "\t" ? "\t" : " " }))
            + String(repeating: " ", count: max(0, caret - shownScalars.count))
        let number = String(line)
        let gutter = String(repeating: " ", count: max(4, number.count) - number.count)
        let blank = String(repeating: " ", count: max(4, number.count))
        return ["\(gutter)\(number) | \(shown)", "\(blank) | \(pad)^"]
    }

    private func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value))
    }
}
