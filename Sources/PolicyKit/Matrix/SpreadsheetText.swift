/// Text for a spreadsheet cell that a spreadsheet must never read as a formula (OWASP "CSV
/// injection"): shared by the CSV renderer and any workbook writer.
package enum SpreadsheetText {
    /// The characters that make a spreadsheet read a cell as a formula (or that Excel and
    /// LibreOffice strip before they do): `=`, `+`, `-`, `@`, tab and carriage return.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// `text` with a leading `'` when it begins with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return, as OWASP recommends; unchanged otherwise. A plain number such as `-0.25` stays
    /// as it is (it is a number, not a formula).
    ///
    /// ```swift
    /// SpreadsheetText.neutralised("=HYPERLINK(\"http://x\")")  // "'=HYPERLINK(\"http://x\")"
    /// SpreadsheetText.neutralised("-0.25")                     // "-0.25"
    /// ```
    package static func neutralised(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first), !isPlainNumber(text) else { return text }
        return "'" + text
    }

    /// Whether `text` is a decimal number as the renderers write them: `-`?, digits, an
    /// optional fraction and exponent, nothing else.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
