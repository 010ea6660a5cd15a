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
}
