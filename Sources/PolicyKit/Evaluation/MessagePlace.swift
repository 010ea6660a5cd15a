/// The place a message leads with, as Lua and the tool write it: `file:line: text`, or with a
/// column (a syntax error), `file:line:column: text`. Read by the traces of plugin failures (the
/// place as the step's origin, the text after it) and by the command line's source excerpts.
package struct MessagePlace: Sendable {
    /// The file (relative to the project folder, as in the message).
    package var file: String
    /// The line, from 1.
    package var line: Int
    /// The column, from 1, when the message gives one.
    package var column: Int?
    /// The message after the place and the `: ` that ends it (`nil` when no `: ` follows the
    /// place).
    package var text: Substring?

    /// The place `message` leads with, if any. The file may contain `:` only in odd names: the
    /// line is the first all-digit field that a `:` follows.
    package init?(leading message: String) {
        var rest = Substring(message)
        while let colon = rest.firstIndex(of: ":") {
            let after = rest[rest.index(after: colon)...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, after.dropFirst(digits.count).first == ":", let line = Int(digits) {
                guard colon > message.startIndex else { return nil }
                file = String(message[message.startIndex..<colon])
                self.line = line
                // after `line:`, a column is digits a `:` follows
                var tail = after.dropFirst(digits.count + 1)
                let columnDigits = tail.prefix { $0.isASCII && $0.isNumber }
                if !columnDigits.isEmpty, tail.dropFirst(columnDigits.count).first == ":" {
                    column = Int(columnDigits)
                    tail = tail.dropFirst(columnDigits.count + 1)
                }
                text = tail.hasPrefix(" ") ? tail.dropFirst() : nil
                return
            }
            rest = after
        }
        return nil
    }
}
