import Foundation
import PolicyKit
import PolicyWorkbook
import Testing

/// The workbook read back by openpyxl (Tests/WorkbookCheck/read_workbook.py, installed by
/// `make setup`), as a spreadsheet program reads it: sheets, values, number formats, fills,
/// frozen panes, autofilters; deterministic bytes; refused to a terminal.
@Suite("XLSX workbook")
struct WorkbookTests {
    /// What openpyxl found in a workbook.
    struct Book {
        struct Cell {
            let value: Any?
            let format: String
            let fill: String?
            let bold: Bool
            var text: String? { value as? String }
            var number: Double? { (value as? NSNumber)?.doubleValue }
        }
        struct Sheet {
            let name: String
            let freeze: String?
            let filter: String?
            let widths: [String: Double]
            let rows: [[Cell]]
            func row(where column: Int, is text: String) -> [Cell]? { rows.first { $0.count > column && $0[column].text == text } }
        }
        let sheets: [Sheet]
        let title: String?
        func sheet(_ name: String) throws -> Sheet { try #require(sheets.first { $0.name == name }, "no sheet \(name)") }
    }

    static func read(_ file: URL) throws -> Book {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ToolRunner.repositoryRoot.appendingPathComponent("Tests/WorkbookCheck/read_workbook.py").path, file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "read_workbook.py (needs python3 with openpyxl: make setup): \(errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sheets = (json["sheets"] as? [[String: Any]] ?? []).map { sheet in
            Book.Sheet(name: sheet["name"] as? String ?? "", freeze: sheet["freeze"] as? String, filter: sheet["filter"] as? String,
                       widths: sheet["widths"] as? [String: Double] ?? [:],
                       rows: (sheet["rows"] as? [[[String: Any]]] ?? []).map { row in
                           row.map { Book.Cell(value: $0["value"] is NSNull ? nil : $0["value"], format: $0["format"] as? String ?? "",
                                               fill: $0["fill"] as? String, bold: $0["bold"] as? Bool ?? false) }
                       })
        }
        return Book(sheets: sheets, title: json["title"] as? String)
    }

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("pt-xlsx-\(UUID().uuidString.prefix(8))-\(name)")
    }

    static func matrixWorkbook(_ arguments: [String] = [], in folder: URL = ToolRunner.repositoryRoot, status expected: Int32 = 0) throws -> (Book, Data) {
        let file = temporary("matrix.xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try ToolRunner.run(["matrix", "--format", "xlsx", "--as-of", "2026-11-23", "--output", file.path] + arguments, in: folder)
        #expect(output.status == expected, "\(output.standardError)")
        #expect(output.standardOutput.isEmpty)
        return (try read(file), try Data(contentsOf: file))
    }

    @Test func theMatrixWorkbookHasItsFiveSheets() throws {
        let (book, _) = try Self.matrixWorkbook()
        #expect(book.sheets.map(\.name) == ["Matrix", "Detail", "Common indicators", "Reporting", "About"])
        #expect(book.title == "SECON — Progress matrix")
        let matrix = try book.sheet("Matrix")
        #expect(matrix.freeze == "C2")
        #expect(matrix.filter == "A1:R10")
        #expect(matrix.widths["A"] == 34 && matrix.widths["B"] == 48)
        #expect(matrix.rows[0].prefix(4).map(\.text) == ["Partner", "Policy instrument", "P1 status", "P1 progress"])
        #expect(matrix.rows[0].allSatisfy { $0.bold && $0.fill == "FFE3E8EE" })
        let lead = try #require(matrix.row(where: 1, is: "Regional Operational Programme \"Peloponnese 2021-2027\""))
        #expect(lead[0].text == "Region of Peloponnese (lead partner)")
        // P1: at risk, 0%; P8: on track, 80% (as in the text matrix); illustrative numbers carry † in their format
        #expect(lead[2].text == "▲ at risk" && lead[2].fill == "FFFDF0DC")
        #expect(lead[3].number == 0 && lead[3].format == "0%\"†\"")
        #expect(lead[16].text == "● on track" && lead[16].fill == "FFE6F4E9")
        #expect(lead[17].number == 0.8 && lead[17].format == "0%\"†\"")
        let project = try #require(matrix.row(where: 1, is: "Instruments improved"))
        #expect(project[0].text == "Project" && project[0].bold)
        #expect(project[16].text == "2 of 9")
        let rco81 = try #require(matrix.row(where: 1, is: "RCO81 participations"))
        #expect(rco81[16].number == 281 && rco81[16].format == "General\"†\"")

        let detail = try book.sheet("Detail")
        #expect(detail.freeze == "A2")
        #expect(detail.filter == "A1:N73")
        let indicator = try #require(detail.row(where: 3, is: "se-enterprises-supported"))
        #expect(indicator[0].text == "P8")
        #expect(indicator[8].text?.hasPrefix("● ") == true || indicator[8].text?.hasPrefix("▲ ") == true)
        #expect(indicator[9].format == "0%\"†\"")

        let common = try book.sheet("Common indicators")
        #expect(common.rows.dropFirst().prefix(4).map { $0[0].text } == ["RCO81", "RCO83", "RCO84", "RCR79"])
        #expect(common.row(where: 0, is: "RCO81")?[3].number == 300)

        let reporting = try book.sheet("Reporting")
        #expect(reporting.rows[0].map(\.text) == ["Period", "Partner", "Policy instrument", "Kind", "Id", "Title", "Due", "Received on", "Days late", "Evidence", "State"])
        #expect(reporting.rows.filter { $0[3].text == "partner" }.count == 9)
        // as of 2026-11-23 the latest report due is P6's (2026-05-31)
        #expect(reporting.rows[1][0].text == "P6")
        let missing = try #require(reporting.rows.first { $0[4].text == "incubator-clients" })
        #expect(missing[10].text == "✖ missing, overdue by 176 days" && missing[8].number == 176 && missing[10].fill == "FFFBE4E1")

        let about = try book.sheet("About")
        #expect(about.row(where: 0, is: "Tool version")?[1].text == "policy-tracker \(PolicyTrackerVersion.current)")
        #expect(about.row(where: 0, is: "Evaluation date")?[1].text == "2026-11-23 (P8)")
        #expect(about.rows.contains { $0[0].text == "✖ error" && $0[0].fill == "FFF1E6FA" })
    }

    @Test func theBytesAreTheSameForAnyNumberOfWorkersAndRuns() throws {
        let (_, one) = try Self.matrixWorkbook(["--jobs", "1"])
        let (_, two) = try Self.matrixWorkbook(["--jobs", "2"])
        #expect(one == two)
        #expect(one.prefix(2) == Data("PK".utf8))
        // redirected to a file instead of --output: the same bytes
        let redirected = Self.temporary("redirected.xlsx")
        defer { try? FileManager.default.removeItem(at: redirected) }
        FileManager.default.createFile(atPath: redirected.path, contents: nil)
        let process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = ["matrix", "--format", "xlsx", "--as-of", "2026-11-23", "--jobs", "2"]
        process.currentDirectoryURL = ToolRunner.repositoryRoot
        let handle = try FileHandle(forWritingTo: redirected)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)
        #expect(try Data(contentsOf: redirected) == one)
    }

    @Test func labelsFollowTheLanguage() throws {
        let (book, _) = try Self.matrixWorkbook(["--lang", "lv"])
        let matrix = try book.sheet("Matrix")
        #expect(matrix.rows[0][0].text == MatrixLanguage.latvian.text(.partner))
        #expect(matrix.rows.contains { $0.count > 2 && $0[2].text == "▲ " + MatrixLanguage.latvian.text(.atRisk) })
        #expect(try book.sheet("Reporting").rows[0][3].text == "Veids")
        #expect(try book.sheet("About").row(where: 0, is: "Programma")?[1].text == "Interreg Europe 2021-2027")
    }

    @Test func aBrokenInstrumentFileIsARowInErrorInTheWorkbook() throws {
        let folder = try PartialFailureTests.idTypo()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (book, _) = try Self.matrixWorkbook(in: folder, status: 1)
        let matrix = try book.sheet("Matrix")
        let row = try #require(matrix.rows.first { $0.count > 2 && $0[1].text == "Riga Planning Region Development Programme 2022-2027" })
        #expect(row[2].text == "✖ error" && row[2].fill == "FFF1E6FA")
        #expect(matrix.rows.contains { $0.count > 1 && $0[1].text == "8 of 9 instruments evaluated" })
        #expect(matrix.rows.contains { $0.count > 1 && $0[1].text == "lv-riga-development-programme: \(PartialFailureTests.summary)" })
        let reporting = try book.sheet("Reporting")
        #expect(reporting.rows.contains { $0[3].text == "instrument file" && $0[10].text == "✖ " + PartialFailureTests.summary })
    }

    @Test func theStatusWorkbookHasTheReportingAndAboutSheets() throws {
        let file = Self.temporary("status.xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try ToolRunner.run(["status", "--as-of", "2026-12-05", "--format", "xlsx", "--output", file.path])
        #expect(output.status == 1)
        let book = try Self.read(file)
        #expect(book.sheets.map(\.name) == ["Reporting", "About"])
        #expect(try book.sheet("Reporting").rows[1][0].text == "P7")
        #expect(try book.sheet("About").row(where: 0, is: "Reporting summary")?[1].text == "5 of 9 partners complete for P7; 4 overdue by 5 days")
    }

    @Test func aWorkbookIsNotWrittenToATerminal() throws {
        // `script` runs the tool with a pseudo-terminal as standard output.
        let tool = ToolRunner.executable.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(tool) matrix --format xlsx", "/dev/null"]
        process.currentDirectoryURL = ToolRunner.repositoryRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(text.contains("--format xlsx writes a binary workbook, not shown on a terminal: add --output FILE.xlsx (or redirect standard output to a file)"))
        #expect(!text.contains("PK"))
    }

    @Test func textCellsAreInertAndControlCharactersSurvive() throws {
        let workbook = Spreadsheet(sheets: [Spreadsheet.Sheet(name: "Odd: [names]?", columnWidths: [20], rows: [
            [.text("header")],
            [.text("=HYPERLINK(\"http://x\")")], [.text("+1")], [.text("-2+3")], [.text("@SUM(A1)")], [.text("\tTab")],
            [.text("bell\u{7}here")], [.text("_x0041_ literal")], [.text("<b>&amp;</b>")], [.text("  padded  ")],
            [.number(0.5, .percent)], [.number(.nan)],
        ], filterRows: 0)], title: "t", creator: "c")
        let file = Self.temporary("odd.xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try XLSXWriter.data(for: workbook).write(to: file)
        #expect(try XLSXWriter.data(for: workbook) == (try Data(contentsOf: file)))
        let sheet = try #require(try Self.read(file).sheets.first)
        #expect(sheet.name == "Odd   names  ")
        #expect(sheet.rows.map { $0.first?.text } == [
            // (openpyxl shows SpreadsheetML's escape of a literal `_x0041_` as it is; Excel and LibreOffice decode it)
            "header", "'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tTab", "bell\u{FFFD}here", "_x005F_x0041_ literal",
            "<b>&amp;</b>", "  padded  ", nil,
        ])  // (the row of the NaN has no cell: a number that is not finite is left out)
        #expect(sheet.rows[10][0].number == 0.5 && sheet.rows[10][0].format == "0%")
    }
}

