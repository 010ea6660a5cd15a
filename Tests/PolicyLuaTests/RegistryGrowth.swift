import Testing
@testable import PolicyLua

/// Runs `round` 10 times, to bring the registry to its peak in use (freed references stay in it
/// as its free list), then `rounds` times more, and expects the registry to hold as many entries
/// as after the first 10: nothing the rounds keep is left behind.
func expectNoRegistryGrowth(in lua: LuaRuntime, rounds: Int, sourceLocation: SourceLocation = #_sourceLocation,
                            _ round: (Int) throws -> Void) rethrows {
    for index in 0..<10 { try round(index) }
    let before = lua.registryCount
    for index in 0..<rounds { try round(index) }
    #expect(lua.registryCount == before, sourceLocation: sourceLocation)
}
