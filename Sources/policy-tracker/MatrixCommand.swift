import ArgumentParser
import Foundation
import PolicyKit
import PolicyLua

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

    @Option(name: .customLong("format"), help: ArgumentHelp("Output format: \(MatrixFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var formatName: String = MatrixFormat.text.rawValue

    @Option(name: .customLong("lang"), help: ArgumentHelp("Language of the labels: \(MatrixLanguage.allCases.map(\.code).joined(separator: ", ")). Titles follow when the data has them.", valueName: "code"))
    var languageCode: String = MatrixLanguage.english.code

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    var format: MatrixFormat { MatrixFormat(rawValue: formatName) ?? .text }
    var language: MatrixLanguage { MatrixLanguage(code: languageCode) ?? .english }

    func validate() throws {
        guard MatrixFormat(rawValue: formatName) != nil else {
            throw ValidationError("--format must be one of \(MatrixFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(formatName)'")
        }
        guard MatrixLanguage(code: languageCode) != nil else {
            throw ValidationError("--lang must be one of \(MatrixLanguage.allCases.map(\.code).joined(separator: ", ")), not '\(languageCode)'")
        }
        if let period, ReportingPeriod.number(fromID: period) == nil {
            throw ValidationError("--period must be a period id such as P5, not '\(period)'")
        }
    }

    func run() throws {
        let project = try options.loadProject()
        let dates = try options.dates(for: project)
        let knownOn = options.knownOn.flatMap(Day.init)
        let evaluator = try options.evaluator(for: project)
        let matrix: ProgressMatrix
        do {
            matrix = try ProgressMatrix.build(project: project, asOf: dates.asOf, knownOn: knownOn, detail: period) {
                evaluator.evaluate(dates: $0)
            }
        } catch let error as MatrixError {
            throw ValidationError(error.description)
        }
        let color = format == .text && output == nil && TerminalColor.enabled
        let text = matrix.rendered(as: format, language: language, color: color)
        if let output {
            do {
                try AtomicFile.write(Data(text.utf8), to: output)
            } catch {
                FileHandle.standardError.write(Data("policy-tracker: cannot write \(output): \(error)\n".utf8))
                throw ExitCode(1)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if matrix.hasErrors { throw ExitCode(1) }
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
