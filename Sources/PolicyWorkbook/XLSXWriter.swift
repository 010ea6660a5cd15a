public import Foundation
internal import ZIPFoundation
import PolicyKit

/// Writes a ``Spreadsheet`` as an Office Open XML workbook (`.xlsx`): the SpreadsheetML parts
/// (`[Content_Types].xml`, `_rels/.rels`, `docProps/`, `xl/workbook.xml`, its relationships,
/// `xl/styles.xml`, one `xl/worksheets/sheetN.xml` per sheet, strings inline) in a ZIP archive
/// whose entries all carry the same fixed timestamp: the same workbook gives the same bytes.
public enum XLSXWriter {
    /// What could not be written.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, in one line.
        public let description: String
    }

    /// The timestamp of every entry: 1980-01-01 00:00:00 UTC, the first day a ZIP date can hold.
    static let timestamp = Date(timeIntervalSince1970: 315_532_800)

    /// The bytes of the `.xlsx` file.
    public static func data(for workbook: Spreadsheet) throws -> Data {
        let styles = StyleTable(workbook)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets: workbook.sheets.count)),
            ("_rels/.rels", rootRelationships),
            ("docProps/core.xml", coreProperties(workbook)),
            ("docProps/app.xml", appProperties(workbook)),
            ("xl/workbook.xml", workbookXML(workbook)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets: workbook.sheets.count)),
            ("xl/styles.xml", styles.xml),
        ]
        for (index, sheet) in workbook.sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", sheetXML(sheet, styles: styles, selected: index == 0)))
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let bytes = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: timestamp,
                                     permissions: 0o644, compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Failure(description: "the archive has no data") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot write the workbook: \(error)")
        }
    }

    // MARK: Package parts

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func contentTypes(sheets: Int) -> String {
        header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + (0..<sheets).map { $0 + 1 }.map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined()
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
            + "</Types>"
    }

    static let rootRelationships = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(relationships)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    /// Title and creator; no dates, so that the bytes do not depend on when it was written.
    static func coreProperties(_ workbook: Spreadsheet) -> String {
        header + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + "<dc:title>\(escape(workbook.title))</dc:title><dc:creator>\(escape(workbook.creator))</dc:creator></cp:coreProperties>"
    }

    static func appProperties(_ workbook: Spreadsheet) -> String {
        header + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>\(escape(workbook.creator))</Application></Properties>"
    }

    static func workbookXML(_ workbook: Spreadsheet) -> String {
        var xml = header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, sheet) in workbook.sheets.enumerated() {
            xml += "<sheet name=\"\(escape(sheetName(sheet.name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        let filters = workbook.sheets.enumerated().compactMap { index, sheet in filterRange(sheet).map { (index, sheet, $0) } }
        if !filters.isEmpty {
            xml += "<definedNames>"
            for (index, sheet, range) in filters {
                let absolute = range.split(separator: ":").map { reference in
                    let letters = reference.prefix { $0.isLetter }
                    return "$\(letters)$\(reference.dropFirst(letters.count))"
                }.joined(separator: ":")
                xml += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">'\(escape(sheetName(sheet.name).replacingOccurrences(of: "'", with: "''")))'!\(absolute)</definedName>"
            }
            xml += "</definedNames>"
        }
        return xml + "</workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        var xml = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 0..<sheets {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    // MARK: Worksheets

    /// `A`, `B`, ..., `Z`, `AA`...
    static func column(_ index: Int) -> String {
        var number = index + 1, name = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    /// The autofilter's range (`A1:K20`), or `nil` when the sheet has none.
    static func filterRange(_ sheet: Spreadsheet.Sheet) -> String? {
        guard sheet.filterRows > 0, let width = sheet.rows.first?.count, width > 0 else { return nil }
        return "A1:\(column(width - 1))\(min(sheet.filterRows, sheet.rows.count))"
    }

    static func sheetXML(_ sheet: Spreadsheet.Sheet, styles: StyleTable, selected: Bool) -> String {
        // printed one page wide (as many pages tall as needed)
        var xml = header + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        let width = sheet.rows.map(\.count).max() ?? 0
        if width > 0, !sheet.rows.isEmpty { xml += "<dimension ref=\"A1:\(column(width - 1))\(sheet.rows.count)\"/>" }
        xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let topLeft = "\(column(sheet.frozenColumns))\(sheet.frozenRows + 1)"
            let pane = sheet.frozenRows > 0 && sheet.frozenColumns > 0 ? "bottomRight" : sheet.frozenRows > 0 ? "bottomLeft" : "topRight"
            xml += "<pane" + (sheet.frozenColumns > 0 ? " xSplit=\"\(sheet.frozenColumns)\"" : "") + (sheet.frozenRows > 0 ? " ySplit=\"\(sheet.frozenRows)\"" : "")
                + " topLeftCell=\"\(topLeft)\" activePane=\"\(pane)\" state=\"frozen\"/><selection pane=\"\(pane)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>" + sheet.columnWidths.enumerated().map { index, width in
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(number(width))\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            let lines = lineCount(row, widths: sheet.columnWidths)
            xml += "<row r=\"\(rowIndex + 1)\"" + (lines > 1 ? " ht=\"\(15 * lines)\" customHeight=\"1\"" : "") + ">"
            for (columnIndex, cell) in row.enumerated() {
                let reference = "\(column(columnIndex))\(rowIndex + 1)"
                switch cell {
                case .empty:
                    continue
                case .text(let text, let style):
                    let value = cellText(text)
                    let space = value.first == " " || value.last == " " || value.contains("\n") ? " xml:space=\"preserve\"" : ""
                    xml += "<c r=\"\(reference)\"\(styles.attribute(style)) t=\"inlineStr\"><is><t\(space)>\(escape(value))</t></is></c>"
                case .number(let value, let style):
                    guard value.isFinite else { continue }
                    xml += "<c r=\"\(reference)\"\(styles.attribute(style))><v>\(number(value))</v></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if let range = filterRange(sheet) { xml += "<autoFilter ref=\"\(range)\"/>" }
        xml += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "<pageSetup orientation=\"landscape\" paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        return xml + "</worksheet>"
    }

    /// How many lines the tallest wrapped cell of `row` needs in its column (line breaks, and
    /// about one line per column width of text), so that the row is written tall enough:
    /// spreadsheet programs do not always grow rows when they open a file.
    static func lineCount(_ row: [Spreadsheet.Cell], widths: [Double]) -> Int {
        var lines = 1
        for (index, cell) in row.enumerated() {
            guard case .text(let text, let style) = cell, style == .wrapped || style == .header else { continue }
            let width = max(4, Int(index < widths.count ? widths[index] : 10) - 1)
            let needed = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + width - 1) / width) }
            lines = max(lines, needed)
        }
        return min(lines, 12)
    }

    /// A number as written in the XML: up to 10 decimals, no exponent, `.` as separator.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.10f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A tab's name as Excel allows it: without `[]:*?/\`, at most 31 characters, not blank.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? " " : $0 }.prefix(31))
        return cleaned.trimmingCharacters(in: .whitespaces).isEmpty ? "Sheet" : cleaned
    }

    /// A text cell's content, neutralised against formula injection by the one rule every
    /// spreadsheet output follows (PolicyKit's `SpreadsheetText.neutralised`: OWASP's leading `'`
    /// for a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return, but a plain number).
    static func cellText(_ text: String) -> String { SpreadsheetText.neutralised(text) }

    /// Escapes text for XML 1.0: markup characters as entities; a literal `_xHHHH_` as
    /// SpreadsheetML's `_x005F_xHHHH_` (so that Excel and LibreOffice show it as written); a
    /// carriage return as a line break; other control characters (which XML cannot hold, and
    /// which must not reach a cell) as U+FFFD.
    static func escape(_ text: String) -> String {
        var result = ""
        let scalars = Array(text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "_" where isEscapeSequence(scalars, at: index): result += "_x005F_"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case "\r": result += "\n"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Whether `_xHHHH_` starts at `index`.
    private static func isEscapeSequence(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
