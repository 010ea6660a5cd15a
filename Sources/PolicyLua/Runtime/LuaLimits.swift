/// The limits every call into Lua runs under.
///
/// None of them taxes the VM while it is within bounds: the time budget is watched by a separate
/// thread that arms a hook only when a call overruns; the memory budget is a counting allocator;
/// pattern functions count their own steps. Only the optional instruction budget sets a count hook
/// for the whole call (deterministic, but about twice as slow on compute-heavy code).
public struct LuaLimits: Sendable, Equatable {
    /// Wall-clock budget of one call into Lua; exceeding it raises an error that `pcall` cannot swallow.
    public var timeBudget: Duration
    /// Optional budget of VM instructions per call (a count hook; `nil` = no hook).
    public var instructionBudget: Int?
    /// Bytes the state may hold in all; growth past it fails with "not enough memory".
    public var memoryBudget: Int
    /// Steps the string pattern functions may take, together, within one call.
    public var patternSteps: Int
    /// Deepest nesting of tables that crosses between Swift and Lua.
    public var maximumDepth: Int
    /// Worst-case steps below which a pattern call may use Lua's own C matcher (fast, but not
    /// interruptible); above it, the host's step-counting matcher runs. 0 = always the host's.
    public var nativePatternSteps: Int

    /// The defaults: 2 s, no instruction budget, 64 MiB, 5 million pattern steps, depth 64,
    /// Lua's own matcher below 2 million worst-case steps.
    public static let `default` = LuaLimits(
        timeBudget: .seconds(2),
        instructionBudget: nil,
        memoryBudget: 64 << 20,
        patternSteps: 5_000_000,
        maximumDepth: 64,
        nativePatternSteps: 2_000_000
    )

    /// Creates limits; omitted ones take the ``default`` values.
    public init(
        timeBudget: Duration = LuaLimits.default.timeBudget,
        instructionBudget: Int? = nil,
        memoryBudget: Int = LuaLimits.default.memoryBudget,
        patternSteps: Int = LuaLimits.default.patternSteps,
        maximumDepth: Int = LuaLimits.default.maximumDepth,
        nativePatternSteps: Int = LuaLimits.default.nativePatternSteps
    ) {
        self.timeBudget = timeBudget
        self.instructionBudget = instructionBudget
        self.memoryBudget = memoryBudget
        self.patternSteps = patternSteps
        self.maximumDepth = maximumDepth
        self.nativePatternSteps = nativePatternSteps
    }
}
