public import Foundation

/// The pure-Lua modules that `require` may load: none, the files of one folder
/// (`plugins/lib/`), or module texts held in memory (an editor, a server, a test).
///
/// Modules given as texts are compiled in the same sandbox, under the same limits, and their
/// errors are located at their display path (`lib/scoring.lua:12: ...`) as a file's would be.
///
/// ```swift
/// let modules = LuaModules.texts(["scoring": "return { worse = function(a, b) return a end }"])
/// let lua = try LuaRuntime(modules: modules)
/// ```
public struct LuaModules: Sendable, Hashable {
    enum Storage: Sendable, Hashable {
        case none
        case folder(URL, displayFolder: String?)
        case texts([String: Text])
    }

    /// One module held in memory, compiled when given (its cache lives and dies with it).
    struct Text: Sendable, Hashable {
        var source: String
        var displayPath: String
        var compiled: Result<LuaBytecode, LuaError>
    }

    let storage: Storage

    /// No modules: `require` fails with a clear error.
    public static let none = LuaModules(storage: .none)

    /// The modules of `folder` (`a.b` is `folder/a/b.lua`); a module may not lead out of it.
    /// They are shown in messages and traces as `displayFolder/a/b.lua` (default: the folder's
    /// path from the current folder).
    public static func folder(_ folder: URL, displayFolder: String? = nil) -> LuaModules {
        LuaModules(storage: .folder(folder.standardizedFileURL, displayFolder: displayFolder))
    }

    /// Modules given as texts, by module name (`"scoring"`, `"a.b"`); each is shown in messages
    /// as `displayFolder/<name with / for .>.lua`.
    public static func texts(_ modules: [String: String], displayFolder: String = "lib") -> LuaModules {
        var texts: [String: Text] = [:]
        for (name, source) in modules {
            let relative = name.split(separator: ".", omittingEmptySubsequences: false).joined(separator: "/") + ".lua"
            let displayPath = displayFolder.isEmpty ? relative : displayFolder + "/" + relative
            texts[name] = Text(source: source, displayPath: displayPath, compiled: LuaModuleLoader.compile(source, displayPath))
        }
        return LuaModules(storage: .texts(texts))
    }

    /// The folder modules are read from, for `folder(_:)` modules.
    public var folder: URL? {
        if case .folder(let url, _) = storage { return url }
        return nil
    }
}
