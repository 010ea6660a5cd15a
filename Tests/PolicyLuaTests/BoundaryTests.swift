import Foundation
import Testing
@testable import PolicyLua

/// The defects of issue 11 at the Lua boundary: each test failed (or crashed, or hung) before
/// the boundary type, the C target and the signal-based time budget.
@Suite("The Lua boundary")
struct BoundaryTests {
    private static let limits = LuaLimits(timeBudget: .seconds(20), memoryBudget: 8 << 20, patternSteps: 200_000)

    private func failure(_ lua: LuaRuntime, _ source: String, chunk: String = "b.lua") -> LuaError? {
        do {
            try lua.run(source, chunkName: chunk)
            return nil
        } catch {
            return error as? LuaError
        }
    }

    /// Registry growth (references kept from Swift), loads, arguments and a host function's
    /// results with the state 0...600 bytes below its budget: every outcome is a value or a
    /// contained memory error, never an abort; the state stays usable once the budget is back.
    @Test func registryGrowthAndHostPushesAtTheEdgeOfTheMemoryBudget() throws {
        for headroom in 0..<600 {
            let lua = try LuaRuntime(limits: Self.limits)
            try lua.install(LuaHostLibrary(functions: [
                "many": { _ in (1...40).map { LuaValue.string("result number \($0) of a host function") } },
            ]), as: "host")
            let function = try lua.load("local t = ... return #t", chunkName: "edge.lua")
            lua.setMemoryLimitForTesting(lua.memoryInUse + headroom)
            var kept: [LuaReference] = []
            var outcomes = 0
            for round in 0..<40 {
                do {
                    kept.append(try lua.keep(.record(["round": .int(round), "text": .string("a kept value, round \(round)")])))
                    _ = try lua.load("return \(round)", chunkName: "chunk\(round).lua")
                    _ = try lua.call(function, [.array([.int(round), .string("argument")])])
                    _ = try lua.run("return host.many()", chunkName: "many.lua")
                    outcomes += 1
                } catch let error as LuaError {
                    #expect(error.kind == .memory, "headroom \(headroom): \(error)")
                    outcomes += 1
                }
            }
            #expect(outcomes == 40)
            kept.removeAll()
            lua.setMemoryLimitForTesting(8 << 20)
            #expect(try lua.run("return 6 * 7", chunkName: "after.lua") == [.int(42)])
        }
    }

