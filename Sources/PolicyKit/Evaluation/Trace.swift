/// How a result was obtained: ordered steps from the input values, through the rules'
/// computations, to the decisions of each field, each with its origin.
///
/// The last step that sets a field says who decided it (``decider(of:)``): the standard rules
/// or a line of the plugin. Whatever sets a field the standard rules had set is an
/// ``TraceStep/Kind/override`` step that names both.
public struct Trace: Sendable, Hashable, Codable {
    /// The steps, in the order they were taken.
    public var steps: [TraceStep]

    /// Creates a trace.
    public init(_ steps: [TraceStep] = []) {
        self.steps = steps
    }

    /// Appends a step.
    package mutating func append(_ step: TraceStep) { steps.append(step) }

    /// Appends a step made of its parts.
    package mutating func append(
        _ kind: TraceStep.Kind, _ origin: TraceOrigin, _ text: String, numbers: [TraceNumber] = [],
        sets: [ResultField] = [], status: EvaluationStatus? = nil, improved: Bool? = nil, supersedes: TraceOrigin? = nil
    ) {
        steps.append(TraceStep(kind, origin, text, numbers: numbers, sets: sets, status: status, improved: improved, supersedes: supersedes))
    }

    /// The last step that sets `field`, if any.
    public func lastStep(setting field: ResultField) -> TraceStep? {
        steps.last { $0.sets.contains(field) }
    }

    /// Who decided `field`: the origin of the last step that sets it.
    public func decider(of field: ResultField) -> TraceOrigin? {
        lastStep(setting: field)?.origin
    }

    /// The status of the last step that decides the status.
    public var decidedStatus: EvaluationStatus? {
        lastStep(setting: .status)?.status
    }

    /// The steps as lines, plugin steps led by their `file:line`.
    public var lines: [String] { steps.map(\.line) }
}

extension Trace {
    /// Appends the steps of a failure: the error where it happened (a finding), then the
    /// decision it makes: status `error`, no progress (and not improved, for an instrument).
    package mutating func appendFailure(_ message: String, at origin: TraceOrigin, improved: Bool = false) {
        append(.finding, origin, message)
        append(.decision, origin, "status: error, the result cannot be used", sets: [.status, .progress], status: .error)
        if improved {
            append(.decision, origin, "improved: no, the result is error", sets: [.improved], improved: false)
        }
    }
}
