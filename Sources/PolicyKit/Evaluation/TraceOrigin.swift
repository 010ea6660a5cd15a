/// Where a step of a trace comes from: a standard rule (with the named thresholds it compared),
/// a line of a region's plugin, or the entry of an instrument file that holds an input value.
public struct TraceOrigin: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of origin it is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A standard rule of ``StandardRules``.
        case standard
        /// A region's Lua plugin.
        case plugin
        /// An entry of an instrument file (an input value).
        case file
    }

    /// Standard rule, plugin or file.
    public var kind: Kind
    /// For a standard rule, its name (`indicator-status`, `roll-up-progress`).
    public var rule: String?
    /// For a standard rule, the named thresholds it compared (`onTrackGap` 0.10).
    public var thresholds: [TraceNumber]
    /// For a plugin or a file: the path relative to the project folder (`plugins/peloponnese.lua`).
    public var file: String?
    /// For a plugin or a file: the line (1 first), when known.
    public var line: Int?

    /// Creates an origin.
    package init(kind: Kind, rule: String? = nil, thresholds: [TraceNumber] = [], file: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.rule = rule
        self.thresholds = thresholds
        self.file = file
        self.line = line
    }

    /// A standard rule, by name, with the thresholds it compared.
    package static func standard(_ rule: String, thresholds: [TraceNumber] = []) -> TraceOrigin {
        TraceOrigin(kind: .standard, rule: rule, thresholds: thresholds)
    }

    /// A line of a plugin (`nil` when the line cannot be known).
    package static func plugin(_ file: String?, line: Int?) -> TraceOrigin {
        TraceOrigin(kind: .plugin, file: file, line: line)
    }

    /// The entry of an instrument file at `line`.
    package static func file(_ file: String?, line: Int?) -> TraceOrigin {
        TraceOrigin(kind: .file, file: file, line: line)
    }

    /// Whether the origin is a plugin.
    public var isPlugin: Bool { kind == .plugin }

    /// `file:line` (or the file alone) for a plugin or a file; for a rule, `standard rule NAME`
    /// with its thresholds (`standard rule indicator-status (onTrackGap 0.10, atRiskGap 0.25)`).
    public var description: String {
        switch kind {
        case .standard:
            let name = "standard rule \(rule ?? "?")"
            guard !thresholds.isEmpty else { return name }
            return name + " (" + thresholds.map { "\($0.name) \($0.value == $0.value.rounded() ? RuleText.number($0.value) : RuleText.fixed($0.value))" }.joined(separator: ", ") + ")"
        case .plugin, .file:
            let path = file ?? (kind == .plugin ? "the plugin" : "the instrument file")
            return line.map { "\(path):\($0)" } ?? path
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, rule, thresholds, file, line
    }
}

/// A named number of a trace step: an input value, a computed number or a threshold.
public struct TraceNumber: Sendable, Hashable, Codable {
    /// What the number is (`progress`, `expected`, `gap`, `onTrackGap`, `value`).
    public var name: String
    /// The number, unrounded.
    public var value: Double

    /// Creates a named number.
    package init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}
