import Foundation

/// Checks the evidence files an instrument names by `path`: each must be a file inside the
/// instruments folder, and match its `sha256` when one is given. URLs are never fetched.
enum EvidenceFileCheck {
    static func check(_ references: [EvidenceFileReference], in folder: URL, sink: DiagnosticSink) {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        for reference in references {
            let url = folder.appendingPathComponent(reference.path).standardizedFileURL.resolvingSymlinksInPath()
            guard url.path.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                sink.error("the evidence file `\(reference.path)` lies outside the instruments folder", at: reference.pathLocation)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                sink.error("the evidence file `\(reference.path)` does not exist in the instruments folder", at: reference.pathLocation)
                continue
            }
            guard !isDirectory.boolValue else {
                sink.error("the evidence path `\(reference.path)` is a folder, not a file", at: reference.pathLocation)
                continue
            }
            guard let (expected, location) = reference.sha256 else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                sink.error("cannot read the evidence file `\(reference.path)` to check its sha256", at: reference.pathLocation)
                continue
            }
            let actual = EvidenceDigest.sha256([UInt8](data))
            if actual != expected {
                sink.error("`sha256` does not match the evidence file `\(reference.path)`, whose SHA-256 is \(actual)", at: location)
            }
        }
    }
}
