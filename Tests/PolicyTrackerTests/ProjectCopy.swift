import Foundation

/// A copy of the shipped project (instruments/ and plugins/) in a temporary folder, for tests that
/// change files; removed when the test ends.
final class ProjectCopy {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pt-copy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["instruments", "plugins"] {
            try FileManager.default.copyItem(at: ToolRunner.repositoryRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` to `path` (relative to the copy), making folders as needed.
    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The text of `path` (relative to the copy).
    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Replaces the first `old` by `new` in `path`; fails when `old` is not there.
    func replace(_ old: String, with new: String, in path: String) throws {
        let text = try read(path)
        guard let range = text.range(of: old) else { throw CocoaError(.fileReadCorruptFile) }
        try write(text.replacingCharacters(in: range, with: new), to: path)
    }

    /// Runs the tool in the copy.
    func run(_ arguments: [String]) throws -> ToolRunner.Output {
        try ToolRunner.run(arguments, in: root)
    }
}
