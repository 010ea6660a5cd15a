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
    /// The folder relative paths are read from (the project folder, which paths in outputs are
    /// relative to); `nil`: the current folder.
    private let root: URL?

    init(root: URL? = nil) {
        self.root = root
    }

    /// The diagnostic's line, followed by its excerpt when the file and line can be read; every
    /// line led by `indent`.
    func lines(for diagnostic: Diagnostic, indent: String = "") -> [String] {
        [indent + diagnostic.description] + excerpt(path: diagnostic.path, line: diagnostic.line, column: diagnostic.column).map { indent + $0 }
    }

    /// The excerpt of the place a message leads with (`plugins/x.lua:12: ...`, or with a column,
    /// `plugins/x.lua:12:5: ...`), every line led by `indent`; none when it leads with no place or
    /// the line cannot be read. Without a column the caret is under the line's first character
    /// that is not blank.
    func lines(leading message: String, indent: String = "") -> [String] {
        guard let place = MessagePlace(leading: message), place.line > 0, place.column != nil || place.text != nil else { return [] }
        let column = place.column ?? firstNonBlankColumn(path: place.file, line: place.line)
        return excerpt(path: place.file, line: place.line, column: column ?? 1).map { indent + $0 }
    }

    /// The column (from 1) of the first character of `line` that is not a space or a tab.
    private func firstNonBlankColumn(path: String, line: Int) -> Int? {
        guard let lines = read(path), line <= lines.count else { return nil }
        return (lines[line - 1].unicodeScalars.firstIndex { $0 != " " && $0 != "\t" }).map {
            lines[line - 1].unicodeScalars.distance(from: lines[line - 1].unicodeScalars.startIndex, to: $0) + 1
        }
    }

    /// The lines of the file at `path` (read once).
    private func read(_ path: String) -> [Substring]? {
        if files[path] == nil {
            let file = path.hasPrefix("/") || root == nil ? path : root!.appendingPathComponent(path).path
            files[path] = FileManager.default.contents(atPath: file).map {
                String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
        }
        return files[path] ?? nil
    }

    /// The two lines of the excerpt (source and caret), or none when the line cannot be read.
    func excerpt(path: String, line: Int, column: Int) -> [String] {
        guard let lines = read(path), line >= 1, line <= lines.count else { return [] }
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
