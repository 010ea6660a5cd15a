import Foundation

/// Where the project's folders are, and how paths are shown: relative to the project folder
/// (the folder that holds instruments/ and plugins/), whatever the current folder.
struct ProjectPaths {
    /// The project folder.
    let root: URL
    /// The folder with project.yaml and the instrument files.
    let instruments: URL
    /// The folder with the plugins.
    let plugins: URL

    /// `project` when given, else the folder that holds `instruments` (the current folder when
    /// neither is given); `instruments` and `plugins` default to the folders of that name in it.
    init(project: String?, instruments: String?, plugins: String?) {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        func url(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: current).standardizedFileURL }
        let root: URL
        if let project {
            root = url(project)
        } else if let instruments {
            root = url(instruments).deletingLastPathComponent()
        } else {
            root = current.standardizedFileURL
        }
        self.root = root
        self.instruments = instruments.map(url) ?? root.appendingPathComponent("instruments")
        self.plugins = plugins.map(url) ?? root.appendingPathComponent("plugins")
    }

    /// `instruments` as shown in messages and outputs.
    var instrumentsShown: String { Self.relative(instruments, to: root) }
    /// `plugins` as shown in messages and outputs.
    var pluginsShown: String { Self.relative(plugins, to: root) }

    /// The path of `url` from `root` (`instruments`, `../shared/plugins`), never absolute.
    static func relative(_ url: URL, to root: URL) -> String {
        let target = url.standardizedFileURL.pathComponents
        let base = root.standardizedFileURL.pathComponents
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
