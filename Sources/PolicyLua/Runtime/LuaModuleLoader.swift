import Foundation

/// Reads and compiles a pure-Lua module for `require`, from one folder only or from texts.
enum LuaModuleLoader {
    /// The largest module file accepted.
    static let maximumSize = 1 << 20

    /// Modules compiled in this process, by folder and name: every fresh sandbox of a run
    /// requires the same files, which do not change while it runs.
    private static let cache = ModuleCache()

    /// Module `name` of `modules` compiled, with its display path as chunk name, or its syntax
    /// error; throws when there is no such module or it cannot be read.
    static func bytecode(of name: String, from modules: LuaModules) throws -> Result<LuaBytecode, LuaError> {
        switch modules.storage {
        case .none:
            throw LuaError(.refused, "require: no module folder is configured, cannot load '\(name)'")
        case .folder(let directory, let shown):
            return try bytecode(of: name, in: directory, displayPath: shown)
        case .texts(let texts):
            try checkName(name)
            guard let module = texts[name] else {
                throw LuaError(.refused, "require: module '\(name)' not found (modules given: \(texts.keys.sorted().joined(separator: ", ")))")
            }
            guard module.source.utf8.count <= maximumSize else {
                throw LuaError(.refused, "require: module '\(name)' is larger than \(maximumSize) bytes")
            }
            guard module.source.utf8.first != 0x1B else {
                throw LuaError(.refused, "require: module '\(name)' is a binary chunk; only Lua source is allowed")
            }
            return module.compiled
        }
    }

    /// Module `name` (`a.b` is `<folder>/a/b.lua`) compiled, with its display path as chunk
    /// name, or its syntax error; throws when the module cannot be read.
    static func bytecode(of name: String, in directory: URL, displayPath shown: String? = nil) throws -> Result<LuaBytecode, LuaError> {
        let key = directory.path + "\u{0}" + name + "\u{0}" + (shown ?? "")
        if let cached = cache.get(key) { return cached }
        let module = try read(name, in: directory, displayPath: shown)
        return cached(key, module.source, module.displayPath)
    }

    /// `source` compiled under `key` once per process.
    private static func cached(_ key: String, _ source: String, _ displayPath: String) -> Result<LuaBytecode, LuaError> {
        if let cached = cache.get(key) { return cached }
        let compiled = compile(source, displayPath)
        cache.set(key, compiled)
        return compiled
    }

    /// `source` compiled with `displayPath` as chunk name, or its syntax error.
    static func compile(_ source: String, _ displayPath: String) -> Result<LuaBytecode, LuaError> {
        let module = (source: source, displayPath: displayPath)
        let compiled: Result<LuaBytecode, LuaError>
        do {
            compiled = .success(try LuaBytecode.compile(module.source, chunkName: module.displayPath))
        } catch let error as LuaError {
            compiled = .failure(error)
        } catch {
            compiled = .failure(LuaError(.syntax, "\(module.displayPath): \(error)"))
        }
        return compiled
    }

    /// Throws unless `name` is dotted identifiers (`a.b`).
    private static func checkName(_ name: String) throws {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let validPart = { (part: Substring) -> Bool in
            guard let first = part.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
            return part.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        }
        guard !parts.isEmpty, parts.allSatisfy(validPart) else {
            throw LuaError(.refused, "require: invalid module name '\(name)'")
        }
    }

    private static func read(_ name: String, in directory: URL, displayPath shown: String?) throws -> (source: String, displayPath: String) {
        try checkName(name)
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let relative = parts.joined(separator: "/") + ".lua"
        let file = directory.appendingPathComponent(relative).standardizedFileURL
        // Lua keeps at most 60 characters of a chunk name: prefer the path from the current folder,
        // else the folder's own name
        var displayPath = (shown ?? directory.relativeDisplayPath) + "/" + relative
        if displayPath.count > 50 { displayPath = directory.lastPathComponent + "/" + relative }
        // the resolved file must stay inside the folder (no link out of it)
        let root = directory.resolvingSymlinksInPath().path
        let resolved = file.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root + "/") else {
            throw LuaError(.refused, "require: module '\(name)' resolves outside \(displayPath)")
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw LuaError(.refused, "require: module '\(name)' not found (looked for \(displayPath))")
        }
        guard data.count <= maximumSize else {
            throw LuaError(.refused, "require: module '\(name)' is larger than \(maximumSize) bytes")
        }
        guard data.first != 0x1B else {
            throw LuaError(.refused, "require: module '\(name)' is a binary chunk; only Lua source is allowed")
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw LuaError(.refused, "require: module '\(name)' is not UTF-8 text")
        }
        return (source, displayPath)
    }
}

/// A lock-protected dictionary of compiled modules.
private final class ModuleCache: @unchecked Sendable {
    private let lock = NSLock()
    private var modules: [String: Result<LuaBytecode, LuaError>] = [:]

    func get(_ key: String) -> Result<LuaBytecode, LuaError>? {
        lock.lock()
        defer { lock.unlock() }
        return modules[key]
    }

    func set(_ key: String, _ module: Result<LuaBytecode, LuaError>) {
        lock.lock()
        modules[key] = module
        lock.unlock()
    }
}

extension URL {
    /// The path relative to the current directory when inside it, else the full path.
    var relativeDisplayPath: String {
        let current = FileManager.default.currentDirectoryPath
        let path = standardizedFileURL.path
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) }
        return path
    }
}
