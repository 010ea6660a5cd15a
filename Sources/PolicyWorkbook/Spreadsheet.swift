/// A workbook as plain values: sheets of cells with a small, fixed set of styles. ``XLSXWriter``
/// turns it into the bytes of an `.xlsx` file.
public struct Spreadsheet: Sendable, Hashable {
    /// How a cell looks. Each case is one entry of the workbook's `styles.xml`.
    public enum Style: Sendable, Hashable {
        /// The default.
        case plain
        /// A header cell: bold on a grey fill.
        case header
        /// Bold text (the project row).
        case bold
        /// Text that wraps in its column.
        case wrapped
        /// A fraction shown as a percentage (`45%`).
        case percent
        /// An illustrative fraction: a percentage with `†` (`45%†`), still a number.
        case illustrativePercent
        /// A number as it is.
        case number
        /// An illustrative number, with `†`.
        case illustrativeNumber
        /// Text on a light fill of a colour (`#rrggbb`), such as a status.
        case fill(String)
    }

    /// A cell: text, a number, or nothing.
    public enum Cell: Sendable, Hashable {
        /// No value.
        case empty
        /// A text (written as an inline string; never read as a formula).
        case text(String, Style = .plain)
        /// A number.
        case number(Double, Style = .number)
    }

    /// One worksheet.
    public struct Sheet: Sendable, Hashable {
        /// The tab's name (at most 31 characters, none of `[]:*?/\`).
        public var name: String
        /// The widths of the first columns, in characters.
        public var columnWidths: [Double]
        /// The rows, the first one the header.
        public var rows: [[Cell]]
        /// How many rows stay at the top when scrolling (1: the header).
        public var frozenRows: Int
        /// How many columns stay at the left when scrolling.
        public var frozenColumns: Int
        /// How many rows, from the top, the autofilter covers (0: none); it covers every column of the header.
        public var filterRows: Int

        /// Creates a sheet.
        public init(name: String, columnWidths: [Double], rows: [[Cell]], frozenRows: Int = 1, frozenColumns: Int = 0, filterRows: Int = 0) {
            self.name = name
            self.columnWidths = columnWidths
            self.rows = rows
            self.frozenRows = frozenRows
            self.frozenColumns = frozenColumns
            self.filterRows = filterRows
        }
    }

    /// The sheets, in tab order.
    public var sheets: [Sheet]
    /// The workbook's title and author in its document properties.
    public var title: String
    /// Who made it (`policy-tracker 0.1.0`).
    public var creator: String

    /// Creates a workbook.
    public init(sheets: [Sheet], title: String, creator: String) {
        self.sheets = sheets
        self.title = title
        self.creator = creator
    }
}
