/// Which rules evaluated a result: the plugin assigned to the instrument (or none), and which of
/// its hooks ran for this result.
public struct EvaluatedBy: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The plugin file relative to the project folder (`plugins/peloponnese.lua`), `nil` when the
    /// instrument has no plugin (the standard rules alone).
    public var plugin: String?
    /// The hook of the plugin that ran for this result (`indicator`, `action`, `instrument`),
    /// `nil` when the plugin has no such hook (the standard rules judged the result).
    public var hook: String?
    /// `true` when the plugin could not be used at all (it does not load, or breaks its
    /// contract): no hook ran and the result is `error`; absent otherwise.
    public var pluginUnusable: Bool?

    /// Creates the record.
    package init(plugin: String? = nil, hook: String? = nil, pluginUnusable: Bool = false) {
        self.plugin = plugin
        self.hook = hook
        self.pluginUnusable = pluginUnusable ? true : nil
    }

    /// The standard rules alone (no plugin).
    public static let standard = EvaluatedBy()

    /// `standard`, `plugins/x.lua (action hook)`, `plugins/x.lua (no hook: standard rules)` or
    /// `plugins/x.lua (cannot be used)`.
    public var description: String {
        guard let plugin else { return "standard" }
        if pluginUnusable == true { return "\(plugin) (cannot be used)" }
        return hook.map { "\(plugin) (\($0) hook)" } ?? "\(plugin) (no hook: standard rules)"
    }
}

/// Who decided each field of a result: the origin of the last trace step that set it.
public struct FieldDeciders: Sendable, Hashable, Codable {
    /// Who decided the status.
    public var status: TraceOrigin?
    /// Who decided the progress.
    public var progress: TraceOrigin?
    /// Who decided the expected progress.
    public var expected: TraceOrigin?
    /// Who decided whether the instrument is improved (`nil` for items).
    public var improved: TraceOrigin?

    /// The deciders read from a trace.
    package init(_ trace: Trace, improved hasImproved: Bool = false) {
        status = trace.decider(of: .status)
        progress = trace.decider(of: .progress)
        expected = trace.decider(of: .expected)
        improved = hasImproved ? trace.decider(of: .improved) : nil
    }
}
