import Foundation

/// Finds where something of a plugin table is written in the plugin's source, for messages
/// about what the table holds (Lua keeps no place for a table's fields): the first
/// `key =` after the line of `section =`, or the first quoted `"word"` there.
enum LuaSourceLocator {
    /// The line and column (from 1, in Unicode scalars) of `word` after `section =`, else of
    /// `section =`, else (1, 1).
    static func place(of word: String?, isKey: Bool, under section: String, in source: String) -> (line: Int, column: Int) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { keyColumn(section, in: $0) != nil }) else { return (1, 1) }
        if let word {
            for index in start..<lines.count {
                let line = lines[index]
                let skip = index == start ? keyColumn(section, in: line)! - 1 + section.count : 0
                if isKey, let column = keyColumn(word, in: line, from: skip) { return (index + 1, column) }
                if !isKey {
                    for quote in ["\"", "'"] {
                        if let range = line.range(of: quote + word + quote) {
                            return (index + 1, line[..<range.lowerBound].unicodeScalars.count + 1)
                        }
                    }
                }
            }
        }
        return (start + 1, keyColumn(section, in: lines[start])!)
    }

    /// The column of `key` written as a table key (`key =`, not `key ==`) on `line`, from the
    /// scalar offset `from`.
    private static func keyColumn(_ key: String, in line: Substring, from: Int = 0) -> Int? {
        let scalars = Array(line.unicodeScalars)
        let target = Array(key.unicodeScalars)
        guard !target.isEmpty, scalars.count >= target.count else { return nil }
        func isName(_ scalar: Unicode.Scalar) -> Bool { scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) }
        var index = max(0, from)
        while index + target.count <= scalars.count {
            // (a key after `--` on its line is in a comment)
            if index >= 2, scalars[index - 2] == "-", scalars[index - 1] == "-" { return nil }
            if Array(scalars[index..<index + target.count]) == target, index == 0 || !isName(scalars[index - 1]) {
                var after = index + target.count
                while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" { after += 1 }
                if after < scalars.count, scalars[after] == "=", after + 1 >= scalars.count || scalars[after + 1] != "=" {
                    return index + 1
                }
            }
            index += 1
        }
        return nil
    }
}
