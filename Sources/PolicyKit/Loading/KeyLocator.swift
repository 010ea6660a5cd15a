package import Foundation
internal import Yams

/// Finds where a top-level key's value is in a YAML file, for messages about a file that was
/// read well but whose value does not fit something outside it (a plugin that is not there).
package enum KeyLocator {
    /// The line and column of the value of top-level `key` in the file at `url`, or nil.
    package static func location(ofKey key: String, inFileAt url: URL) -> (line: Int, column: Int)? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let sink = DiagnosticSink(path: url.path)
        guard let composed = YAMLSource.compose(bytes: Array(data), sink: sink), case .mapping(let mapping)? = composed else { return nil }
        for (name, value) in mapping where name.string == key {
            let location = Location(value)
            return (location.line, location.column)
        }
        return nil
    }
}
