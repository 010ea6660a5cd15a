/// Evaluates a whole project with the standard rules alone (no plugins).
///
/// Apps that link PolicyKit without PolicyLua use it directly; the Lua evaluator falls back to
/// the same ``StandardRules`` for instruments without a plugin.
public enum StandardEvaluator {
    /// Evaluates every instrument of `project` at `dates` with ``StandardRules``, in project
    /// order (lead partner first).
    public static func evaluate(_ project: Project, dates: EvaluationDates) -> ProjectEvaluation {
        ProjectEvaluation(
            dates: dates,
            instruments: project.instruments.map {
                StandardRules.evaluate(instrument: $0, project: project, dates: dates)
            })
    }
}
