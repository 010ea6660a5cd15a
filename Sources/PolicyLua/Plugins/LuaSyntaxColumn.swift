import Foundation

/// Adds the column to Lua's syntax messages, which give only the line: `file:8: '}' expected
/// near 'action'` becomes `file:8:3: ...`, the column being where the token Lua names (`near
/// 'action'`) stands on that line (after the end of the line for `near <eof>`). When the token
/// appears more than once on the line, the one is taken where the text cut right after it fails
/// to compile with the same message: the parser stopped there.
enum LuaSyntaxColumn {
    /// `message` with the column after its line, or unchanged when it cannot be told.
    static func locate(_ message: String, source: String, file: String) -> String {
        guard message.hasPrefix(file + ":") else { return message }
        let rest = message.dropFirst(file.count + 1)
        guard let colon = rest.firstIndex(of: ":"), let line = Int(rest[..<colon]), line >= 1 else { return message }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return message }
        let text = lines[line - 1]
        guard let column = column(of: rest[rest.index(after: colon)...], in: text, line: line, lines: lines, message: message, file: file)
        else { return message }
        return "\(file):\(line):\(column):\(rest[rest.index(after: colon)...])"
    }

    /// The column (in Unicode scalars, from 1) of the token named after the last ` near `.
    private static func column(of text: Substring, in line: Substring, line number: Int, lines: [Substring], message: String,
                               file: String) -> Int? {
        guard let near = text.range(of: " near ", options: .backwards) else { return nil }
        var token = text[near.upperBound...]
        if token == "<eof>" { return line.unicodeScalars.count + 1 }
        guard token.hasPrefix("'"), token.hasSuffix("'"), token.count >= 3 else { return nil }
        token = token.dropFirst().dropLast()
        var occurrences: [Range<Substring.Index>] = []
        var searchFrom = line.startIndex
        while let found = line.range(of: token, range: searchFrom..<line.endIndex) {
            occurrences.append(found)
            searchFrom = found.upperBound
        }
        guard let first = occurrences.first else { return nil }
        func columnOf(_ range: Range<Substring.Index>) -> Int { line[..<range.lowerBound].unicodeScalars.count + 1 }
        if occurrences.count > 1 {
            let before = lines[..<(number - 1)].map { $0 + "\n" }.joined()
            for occurrence in occurrences {
                do {
                    _ = try LuaBytecode.compile(before + line[..<occurrence.upperBound], chunkName: file)
                } catch let error as LuaError where error.message == message {
                    return columnOf(occurrence)
                } catch {}
            }
        }
        return columnOf(first)
    }
}
