public import Foundation

/// The project files as they were at one point: a folder holding `instruments/` and `plugins/`,
/// the working folders, or a git revision (`git:REV`) read from git's objects.
///
/// A git edition is extracted with `git archive` into a private temporary folder that is
/// removed when the last copy of the edition goes away; the repository's work tree and index
/// are never touched.
public struct Edition: Sendable {
    /// The edition as the user wrote it (`git:report-P6`, `old-copy`, `working folder`).
    public var name: String
    /// The folder that holds project.yaml and the instrument files.
    public var instruments: URL
    /// The folder that holds the plugins (it may not exist: then every instrument uses the standard rules).
    public var plugins: URL
    /// How the instruments folder is named in messages and causes (`instruments`).
    public var instrumentsDisplay: String
    /// How the plugins folder is named in messages and causes (`plugins`).
    public var pluginsDisplay: String
    /// For a git edition, the commit the revision named.
    public var commit: String?
    /// The temporary folder a git edition was extracted to (removed when released).
    let storage: TemporaryFolder?

    /// An edition over existing folders.
    public init(name: String, instruments: URL, plugins: URL, instrumentsDisplay: String, pluginsDisplay: String) {
        self.name = name
        self.instruments = instruments
        self.plugins = plugins
        self.instrumentsDisplay = instrumentsDisplay
        self.pluginsDisplay = pluginsDisplay
        self.commit = nil
        self.storage = nil
    }

    init(name: String, instruments: URL, plugins: URL, instrumentsDisplay: String, pluginsDisplay: String,
         commit: String?, storage: TemporaryFolder?) {
        self.name = name
        self.instruments = instruments
        self.plugins = plugins
        self.instrumentsDisplay = instrumentsDisplay
        self.pluginsDisplay = pluginsDisplay
        self.commit = commit
        self.storage = storage
    }

    /// Opens the edition written `spec`: `git:REV`, or a folder holding `instruments/` and
    /// `plugins/`. `workingInstruments` and `workingPlugins` are the working folders (as the
    /// user named them): a git revision is read from the repository that holds them, at the
    /// same paths inside it.
    public static func open(_ spec: String, workingInstruments: String, workingPlugins: String) throws(EditionError) -> Edition {
        if spec.hasPrefix("git:") {
            let revision = String(spec.dropFirst(4))
            return try GitEdition.extract(revision: revision, name: spec, workingInstruments: workingInstruments,
                                          workingPlugins: workingPlugins)
        }
        let folder = URL(fileURLWithPath: spec)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EditionError(edition: spec, message: "no such folder (an edition is a folder holding instruments/ and plugins/, or git:REVISION)")
        }
        let instruments = folder.appendingPathComponent("instruments")
        guard FileManager.default.fileExists(atPath: instruments.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EditionError(edition: spec, message: "the folder has no instruments/ folder")
        }
        let base = spec.hasSuffix("/") ? String(spec.dropLast()) : spec
        return Edition(name: spec, instruments: instruments, plugins: folder.appendingPathComponent("plugins"),
                       instrumentsDisplay: base == "." ? "instruments" : base + "/instruments",
                       pluginsDisplay: base == "." ? "plugins" : base + "/plugins")
    }

    /// The working folders as an edition.
    public static func working(instruments: String, plugins: String, instrumentsDisplay: String? = nil,
                               pluginsDisplay: String? = nil) throws(EditionError) -> Edition {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: instruments, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EditionError(edition: "working folder", message: "no such folder '\(instruments)'; point --instruments at the folder that holds project.yaml")
        }
        return Edition(name: "working folder", instruments: URL(fileURLWithPath: instruments),
                       plugins: URL(fileURLWithPath: plugins), instrumentsDisplay: instrumentsDisplay ?? trimmed(instruments),
                       pluginsDisplay: pluginsDisplay ?? trimmed(plugins))
    }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path.hasPrefix("./"), path.count > 2 { path.removeFirst(2) }
        return path
    }
}

/// Why an edition cannot be read: one line that starts with the edition as written.
public struct EditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The edition as written (`git:report-P6`).
    public var edition: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    package init(edition: String, message: String) {
        self.edition = edition
        self.message = message
    }

    /// `edition: message`.
    public var description: String { "\(edition): \(message)" }
}

/// A temporary folder removed with its last owner.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("policy-tracker-edition-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        url = base
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
