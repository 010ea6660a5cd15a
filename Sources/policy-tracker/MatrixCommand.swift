import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua
import PolicyWorkbook

/// `policy-tracker matrix`: the progress matrix of every instrument, for the lead partner.
struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Build the progress matrix: every instrument by reporting period, or one period in detail.",
        discussion: """
            Rows are the instruments grouped by partner (lead partner first), then the project row \
            (instruments improved, common indicators summed where they may be). With --known-on before \
            --as-of, the matrix shows what was known then and marks with Δ the cells that later reports \
            changed. Illustrative numbers are marked with †. Exits with 0 when the matrix is complete, \
            1 when any cell is `error` (the matrix is still written), 2 on usage errors.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: ArgumentHelp("Show one period in detail (indicators, actions, evidence, findings), such as P5.", valueName: "period"))
    var period: String?

    @Option(name: .customLong("format"), help: ArgumentHelp("Output format: \(Workbook.formatNames). xlsx: a workbook with the sheets Matrix, Detail (of --period or the current period), Common indicators, Reporting and About; it needs --output or a redirection.", valueName: "format"))
    var formatName: String = MatrixFormat.text.rawValue

    @Option(name: .customLong("lang"), help: ArgumentHelp("Language of the labels: \(MatrixLanguage.allCases.map(\.code).joined(separator: ", ")). Titles follow when the data has them.", valueName: "code"))
    var languageCode: String = MatrixLanguage.english.code

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    var format: MatrixFormat { MatrixFormat(rawValue: formatName) ?? .text }
    var language: MatrixLanguage { MatrixLanguage(code: languageCode) ?? .english }

    func validate() throws {
        try Workbook.validate(formatName: formatName, output: output)
        guard MatrixLanguage(code: languageCode) != nil else {
            throw ValidationError("--lang must be one of \(MatrixLanguage.allCases.map(\.code).joined(separator: ", ")), not '\(languageCode)'")
        }
        if let period, ReportingPeriod.number(fromID: period) == nil {
            throw ValidationError("--period must be a period id such as P5, not '\(period)'")
        }
    }

    func run() throws {
        let loaded = try options.loadProject()
        let (project, failed) = (loaded.project, loaded.failed)
        let dates = try options.dates(for: project)
        let knownOn = options.knownOn.flatMap(Day.init)
        let evaluator = try options.evaluator(for: project, failed: failed)
        func build(period: String?) throws -> ProgressMatrix {
            do {
                return try ProgressMatrix.build(project: project, failedInstruments: failed, asOf: dates.asOf, knownOn: knownOn,
                                                detail: period) {
                    evaluator.evaluate(dates: $0)
                }
            } catch let error as MatrixError {
                throw ValidationError(error.description)
            }
        }
        if formatName == Workbook.format {
            let matrix = try build(period: nil)
            let detail = try build(period: period ?? matrix.currentPeriod.id)
            let reportingPeriod = ReportingCompleteness.latestDuePeriod(in: project.calendar, asOf: dates.asOf) ?? matrix.currentPeriod
            let status = ReportingCompleteness.build(project: project, failedInstruments: failed, period: reportingPeriod,
                                                     asOf: dates.asOf, knownOn: dates.knownOn)
            try Workbook.write(MatrixWorkbook.make(matrix: matrix, detail: detail, status: status, language: language), to: output)
            if matrix.hasErrors || detail.hasErrors { throw ExitCode(1) }
            try loaded.exitIfProjectFileHasErrors()
            return
        }
        let matrix = try build(period: period)
        let color = format == .text && output == nil && TerminalColor.enabled
        let text = matrix.rendered(as: format, language: language, color: color)
        try Output.write(Data(text.utf8), to: output)
        if matrix.hasErrors { throw ExitCode(1) }
        try loaded.exitIfProjectFileHasErrors()
    }
}

/// The `xlsx` format of `matrix` and `status`: binary, so never written to a terminal.
enum Workbook {
    static let format = "xlsx"

    /// The formats of the commands, the text ones and `xlsx`.
    static var formatNames: String { (MatrixFormat.allCases.map(\.rawValue) + [format]).joined(separator: ", ") }

    /// Refuses an unknown format, and a workbook for a terminal.
    static func validate(formatName: String, output: String?) throws {
        guard MatrixFormat(rawValue: formatName) != nil || formatName == format else {
            throw ValidationError("--format must be one of \(formatNames), not '\(formatName)'")
        }
        if formatName == format, output == nil, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("--format xlsx writes a binary workbook, not shown on a terminal: add --output FILE.xlsx (or redirect standard output to a file)")
        }
    }

    /// Writes the workbook's bytes to `output` (atomically) or to standard output.
    static func write(_ workbook: Spreadsheet, to output: String?) throws {
        let data: Data
        do {
            data = try XLSXWriter.data(for: workbook)
        } catch {
            FileHandle.standardError.write(Data("policy-tracker: \(error)\n".utf8))
            throw ExitCode(1)
        }
        try Output.write(data, to: output)
    }
}

/// Where a command's output goes: a file written atomically, or standard output.
enum Output {
    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            FileHandle.standardError.write(Data("policy-tracker: cannot write \(path): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Whether standard output may be coloured: a terminal, and `NO_COLOR` unset or empty.
enum TerminalColor {
    static var enabled: Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return noColor.isEmpty && isatty(STDOUT_FILENO) == 1
    }
}

/// Writes a file atomically: a temporary file in the same folder, then a rename over the target.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ data: Data, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw Failure(description: "cannot create \(temporary.path)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: reason)
        }
    }
}
