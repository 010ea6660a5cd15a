package import Foundation
import Synchronization

/// What the comparison knows of one edition: the project as far as it loaded, the instruments
/// that could not be loaded (with their diagnostics), where each entry is in its file, the
/// digests of the evidence files and the texts of the rules.
public struct EditionSnapshot: Sendable {
    /// The edition's name as the user wrote it.
    public var name: String
    /// For a git edition, its commit.
    public var commit: String?
    /// The project (the instruments that loaded).
    public var project: Project
    /// Every diagnostic of the load (errors and warnings), in path order.
    public var diagnostics: [Diagnostic]
    /// The instruments whose file could not be loaded: their id (the file name) and the file's errors.
    public var unloadable: [String: [Diagnostic]]
    /// The file of each instrument by id (loaded or not), as shown in messages.
    package var instrumentPaths: [String: String]
    /// Line maps given by the creator, by instrument id (and project.yaml under ``projectKey``);
    /// ``sourceMap(_:)`` reads the others from the files when first asked.
    package var sourceMaps: [String: SourceMap]
    /// The files whose line maps are made when first asked.
    var lazyMaps: SourceMapCache?
    /// The SHA-256 of each evidence file named by a `path`, by that path (relative to the instruments folder).
    package var evidenceDigests: [String: String]
    /// The text of each rule file by its path inside the plugins folder (`peloponnese.lua`, `lib/scoring.lua`).
    public var ruleFiles: [String: String]
    /// How the plugins folder is shown (`plugins`).
    public var pluginsDisplay: String

    /// Creates a snapshot from parts (the tests build editions this way).
    package init(name: String, commit: String? = nil, project: Project, diagnostics: [Diagnostic] = [],
                unloadable: [String: [Diagnostic]] = [:], instrumentPaths: [String: String] = [:],
                sourceMaps: [String: SourceMap] = [:], evidenceDigests: [String: String] = [:],
                ruleFiles: [String: String] = [:], pluginsDisplay: String = "plugins") {
        self.name = name
        self.commit = commit
        self.project = project
        self.diagnostics = diagnostics
        self.unloadable = unloadable
        self.instrumentPaths = instrumentPaths
        self.sourceMaps = sourceMaps
        self.lazyMaps = nil
        self.evidenceDigests = evidenceDigests
        self.ruleFiles = ruleFiles
        self.pluginsDisplay = pluginsDisplay
    }

    /// The line map of an instrument's file (or of project.yaml, with ``projectKey``).
    package func sourceMap(_ key: String) -> SourceMap? {
        sourceMaps[key] ?? lazyMaps?.map(key)
    }

    /// The key of project.yaml in ``sourceMaps``.
    package static let projectKey = "project.yaml"

    /// Loads an edition's files. Throws only when project.yaml cannot give a project (every
    /// other broken file becomes an unloadable instrument, the rest is compared).
    public static func load(_ edition: Edition, jobs: Int = 1) throws(EditionLoadError) -> EditionSnapshot {
        let result = ProjectLoader.load(directory: edition.instruments, displayPath: edition.instrumentsDisplay, jobs: jobs)
        guard let project = result.project else {
            throw EditionLoadError(edition: edition.name, diagnostics: result.diagnostics)
        }
        return EditionSnapshot(edition: edition, project: project, diagnostics: result.diagnostics)
    }

