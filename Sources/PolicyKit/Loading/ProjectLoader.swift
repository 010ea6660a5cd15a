public import Foundation
internal import Yams

/// Loads a project folder (project.yaml and one YAML file per policy instrument), reporting
/// every problem of every file at once.
///
/// Loading never throws and never crashes on bad input: unreadable files, invalid UTF-8, YAML
/// syntax errors, unknown keys, wrong types and broken references all become ``Diagnostic``s.
public enum ProjectLoader {
    /// The name of the project file in a project folder.
    public static let projectFileName = "project.yaml"

    /// Loads `directory`: its project.yaml and every other `*.yaml` file directly in it.
    ///
    /// - Parameters:
    ///   - directory: The project folder.
    ///   - displayPath: How the folder is named in diagnostics and traces: its path from the
    ///     project folder (the display root). Default: the folder's own name, as seen from the
    ///     project folder that holds it (`instruments`); never absolute unless given so.
    ///   - jobs: How many threads read and check instrument files at once; the result is the
    ///     same for any number.
    public static func load(directory: URL, displayPath: String? = nil, jobs: Int = 1) -> ProjectLoadResult {
        let shown = displayPath ?? directory.standardizedFileURL.lastPathComponent
        func path(_ name: String) -> String {
            shown.isEmpty || shown == "." ? name : (shown.hasSuffix("/") ? shown + name : shown + "/" + name)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let diagnostic = Diagnostic(path: shown, line: 1, column: 1, severity: .error,
                                        message: "no such folder; point --instruments at the folder that holds project.yaml")
            return ProjectLoadResult(project: nil, diagnostics: [diagnostic], filesChecked: 0)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }
                .sorted()
        } catch {
            let diagnostic = Diagnostic(path: shown, line: 1, column: 1, severity: .error,
                                        message: "cannot list the folder: \(error.localizedDescription)")
            return ProjectLoadResult(project: nil, diagnostics: [diagnostic], filesChecked: 0)
        }
        var diagnostics: [Diagnostic] = []
        var projectBytes: [UInt8]?
        if names.contains(projectFileName) {
            let sink = DiagnosticSink(path: path(projectFileName))
            projectBytes = read(directory.appendingPathComponent(projectFileName), sink: sink)
            diagnostics += sink.diagnostics
        } else {
            diagnostics.append(Diagnostic(path: path(projectFileName), line: 1, column: 1, severity: .error,
                                          message: "missing project.yaml: every project folder needs one"))
        }
        // Each instrument file is read when it is checked, so that only the files being
        // checked are in memory, not the whole folder.
        let instrumentFiles = names.filter { $0 != projectFileName }.map { name in
            InstrumentSource(path: path(name)) { sink in read(directory.appendingPathComponent(name), sink: sink) }
        }
        let loaded = load(project: projectBytes.map { (path(projectFileName), $0) }, instruments: instrumentFiles,
                          evidenceFolder: directory, jobs: jobs)
        return ProjectLoadResult(project: loaded.project, failedInstruments: loaded.failedInstruments,
                                 diagnostics: diagnostics + loaded.diagnostics, filesChecked: names.count)
    }

    /// The bytes of a file, or `nil` after reporting why not (too large, unreadable).
    private static func read(_ url: URL, sink: DiagnosticSink) -> [UInt8]? {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
           size > YAMLSource.maximumFileSize {
            sink.error("the file is \(size) bytes long; files of more than \(YAMLSource.maximumFileSize) bytes are refused", line: 1, column: 1)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            sink.error("cannot read the file", line: 1, column: 1)
            return nil
        }
        return [UInt8](data)
    }

    /// An instrument file to check: its path, and its bytes when asked (or `nil` after
    /// reporting why not).
    struct InstrumentSource: Sendable {
        var path: String
        var bytes: @Sendable (DiagnosticSink) -> [UInt8]?
    }

    /// Loads a project from texts: the content of project.yaml and of each instrument file with
    /// its path (the file name without `.yaml` must equal the instrument id).
    public static func load(projectYAML: String, instrumentFiles: [(path: String, text: String)]) -> ProjectLoadResult {
        load(project: ("project.yaml", Array(projectYAML.utf8)),
             instruments: instrumentFiles.map { ($0.path, Array($0.text.utf8)) })
    }

    /// Loads a project from the bytes of its files, checking `jobs` instrument files at once
    /// (the result is the same for any number).
    ///
    /// Evidence files named by `path` are not checked: there is no folder to look in.
    public static func load(
        project: (path: String, bytes: [UInt8])?, instruments: [(path: String, bytes: [UInt8])], jobs: Int = 1
    ) -> ProjectLoadResult {
        let sources = instruments.map { file in InstrumentSource(path: file.path) { _ in file.bytes } }
        return load(project: project, instruments: sources, evidenceFolder: nil, jobs: jobs)
    }

    /// Loads a project from its files; with `evidenceFolder`, also checks that the evidence
    /// files named by `path` are in it and match their `sha256`. Instrument files are checked
    /// `jobs` at a time, each on its own (project.yaml is read first); their diagnostics and
    /// instruments are gathered in path order, whatever finished first.
    static func load(
        project: (path: String, bytes: [UInt8])?, instruments: [InstrumentSource], evidenceFolder: URL?, jobs: Int
    ) -> ProjectLoadResult {
        var diagnostics: [Diagnostic] = []
        var projectFile: ProjectFile?
        if let project {
            let sink = DiagnosticSink(path: project.path)
            if let root = YAMLSource.compose(bytes: project.bytes, sink: sink) {
                if let root {
                    projectFile = ProjectFileDecoder.decode(root, sink: sink)
                } else {
                    sink.error("the file is empty; it must start with `schema: \(SchemaVersion.supported)`", line: 1, column: 1)
                }
            }
            diagnostics += sink.diagnostics
        }
        let context = projectFile.map {
            ProjectContext(partners: $0.partners, calendar: $0.calendar, interval: DayInterval(start: $0.start, end: $0.end))
        }

        let sorted = instruments.sorted(by: { $0.path < $1.path })
        let checked = ParallelMap.map(sorted.count, workers: jobs) { index -> (diagnostics: [Diagnostic], file: InstrumentFile?) in
            let path = sorted[index].path
            let sink = DiagnosticSink(path: path)
            var file: InstrumentFile?
            if let bytes = sorted[index].bytes(sink), let root = YAMLSource.compose(bytes: bytes, sink: sink) {
                if let root {
                    file = InstrumentFileDecoder.decode(root, path: path, fileID: fileID(path), context: context, sink: sink)
                    if let evidenceFolder, let file {
                        EvidenceFileCheck.check(file.evidenceFiles, in: evidenceFolder, sink: sink)
                    }
                } else {
                    sink.error("the file is empty; it must start with `schema: \(SchemaVersion.supported)`", line: 1, column: 1)
                }
            }
            return (sink.diagnostics, file)
        }
        var files: [(path: String, file: InstrumentFile)] = []
        for (index, result) in checked.enumerated() {
            diagnostics += result.diagnostics
            if let file = result.file { files.append((sorted[index].path, file)) }
        }
        diagnostics += CrossFileChecks.check(files)

        let filesChecked = instruments.count + (project == nil ? 0 : 1)
        var loadedProject: Project?
        var failedInstruments: [FailedInstrument] = []
        if let projectFile {
            let failed = Set(diagnostics.filter { $0.severity == .error }.map(\.path))
            let instruments = files.filter { !failed.contains($0.path) }.compactMap(\.file.instrument)
            let read = Dictionary(files.map { ($0.path, $0.file) }, uniquingKeysWith: { first, _ in first })
            let byPath = Dictionary(grouping: diagnostics, by: \.path)
            for source in sorted where failed.contains(source.path) {
                let file = read[source.path]
                let partner = file?.partner.flatMap { id in projectFile.partners.contains { $0.id == id } ? id : nil }
                failedInstruments.append(FailedInstrument(
                    id: file?.id?.0 ?? fileID(source.path), path: source.path, partnerID: partner, title: file?.title,
                    plugin: file?.plugin, diagnostics: byPath[source.path] ?? []))
            }
            loadedProject = Project(
                id: projectFile.id, acronym: projectFile.acronym, name: projectFile.name,
                programme: projectFile.programme, reference: projectFile.reference, start: projectFile.start,
                end: projectFile.end, sources: projectFile.sources, phases: projectFile.phases,
                calendar: projectFile.calendar, partners: projectFile.partners, instruments: instruments)
        }
        return ProjectLoadResult(project: loadedProject, failedInstruments: failedInstruments, diagnostics: diagnostics,
                                 filesChecked: filesChecked)
    }

    /// The file name without folders and without `.yaml`.
    static func fileID(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".yaml") { name.removeLast(5) }
        return name
    }
}

/// Checks that span several instrument files.
enum CrossFileChecks {
    static func check(_ files: [(path: String, file: InstrumentFile)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var ids: [String: String] = [:]
        for (path, file) in files {
            guard let (id, location) = file.id else { continue }
            if let first = ids[id] {
                diagnostics.append(Diagnostic(path: path, line: location.line, column: location.column, severity: .error,
                                              message: "duplicate instrument id `\(id)`; \(first) already uses it"))
            } else {
                ids[id] = path
            }
        }
        var codes: [String: CodeSite] = [:]
        for site in files.flatMap(\.file.codeSites) {
            guard let first = codes[site.code] else {
                codes[site.code] = site
                continue
            }
            if first.unit != site.unit || first.measure != site.measure {
                diagnostics.append(Diagnostic(
                    path: site.instrumentPath, line: site.location.line, column: site.location.column, severity: .error,
                    message: "indicators with code \(site.code) must share unit and measure: `\(site.indicator)` has unit `\(site.unit)` and measure `\(site.measure.rawValue)`, but `\(first.indicator)` in \(first.instrumentPath) has unit `\(first.unit)` and measure `\(first.measure.rawValue)`"))
            }
        }
        return diagnostics
    }
}
