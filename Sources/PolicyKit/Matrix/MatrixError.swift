/// Why a matrix cannot be built from the arguments given.
public enum MatrixError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The project's calendar has no reporting period.
    case noReportingPeriods
    /// `--period` names no period of the calendar.
    case unknownPeriod(String, known: [String])
    /// `--period` names a period that starts after the evaluation date.
    case periodAfterEvaluationDate(String, asOf: Day)

    /// One line, for the command line.
    public var description: String {
        switch self {
        case .noReportingPeriods:
            "the project has no reporting period: check the calendar in project.yaml"
        case .unknownPeriod(let id, let known):
            "no reporting period \(id); the periods are \(known.joined(separator: ", "))"
        case .periodAfterEvaluationDate(let id, let asOf):
            "period \(id) starts after the evaluation date \(asOf); pass a later --as-of"
        }
    }
}
