import Testing
@testable import PolicyKit

/// Text from partners' files and plugins is inert in every output (issue 11).
@Suite("Untrusted text")
struct UntrustedTextTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://example.com\",\"click\")", "'=HYPERLINK(\"http://example.com\",\"click\")"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tleading tab", "'\tleading tab"),
        ("\rleading return", "'\rleading return"),
        ("-0.25", "-0.25"),
        ("-12", "-12"),
        ("1e-3", "1e-3"),
        ("-", "'-"),
        ("Social enterprises", "Social enterprises"),
        ("a = b", "a = b"),
        ("", ""),
    ])
    func spreadsheetCellsThatWouldBeFormulasAreNeutralised(text: String, expected: String) {
        #expect(SpreadsheetText.neutralised(text) == expected)
    }

    @Test func csvFieldsAreNeutralisedThenQuoted() {
        #expect(CSVMatrixRenderer.field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSVMatrixRenderer.field("@x") == "'@x")
        #expect(CSVMatrixRenderer.field("-0.5") == "-0.5")
    }

    @Test(arguments: [
        ("plain text, Περιφέρεια", nil),
        ("two\nlines", nil),
        ("esc \u{1B}[31m", "001B"),
        ("tab\there", "0009"),
        ("del \u{7F}", "007F"),
        ("c1 \u{85}", "0085"),
        ("c1 \u{9F}", "009F"),
        ("bidi \u{202A}", "202A"),
        ("bidi \u{202E}", "202E"),
        ("isolate \u{2066}", "2066"),
        ("isolate \u{2069}", "2069"),
        ("not bidi \u{2029}\u{2070}\u{2065}\u{201C}", nil),
    ] as [(String, String?)])
    func theLoaderFindsControlCharacters(text: String, code: String?) {
        #expect(NodeReader.firstControlCharacter(in: text)?.code == code)
    }

    @Test func pluginTextsAreEscapedAndCapped() {
        #expect(UntrustedText.inert("red \u{1B}[31m, bell \u{7}, \u{202E}reversed, c1 \u{9B}") == "red \\u{001B}[31m, bell \\u{0007}, \\u{202E}reversed, c1 \\u{009B}")
        #expect(UntrustedText.inert("two\nlines") == "two\nlines")
        #expect(UntrustedText.escapingControls("two\nlines", keepingLineFeeds: false) == "two\\u{000A}lines")
        let long = String(repeating: "é", count: 3_000)
        let capped = UntrustedText.inert(long)
        #expect(capped.hasSuffix("é" + UntrustedText.truncationMark))
        #expect(capped.utf8.count == 2_000 + UntrustedText.truncationMark.utf8.count)
        #expect(UntrustedText.inert("plain") == "plain")
    }

    /// The scan reads eight bytes at a time: a control character is found at every offset, and
    /// texts without one (line feeds, other non-ASCII letters) are kept as they are.
    @Test func controlCharactersAreFoundAtEveryOffset() {
        let plain = String(repeating: "abcdefgh", count: 5)
        for offset in 0...plain.count {
            let head = String(plain.prefix(offset)), tail = String(plain.dropFirst(offset))
            for (control, escaped) in [("\u{1}", "\\u{0001}"), ("\u{1B}", "\\u{001B}"), ("\u{7F}", "\\u{007F}"),
                                       ("\u{85}", "\\u{0085}"), ("\u{202E}", "\\u{202E}")] {
                #expect(UntrustedText.inert(head + control + tail) == head + escaped + tail, "at \(offset)")
            }
            for kept in ["\n", "é", "€", "\u{A0}", "\u{2014}"] {
                #expect(UntrustedText.inert(head + kept + tail) == head + kept + tail, "at \(offset)")
            }
        }
    }

    @Test func theTextRendererKeepsOnlyItsOwnColourSequences() {
        #expect(TextMatrixRenderer.inert("\u{1B}[1mtitle\u{1B}[0m \u{1B}]0;x\u{7}", color: true) == "\u{1B}[1mtitle\u{1B}[0m \\u{001B}]0;x\\u{0007}")
        #expect(TextMatrixRenderer.inert("\u{1B}[1mtitle\u{1B}[0m", color: false) == "\\u{001B}[1mtitle\\u{001B}[0m")
        #expect(TextMatrixRenderer.fit("a\u{1B}b", 12) == "a\\u{001B}b  ")
    }
}
