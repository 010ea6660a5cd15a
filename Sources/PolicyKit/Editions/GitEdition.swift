import Foundation

/// Reads an edition from a git revision: `git` runs as a subprocess and only reads objects
/// (`rev-parse`, `cat-file`, `archive`); the files are written to a private temporary folder,
/// never to the work tree, and the index is not touched.
enum GitEdition {
    static func extract(revision: String, name: String, workingInstruments: String,
                        workingPlugins: String) throws(EditionError) -> Edition {
        func fail(_ message: String) -> EditionError { EditionError(edition: name, message: message) }
        guard !revision.isEmpty else { throw fail("no revision after git: (write git:REV, such as git:HEAD or git:report-P6)") }
        let manager = FileManager.default
        let instrumentsURL = URL(fileURLWithPath: workingInstruments).standardizedFileURL
        var isDirectory: ObjCBool = false
        let start = manager.fileExists(atPath: instrumentsURL.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? instrumentsURL : URL(fileURLWithPath: manager.currentDirectoryPath)
        let top: String
        switch Git.run(["rev-parse", "--show-toplevel"], in: start.path) {
        case .success(let output): top = output.trimmingCharacters(in: .whitespacesAndNewlines)
        case .failure(let error):
            if case .cannotRun(let reason) = error { throw fail("cannot run git: \(reason)") }
            throw fail("'\(Edition.trimmed(start.relativeDisplay))' is not in a git repository (git:REV reads the repository that holds --instruments)")
        }
        let topURL = URL(fileURLWithPath: top).resolvingSymlinksInPath()
        guard let instrumentsPath = relative(instrumentsURL, to: topURL), let pluginsPath = relative(URL(fileURLWithPath: workingPlugins).standardizedFileURL, to: topURL) else {
            throw fail("the instruments and plugins folders must be inside the repository \(top)")
        }
        let commit: String
        switch Git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: top) {
        case .success(let output): commit = output.trimmingCharacters(in: .whitespacesAndNewlines)
        case .failure: throw fail("unknown revision '\(revision)' in the repository \(top)")
        }
        let shortCommit = String(commit.prefix(12))
        guard case .success(let kind) = Git.run(["cat-file", "-t", "\(commit):\(instrumentsPath)"], in: top),
              kind.trimmingCharacters(in: .whitespacesAndNewlines) == "tree" else {
            throw fail("the revision (commit \(shortCommit)) has no \(instrumentsPath.isEmpty ? "" : instrumentsPath + "/") folder")
        }
        var paths = [instrumentsPath.isEmpty ? "." : instrumentsPath]
        if case .success(let kind) = Git.run(["cat-file", "-t", "\(commit):\(pluginsPath)"], in: top),
           kind.trimmingCharacters(in: .whitespacesAndNewlines) == "tree", !pluginsPath.isEmpty {
            paths.append(pluginsPath)
        }
        let storage: TemporaryFolder
        do {
            storage = try TemporaryFolder()
        } catch {
            throw fail("cannot create a temporary folder: \(error.localizedDescription)")
        }
        let archive = storage.url.appendingPathComponent("edition.tar")
        let tree = storage.url.appendingPathComponent("tree")
        do {
            try manager.createDirectory(at: tree, withIntermediateDirectories: true)
        } catch {
            throw fail("cannot create a temporary folder: \(error.localizedDescription)")
        }
        if case .failure(let error) = Git.run(["archive", "--format=tar", "-o", archive.path, commit, "--"] + paths, in: top) {
            throw fail("git archive failed: \(error)")
        }
        if case .failure(let error) = Git.run(["-xf", archive.path, "-C", tree.path], in: top, tool: "tar") {
            throw fail("cannot unpack the revision: \(error)")
        }
        try? manager.removeItem(at: archive)
        return Edition(name: name, instruments: tree.appendingPathComponent(instrumentsPath),
                       plugins: tree.appendingPathComponent(pluginsPath),
                       instrumentsDisplay: instrumentsPath.isEmpty ? "." : instrumentsPath,
                       pluginsDisplay: pluginsPath, commit: commit, storage: storage)
    }

    /// `url`'s path inside `top` ("" for `top` itself), through symbolic links of the folders
    /// that exist; `nil` when outside.
    static func relative(_ url: URL, to top: URL) -> String? {
        var existing = url
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        let resolved = (existing.resolvingSymlinksInPath().pathComponents + missing)
        let base = top.pathComponents
        guard resolved.count >= base.count, Array(resolved.prefix(base.count)) == base else { return nil }
        return resolved.dropFirst(base.count).joined(separator: "/")
    }
}

/// Runs git (or another tool) and returns its standard output.
enum Git {
    enum Failure: Error, CustomStringConvertible {
        case cannotRun(String)
        case failed(status: Int32, message: String)

        var description: String {
            switch self {
            case .cannotRun(let reason): reason
            case .failed(let status, let message): message.isEmpty ? "exit status \(status)" : message
            }
        }
    }

    static func run(_ arguments: [String], in directory: String, tool: String = "git") -> Result<String, Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"   // never refresh the index as a side effect
        environment["LC_ALL"] = "C"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(.cannotRun(error.localizedDescription))
        }
        // standard error is small; read both without letting either pipe fill up
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self)
                .split(separator: "\n").first.map(String.init) ?? ""
            return .failure(.failed(status: process.terminationStatus, message: message))
        }
        return .success(String(decoding: outputData, as: UTF8.self))
    }
}

extension URL {
    /// The path relative to the current folder when inside it.
    var relativeDisplay: String {
        let current = FileManager.default.currentDirectoryPath
        let path = standardizedFileURL.path
        if path == current { return "." }
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }
}