    /// An allocation that fails outside any call into Lua reaches the panic handler, which jumps
    /// back to the host's guard: a contained error, the state refused from then on, no abort.
    @Test func thePanicHandlerContainsAnErrorOutsideAnyProtectedCall() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        lua.failNextAllocation()
        #expect(throws: LuaError.self) { _ = try lua.keep(.record(["x": .string("a string that must be allocated")])) }
        let after = failure(lua, "return 1")
        #expect(after?.kind == .memory)
        #expect(after?.message == "the Lua state can no longer be used: an allocation failed where Lua could not report it (the host stopped it)")
        // another state is not touched
        #expect(try LuaRuntime(limits: Self.limits).run("return 1", chunkName: "other.lua") == [.int(1)])
    }

    /// Inside a host function an allocation that fails would jump to the pcall across the Swift
    /// frames: it runs protected and becomes that function's error instead.
    @Test func anAllocationFailingInsideAHostFunctionIsItsError() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        try lua.install(LuaHostLibrary(functions: [
            "table": { [unowned lua] _ in
                lua.failNextAllocation()
                return [.record(["a": .string("value that needs memory"), "b": .array([1, 2, 3])])]
            },
        ]), as: "host")
        let error = failure(lua, "local t = host.table()")
        #expect(error?.kind == .memory)
        #expect(error?.message == "b.lua:1: not enough memory for the values the host passes to Lua")
        #expect(try lua.run("return pcall(host.table)", chunkName: "p.lua").first == .bool(false))
        #expect(try lua.run("return 2", chunkName: "after.lua") == [.int(2)])
    }

    /// More results or arguments than the Lua stack can take: refused with an error (release
    /// builds of liblua do not check pushes; they wrote past the stack).
    @Test func lua_checkstackRefusalsAreErrors() throws {
        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .seconds(20), memoryBudget: 512 << 20))
        let count = 1_100_000
        try lua.install(LuaHostLibrary(functions: [
            "flood": { _ in Array(repeating: LuaValue.int(1), count: count) },
        ]), as: "host")
        let flood = failure(lua, "return host.flood()")
        #expect(flood?.kind == .memory)
        #expect(flood?.message == "b.lua:1: no room on the Lua stack for \(count + 4) more values")
        let function = try lua.load("return select('#', ...)", chunkName: "n.lua")
        #expect {
            try lua.call(function, Array(repeating: .int(1), count: count))
        } throws: { error in
            (error as? LuaError)?.message == "no room on the Lua stack for \(count + 4) more values"
        }
        #expect(try lua.call(function, Array(repeating: .int(1), count: 1_000)) == [.int(1_000)])
    }

    /// A plugin's own error with the text of a host error is the plugin's runtime error; a host
    /// function's marshalling error is a marshalling error: kinds come from where the error
    /// was raised, never from its text.
    @Test func errorKindsAreRecordedWhereTheErrorIsRaised() throws {
        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .seconds(20), memoryBudget: 8 << 20, patternSteps: 1_000))
        try lua.install(LuaHostLibrary(functions: [
            "echo": { arguments in try arguments.all() },
            "refuse": { _ in throw LuaError(.refused, "not here") },
        ]), as: "host")
        #expect(failure(lua, "error('string pattern too complex')")?.kind == .runtime)
        #expect(failure(lua, "error('time budget exceeded')")?.kind == .runtime)
        #expect(failure(lua, "error('instruction budget exceeded')")?.kind == .runtime)
        #expect(failure(lua, "error('not enough memory')")?.kind == .runtime)
        #expect(failure(lua, "host.echo(function() end)")?.kind == .marshalling)
        #expect(failure(lua, "host.refuse()")?.kind == .refused)
        let pattern = "return string.find(('a'):rep(40), ('a?'):rep(40) .. ('a'):rep(40))"
        #expect(failure(lua, pattern)?.kind == .patternBudget)
        // caught and replaced by the script's own error: the script's error
        #expect(failure(lua, "local ok = pcall(string.find, ('a'):rep(40), ('a?'):rep(40) .. ('a'):rep(40)) error('mine')")?.kind == .runtime)
        // caught and raised again as it was: still the pattern budget
        #expect(failure(lua, "local ok, e = pcall(string.find, ('a'):rep(40), ('a?'):rep(40) .. ('a'):rep(40)) error(e, 0)")?.kind == .patternBudget)
    }

    /// A trip meant for one call never lands in the next one as an instruction budget error.
    @Test func aTimeTripIsNeverReportedAsAnInstructionBudget() throws {
        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .milliseconds(20), memoryBudget: 8 << 20))
        for _ in 0..<5 {
            let error = failure(lua, "while true do end")
            #expect(error?.kind == .timeBudget)
            #expect(error?.message.contains("budget: 0 instructions") == false)
            #expect(try lua.run("local n = 0 for i = 1, 1000 do n = n + i end return n", chunkName: "next.lua") == [.int(500_500)])
        }
    }

    /// A host function that calls back into Lua does not take the outer call's time budget away.
    @Test func nestedCallsKeepTheOuterTimeBudget() throws {
        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .milliseconds(100), memoryBudget: 8 << 20))
        let inner = try lua.load("return 1", chunkName: "inner.lua")
        try lua.install(LuaHostLibrary(functions: [
            "callback": { [unowned lua] _ in try lua.call(inner, []) },
        ]), as: "host")
        let start = ContinuousClock.now
        let error = failure(lua, "host.callback() while true do end", chunk: "outer.lua")
        #expect(error?.kind == .timeBudget)
        #expect(error?.message.hasPrefix("outer.lua:1: time budget exceeded") == true)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    /// `run` releases its chunk: the registry does not grow over 10,000 runs, nor with kept
    /// values that are let go, nor with functions read from a returned table.
    @Test func runLeaksNothing() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        func round(_ index: Int) throws {
            try lua.run("return \(index % 7)", chunkName: "run.lua")
            _ = try lua.keep(.record(["i": .int(index)]))
            let chunk = try lua.load("return { f = function() return 1 end, n = 2 }", chunkName: "t.lua")
            _ = try lua.runReturningTable(chunk)
        }
        try expectNoRegistryGrowth(in: lua, rounds: 10_000, round)
    }

    /// The state's small blocks (up to 256 bytes, by size class) and malloc's larger ones: strings
    /// of every length up to 700 bytes, an array and a hash part grown through every class and
    /// past them and shrunk again (blocks moved between the two kinds), reused round after round,
    /// keep their contents; and the bytes counted after the last round are those after the first.
    @Test func blocksOfEverySizeKeepTheirContentsAsTheyGrowAndShrink() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let churn = try lua.load("""
            local parts = {}
            for n = 1, 700 do parts[n] = string.rep(string.char(65 + n % 26), n) end
            local t = {}
            for n = 1, 700 do t[n] = n * 3 end
            for n = 700, 2, -1 do t[n] = nil end
            local h = {}
            for n = 1, 300 do h["k" .. n] = n end
            for n = 1, 300 do h["k" .. n] = nil end
            for n = 1, 50 do h["x" .. n] = n end
            for n = 1, 700 do
              local s = parts[n]
              if #s ~= n or s:byte(1) ~= 65 + n % 26 or s:byte(n) ~= 65 + n % 26 then return "string " .. n end
            end
            local sum = 0
            for n = 1, 50 do sum = sum + h["x" .. n] end
            if sum ~= 1275 or t[1] ~= 3 then return "tables" end
            return "ok"
            """, chunkName: "churn.lua")
        var inUse: [Int] = []
        for _ in 0..<30 {
            #expect(try lua.call(churn, []) == [.string("ok")])
            _ = try lua.run("collectgarbage() collectgarbage()", chunkName: "gc.lua")
            inUse.append(lua.memoryInUse)
        }
        #expect(inUse.last! <= inUse.first!)
    }
}

