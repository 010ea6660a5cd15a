internal import Yams

/// The line of every key and list entry of one YAML file, by key path: `indicators.<id>.values.2`,
/// `actions.<id>.updates.0`, `evidence.<id>.sha256`, `calendar.period_months`. A list entry that is
/// a mapping with an `id` is named by its id, any other by its index (from 0).
package struct SourceMap: Sendable, Hashable {
    /// The file as shown in messages (`instruments/gr-peloponnese-rop.yaml`).
    package var path: String
    /// Lines (from 1) by key path.
    package var lines: [String: Int]

    /// An empty map of `path`.
    package init(path: String, lines: [String: Int] = [:]) {
        self.path = path
        self.lines = lines
    }

    /// The map of a file's bytes (empty when the YAML cannot be read).
    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.lines = [:]
        let sink = DiagnosticSink(path: path)
        guard let composed = YAMLSource.compose(bytes: bytes, sink: sink), let root = composed else { return }
        walk(root, prefix: [])
    }

    /// The line of `keyPath`, or of its nearest recorded ancestor, or 1.
    package func line(_ keyPath: [String]) -> Int {
        var components = keyPath
        while !components.isEmpty {
            if let line = lines[components.joined(separator: ".")] { return line }
            components.removeLast()
        }
        return 1
    }

    private mutating func walk(_ node: Node, prefix: [String]) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { continue }
                let path = prefix + [name]
                lines[path.joined(separator: ".")] = key.mark?.line ?? value.mark?.line ?? 1
                walk(value, prefix: path)
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                var name = String(index)
                if case .mapping(let mapping) = element, let id = mapping["id"]?.scalar?.string { name = id }
                let path = prefix + [name]
                let key = path.joined(separator: ".")
                if lines[key] == nil { lines[key] = element.mark?.line ?? 1 }
                // the index too, for entries without ids (values, updates)
                lines[(prefix + [String(index)]).joined(separator: ".")] = element.mark?.line ?? 1
                walk(element, prefix: path)
            }
        default:
            break
        }
    }
}
