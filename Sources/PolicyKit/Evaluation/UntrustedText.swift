/// Text that came from a partner's file or a plugin, made inert before an output shows it:
/// control characters written out as visible escapes, and long texts capped.
///
/// The characters escaped are those the loader refuses in a text: C0 controls but the line feed,
/// DEL, C1 controls, and the bidi embedding, override and isolate controls (U+202A-U+202E,
/// U+2066-U+2069). Each becomes `\u{XXXX}` (`"red \u{1B}[31m"` is shown as `red \u{001B}[31m`),
/// so a terminal, a spreadsheet or a page shows what the text holds instead of obeying it.
package enum UntrustedText {
    /// The longest text from a plugin that reaches a result (notes, explanation and log lines,
    /// error messages), in UTF-8 bytes; longer ones are cut and end with ``truncationMark``.
    package static let maximumLength = 2_000

    /// What ends a text that was cut.
    package static let truncationMark = "... (truncated)"

    /// `text` with its control characters escaped, then capped at `limit` UTF-8 bytes (on a
    /// character boundary, ending with ``truncationMark``). The text itself when it needs neither.
    package static func inert(_ text: String, limit: Int = maximumLength) -> String {
        capped(escapingControls(text), limit: limit)
    }

    /// `text` with every control character (see the type) written as `\u{XXXX}`; a line feed
    /// is kept unless `keepingLineFeeds` is false, then it becomes `\u{000A}`.
    package static func escapingControls(_ text: String, keepingLineFeeds: Bool = true) -> String {
        guard needsEscaping(text, keepingLineFeeds: keepingLineFeeds) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar.value, keepingLineFeeds: keepingLineFeeds) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` cut to at most `limit` UTF-8 bytes (on a character boundary) plus ``truncationMark``.
    package static func capped(_ text: String, limit: Int = maximumLength) -> String {
        guard text.utf8.count > limit else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: max(0, limit))
        // a character boundary at or before `end`
        while end > text.startIndex, String.Index(end, within: text) == nil {
            end = text.utf8.index(before: end)
        }
        return String(text[..<end]) + truncationMark
    }

    /// Whether a code point is one the outputs must not show as is.
    package static func isControl(_ value: UInt32, keepingLineFeeds: Bool = true) -> Bool {
        (value < 0x20 && (value != 0x0A || !keepingLineFeeds)) || (value >= 0x7F && value <= 0x9F)
            || (value >= 0x202A && value <= 0x202E) || (value >= 0x2066 && value <= 0x2069)
    }

    /// A byte scan over the contiguous UTF-8 (most texts are plain ASCII without controls).
    private static func needsEscaping(_ text: String, keepingLineFeeds: Bool) -> Bool {
        var text = text
        let suspicious = text.withUTF8 { bytes -> Bool in
            // eight bytes at a time while none is suspicious (plugin texts are mostly plain)
            var start = 0
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while start + 8 <= bytes.count, !suspiciousWord(base.loadUnaligned(fromByteOffset: start, as: UInt64.self)) {
                    start += 8
                }
            }
            for byte in bytes[start...] where byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
                if byte == 0x0A && keepingLineFeeds { continue }
                return true
            }
            return false
        }
        // a lead byte of U+0080-U+00BF or U+2000-U+2FFF: look closer
        return suspicious && text.unicodeScalars.contains { isControl($0.value, keepingLineFeeds: keepingLineFeeds) }
    }

    /// Whether any of the eight bytes of `word` is below 0x20 (a line feed among them), 0x7F,
    /// 0xC2 or 0xE2: the bytes the scan looks at closer (the bit tricks "has less than" and
    /// "has zero byte", exact as to whether any byte is one; the word is then scanned byte by byte).
    @inline(__always)
    private static func suspiciousWord(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // a byte below 0x20: (b - 0x20) borrows into the high bit while b itself has it clear
        let below = (word &- ones &* 0x20) & ~word & highs
        func has(_ byte: UInt64) -> UInt64 {
            let x = word ^ (ones &* byte)
            return (x &- ones) & ~x & highs
        }
        return (below | has(0x7F) | has(0xC2) | has(0xE2)) != 0
    }
}
