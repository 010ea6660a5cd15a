/// The project row: instruments improved out of all, per column, and the common indicators.
public struct MatrixProjectRow: Sendable, Hashable {
    /// The number of instruments in the matrix, those whose file failed to load included.
    public var instrumentCount: Int
    /// The number of instruments evaluated: all but those whose file failed to load.
    public var evaluatedCount: Int
    /// Per column, how many instruments count as improved (as the rules judge, with evidence).
    public var improved: [Int]
    /// Per column, the number improved as known on the evaluation date when it differs.
    public var improvedLater: [Int?]
    /// The indicators sharing a common code, ordered by code.
    public var commonIndicators: [MatrixCommonIndicator]

    /// Creates a project row.
    init(instrumentCount: Int, evaluatedCount: Int? = nil, improved: [Int], improvedLater: [Int?],
                commonIndicators: [MatrixCommonIndicator]) {
        self.instrumentCount = instrumentCount
        self.evaluatedCount = evaluatedCount ?? instrumentCount
        self.improved = improved
        self.improvedLater = improvedLater
        self.commonIndicators = commonIndicators
    }

    /// Whether some instruments were not evaluated (their file failed to load).
    public var isIncomplete: Bool { evaluatedCount < instrumentCount }
}
