/// One step of a ``Trace``: where it comes from, what kind of step it is, what it says and the
/// numbers it used; a decision names the fields of the result it sets.
public struct TraceStep: Sendable, Hashable, Codable {
    /// What a step does.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An input value, from the instrument file (baseline, target, a reported value, an update).
        case input
        /// A number computed from earlier steps.
        case computation
        /// A field of the result decided (status, progress, expected, improved).
        case decision
        /// A plugin replaced a field the standard rules had decided.
        case override
        /// Something noticed on the way (a plugin's error, a contract violation).
        case finding
    }

    /// Input, computation, decision, override or finding.
    public var kind: Kind
    /// Where the step comes from.
    public var origin: TraceOrigin
    /// What the step says, one line.
    public var text: String
    /// The numbers it used or produced, named.
    public var numbers: [TraceNumber]
    /// The fields of the result this step sets (decisions and overrides; a computation may set
    /// `progress` or `expected`).
    public var sets: [ResultField]
    /// The status it decides, for a step that sets `status`.
    public var status: EvaluationStatus?
    /// Whether the instrument is improved, for a step that sets `improved`.
    public var improved: Bool?
    /// For an input that is a correction: the entry it superseded.
    public var supersedes: TraceOrigin?

    /// Creates a step.
    package init(
        _ kind: Kind, _ origin: TraceOrigin, _ text: String, numbers: [TraceNumber] = [], sets: [ResultField] = [],
        status: EvaluationStatus? = nil, improved: Bool? = nil, supersedes: TraceOrigin? = nil
    ) {
        self.kind = kind
        self.origin = origin
        self.text = text
        self.numbers = numbers
        self.sets = sets
        self.status = status
        self.improved = improved
        self.supersedes = supersedes
    }

    /// The number named `name`, if the step has one.
    public func number(_ name: String) -> Double? {
        numbers.first { $0.name == name }?.value
    }

    /// The step as one line: plugin steps lead with their `file:line`.
    public var line: String {
        origin.isPlugin ? "\(origin): \(text)" : text
    }

    enum CodingKeys: String, CodingKey {
        case kind, origin, text, numbers, sets, status, improved, supersedes
    }
}

/// A field of a result that a rule decides.
public enum ResultField: String, Sendable, Hashable, Codable, CaseIterable {
    /// The status.
    case status
    /// The progress.
    case progress
    /// The expected progress.
    case expected
    /// Whether the instrument is improved (instruments only).
    case improved
}
