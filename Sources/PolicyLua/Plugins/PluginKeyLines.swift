import Foundation

/// Where the keys of the table a plugin file returns are written: Lua keeps no line per table
/// key, so the key is looked for in the source from the line of the chunk's `return` on, as
/// `key =` or `["key"] =` outside comments. A key that is not found there (a table built
/// elsewhere) is located at the `return`.
struct PluginKeyLines {
    let lines: [Substring]
    /// The line of the chunk's `return`, if known.
    let returnLine: Int?

    /// The line of `key` (of the `return` for `nil`), if it can be known.
    func line(of key: String?) -> Int? {
        guard let returnLine else { return nil }
        guard let key else { return returnLine }
        let escaped = NSRegularExpression.escapedPattern(for: key)
        let pattern = "(^|[^A-Za-z0-9_.])(\(escaped)|\\[\\s*[\"']\(escaped)[\"']\\s*\\])\\s*=([^=]|$)"
        for index in Array(returnLine...max(returnLine, lines.count)) + Array(1..<min(returnLine, lines.count + 1)) where index <= lines.count {
            var text = lines[index - 1]
            if let comment = text.range(of: "--") { text = text[..<comment.lowerBound] }
            if text.range(of: pattern, options: .regularExpression) != nil { return index }
        }
        return returnLine
    }
}