    /// The one place that tells which instruments of a load failed, from the load's diagnostics
    /// (an instrument file with an error is left out of the project).
    init(edition: Edition, project: Project, diagnostics: [Diagnostic]) {
        let manager = FileManager.default
        let names = ((try? manager.contentsOfDirectory(atPath: edition.instruments.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
        let shown = edition.instrumentsDisplay
        func display(_ name: String) -> String { shown.isEmpty || shown == "." ? name : shown + "/" + name }
        var paths: [String: String] = [:]
        var files: [String: (path: String, url: URL)] = [:]
        for name in names {
            let url = edition.instruments.appendingPathComponent(name)
            if name == ProjectLoader.projectFileName {
                files[Self.projectKey] = (display(name), url)
            } else {
                let id = ProjectLoader.fileID(name)
                paths[id] = display(name)
                files[id] = (display(name), url)
            }
        }
        let loaded = Set(project.instruments.map(\.id))
        var unloadable: [String: [Diagnostic]] = [:]
        for (id, path) in paths where !loaded.contains(id) {
            unloadable[id] = diagnostics.filter { $0.path == path && $0.severity == .error }
        }
        var digests: [String: String] = [:]
        for instrument in project.instruments {
            for evidence in instrument.evidence {
                guard let path = evidence.path, digests[path] == nil,
                      let data = manager.contents(atPath: edition.instruments.appendingPathComponent(path).path) else { continue }
                digests[path] = EvidenceDigest.sha256([UInt8](data))
            }
        }
        // evidence of the instruments that did not load: the files under evidence/<id>/
        for id in unloadable.keys.sorted() {
            let folder = edition.instruments.appendingPathComponent("evidence").appendingPathComponent(id)
            for file in (manager.subpaths(atPath: folder.path) ?? []).sorted() {
                let path = "evidence/\(id)/\(file)"
                guard digests[path] == nil, let data = manager.contents(atPath: folder.appendingPathComponent(file).path) else { continue }
                digests[path] = EvidenceDigest.sha256([UInt8](data))
            }
        }
        let rules = Self.ruleFiles(in: edition.plugins)
        self.init(name: edition.name, commit: edition.commit, project: project, diagnostics: diagnostics,
                  unloadable: unloadable, instrumentPaths: paths, evidenceDigests: digests,
                  ruleFiles: rules, pluginsDisplay: edition.pluginsDisplay)
        lazyMaps = SourceMapCache(files: files, storage: edition.storage)
    }
}

extension EditionSnapshot {
    /// The text of every rule file in a plugins folder (the plugins and `lib/` modules), by
    /// path inside it.
    package static func ruleFiles(in plugins: URL) -> [String: String] {
        let manager = FileManager.default
        var rules: [String: String] = [:]
        for file in (manager.subpaths(atPath: plugins.path) ?? []).sorted() where file.hasSuffix(".lua") {
            guard !file.contains("/") || file.hasPrefix("lib/") else { continue }
            if let data = manager.contents(atPath: plugins.appendingPathComponent(file).path) {
                rules[file] = String(decoding: data, as: UTF8.self)
            }
        }
        return rules
    }

    /// This snapshot's data with the rules of another edition (for an impact preview).
    public func withRules(of edition: Edition) -> EditionSnapshot {
        var copy = self
        copy.name = edition.name
        copy.commit = edition.commit
        copy.ruleFiles = Self.ruleFiles(in: edition.plugins)
        return copy
    }
}

/// Line maps made from their files when first asked (a comparison needs few of them).
final class SourceMapCache: Sendable {
    let files: [String: (path: String, url: URL)]
    /// Keeps a git edition's extracted files while the snapshot lives.
    let storage: TemporaryFolder?
    private let made = Mutex<[String: SourceMap]>([:])

    init(files: [String: (path: String, url: URL)], storage: TemporaryFolder?) {
        self.files = files
        self.storage = storage
    }

    func map(_ key: String) -> SourceMap? {
        if let found = made.withLock({ $0[key] }) { return found }
        guard let file = files[key] else { return nil }
        let bytes = FileManager.default.contents(atPath: file.url.path).map { [UInt8]($0) } ?? []
        let map = SourceMap(path: file.path, bytes: bytes)
        made.withLock { $0[key] = map }
        return map
    }
}

/// An edition whose project.yaml cannot give a project: its diagnostics.
public struct EditionLoadError: Error, Sendable, CustomStringConvertible {
    /// The edition's name.
    public var edition: String
    /// The load's diagnostics.
    public var diagnostics: [Diagnostic]

    /// Every diagnostic on its own line, then what it means.
    public var description: String {
        (diagnostics.map(\.description) + ["\(edition): the project cannot be loaded, so this edition cannot be compared"])
            .joined(separator: "\n")
    }
}
