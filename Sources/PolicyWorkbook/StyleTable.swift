/// The workbook's `styles.xml`: the fixed styles and one fill per colour used, in first-use
/// order (so the same workbook gives the same table).
struct StyleTable {
    /// The colours of ``Spreadsheet/Style/fill(_:)`` cells, in first-use order.
    private(set) var colours: [String] = []

    init(_ workbook: Spreadsheet) {
        for sheet in workbook.sheets {
            for row in sheet.rows {
                for cell in row {
                    if case .text(_, .fill(let colour)) = cell, !colours.contains(Self.argb(colour)) {
                        colours.append(Self.argb(colour))
                    }
                }
            }
        }
    }

    /// `#dff3ea` as `FFDFF3EA`.
    static func argb(_ colour: String) -> String {
        let hex = colour.hasPrefix("#") ? String(colour.dropFirst()) : colour
        return "FF" + hex.uppercased()
    }

    /// The fixed styles, by their index in `cellXfs` (0 is the default).
    private static let fixed: [Spreadsheet.Style] = [.plain, .header, .bold, .wrapped, .percent, .illustrativePercent, .number, .illustrativeNumber]

    /// The index of a style in `cellXfs`.
    func index(_ style: Spreadsheet.Style) -> Int {
        if case .fill(let colour) = style { return Self.fixed.count + (colours.firstIndex(of: Self.argb(colour)) ?? 0) }
        return Self.fixed.firstIndex(of: style) ?? 0
    }

    /// ` s="N"`, or nothing for the default style.
    func attribute(_ style: Spreadsheet.Style) -> String {
        let index = index(style)
        return index == 0 ? "" : " s=\"\(index)\""
    }

    var xml: String {
        var xml = XLSXWriter.header + "<styleSheet xmlns=\"\(XLSXWriter.main)\">"
        xml += "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"0%\"/><numFmt numFmtId=\"165\" formatCode=\"0%&quot;†&quot;\"/>"
            + "<numFmt numFmtId=\"166\" formatCode=\"General&quot;†&quot;\"/></numFmts>"
        xml += "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        xml += "<fills count=\"\(3 + colours.count)\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE3E8EE\"/><bgColor indexed=\"64\"/></patternFill></fill>"
            + colours.map { "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"\($0)\"/><bgColor indexed=\"64\"/></patternFill></fill>" }.joined()
            + "</fills>"
        xml += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
            + "<border><left/><right/><top/><bottom style=\"thin\"><color rgb=\"FF9AA5B1\"/></bottom><diagonal/></border></borders>"
        // top-aligned from the Normal style on, so that a tall row reads from its top
        let top = "<alignment vertical=\"top\"/>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" applyAlignment=\"1\">\(top)</xf></cellStyleXfs>"
        let styles = [
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">\(top)</xf>",
            "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>",
            "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">\(top)</xf>",
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>",
            "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\">\(top)</xf>",
            "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\">\(top)</xf>",
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">\(top)</xf>",
            "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\">\(top)</xf>",
        ] + colours.indices.map { index in
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"\(3 + index)\" borderId=\"0\" xfId=\"0\" applyFill=\"1\" applyAlignment=\"1\">\(top)</xf>"
        }
        xml += "<cellXfs count=\"\(styles.count)\">" + styles.joined() + "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return xml + "</styleSheet>"
    }
}