/// Thousands of short calls with a tiny time budget on 2 threads at once, some ending just as
/// the budget runs out: every failure is a time-budget error of that call (run under
/// ThreadSanitizer by `make tsan`).
@Suite("Time budget stress")
struct TimeBudgetStressTests {
    @Test func shortCallsOnTwoThreadsGiveOnlyCorrectClassifications() async throws {
        // the watchdog looks every millisecond (from the default 5): more trips, and more of
        // them as calls end
        LuaState.setWatchdogTick(.milliseconds(1))
        defer { LuaState.setWatchdogTick(.milliseconds(5)) }
        let results = await withTaskGroup(of: (calls: Int, trips: Int, wrong: [String]).self) { group in
            for worker in 0..<2 {
                group.addTask {
                    var calls = 0, trips = 0
                    var wrong: [String] = []
                    do {
                        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .microseconds(300), memoryBudget: 8 << 20))
                        // it allocates now and then, so that ThreadSanitizer (which delivers a
                        // signal at the next intercepted call, such as malloc) sees trips too
                        let function = try lua.load("local n = ... local s = 0 for i = 1, n do s = s + i if i % 128 == 0 then local _ = { i } end end return s", chunkName: "w\(worker).lua")
                        for index in 0..<3_000 {
                            // from a few hundred instructions to well past the budget
                            let n = [10, 1_000, 20_000, 60_000, 400_000][index % 5]
                            calls += 1
                            do {
                                let result = try lua.call(function, [.int(n)])
                                if result != [.int(n * (n + 1) / 2)] { wrong.append("call \(index): \(result)") }
                            } catch let error as LuaError where error.kind == .timeBudget {
                                trips += 1
                                if !error.message.hasPrefix("w\(worker).lua:1: time budget exceeded") { wrong.append(error.message) }
                            } catch {
                                wrong.append("call \(index): \(error)")
                            }
                        }
                    } catch {
                        wrong.append("set-up: \(error)")
                    }
                    return (calls, trips, wrong)
                }
            }
            var all: [(calls: Int, trips: Int, wrong: [String])] = []
            for await result in group { all.append(result) }
            return all
        }
        for result in results {
            #expect(result.calls == 3_000)
            #expect(result.wrong.isEmpty, "\(result.wrong.prefix(5))")
            // both outcomes happen: the suite is not vacuous
            #expect(result.trips > 0 && result.trips < result.calls, "\(result.trips) trips in \(result.calls) calls")
        }
    }
}