/// The PolicyWorkbook DocC overview's example, as written there, runs on the shipped project.
@Suite("PolicyWorkbook's example")
struct WorkbookExampleTests {
    @Test func theDocCExampleWritesAWorkbook() throws {
        let loaded = ProjectLoader.load(directory: ToolRunner.repositoryRoot.appendingPathComponent("instruments"))
        let project = try #require(loaded.project)
        let asOf = Day("2026-11-23")!
        func build(_ period: String?) throws -> ProgressMatrix {
            try ProgressMatrix.build(project: project, failedInstruments: loaded.failedInstruments, asOf: asOf,
                                     knownOn: nil, detail: period) { StandardEvaluator.evaluate(project, dates: $0) }
        }
        let matrix = try build(nil)
        let detail = try build(matrix.currentPeriod.id)
        let due = try #require(ReportingCompleteness.latestDuePeriod(in: project.calendar, asOf: asOf))
        let status = ReportingCompleteness.build(project: project, failedInstruments: loaded.failedInstruments,
                                                 period: due, asOf: asOf)
        let workbook = MatrixWorkbook.make(matrix: matrix, detail: detail, status: status, language: .english)
        let file = WorkbookTests.temporary("example.xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try XLSXWriter.data(for: workbook).write(to: file)
        #expect(try WorkbookTests.read(file).sheets.map(\.name) == MatrixWorkbook.sheetNames)
    }
}
