import Foundation
import Testing
@testable import PolicyLua

/// The fast public call (issue 15, deliverable 4): a function a chunk returns, held and called
/// from Swift with tables written field by field and results read by key, under every limit.
@Suite("Public calls")
struct PublicCallTests {
    private static let limits = LuaLimits(timeBudget: .seconds(20), memoryBudget: 8 << 20, patternSteps: 200_000)

    private static let rule = """
        return function(indicator, period)
          local span = indicator.target - indicator.baseline
          local progress = (indicator.value - indicator.baseline) / span
          return { status = progress >= 0.5 and "on-track" or "at-risk", progress = progress,
                   period = period, id = indicator.id, tags = { "a", "b" } }
        end
        """

    /// Writes an indicator record with `value`.
    private static func indicator(_ arguments: inout LuaValuesWriter, value: Double, id: String = "I1") {
        arguments.appendRecord(capacity: 4) { indicator in
            indicator.set("id", id)
            indicator.set("value", value)
            indicator.set("baseline", 0)
            indicator.set("target", 100)
        }
    }

    @Test func aHeldFunctionIsCalledManyTimesAndItsResultsReadByKey() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let rule = try lua.loadFunction(Self.rule, chunkName: "rule.lua")
        for index in 0..<2_000 {
            let value = Double(index % 100)
            let read = try lua.call(rule, arguments: { arguments in
                Self.indicator(&arguments, value: value, id: "I\(index)")
                arguments.append("P6")
            }, results: { results in
                #expect(results.count == 1)
                #expect(results.type(0) == .table)
                return try results.table(0) { result in
                    (result.string("status"), result.number("progress"), result.string("period"), result.string("id"),
                     result.type("missing"), result.string("progress"), try result.table("tags") { tags in [tags.count, tags.string(at: 2)?.count ?? 0] })
                }
            })
            let (status, progress, period, id, missing, progressAsString, tags) = try #require(read)
            #expect(status == (value >= 50 ? "on-track" : "at-risk"))
            #expect(progress == value / 100)
            #expect(period == "P6")
            #expect(id == "I\(index)")
            #expect(missing == .nil)
            #expect(progressAsString == nil) // numbers are not converted to strings
            #expect(tags == [2, 1])
        }
    }

    @Test func valuesOfEveryKindCrossBothWays() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let echo = try lua.loadFunction("return function(...) return ... end", chunkName: "echo.lua")
        let values = try lua.call(echo, arguments: { arguments in
            arguments.append(1)
            arguments.append(2.5)
            arguments.append(true)
            arguments.appendNil()
            arguments.append("text")
            arguments.append(LuaValue.record(["a": .array([1, 2])]))
            arguments.appendArray(capacity: 3) { array in
                array.append("x")
                array.appendRecord { record in record.set("deep", false) }
                array.append(3)
            }
        }, results: { results in
            (try results.all(), results.integer(0), results.integer(1), results.number(0), results.bool(2), results.isNil(3), results.string(4), results.string(0))
        })
        #expect(values.0 == [1, 2.5, true, nil, "text", ["a": [1, 2]], ["x", ["deep": false], 3]])
        #expect(values.1 == 1)
        #expect(values.2 == nil) // 2.5 has no integer value
        #expect(values.3 == 1.0)
        #expect(values.4 == true)
        #expect(values.5)
        #expect(values.6 == "text")
        #expect(values.7 == nil)
    }

    @Test func aChunkHandsAFunctionBackAndTablesAreKept() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let chunk = try lua.load("return { double = function(x) return 2 * x end, n = 3 }", chunkName: "m.lua")
        let (double, table) = try lua.call(chunk) { results in
            (try results.table(0) { try $0.function("double") }, try results.keptTable(0))
        }
        let function = try #require(double ?? nil)
        let kept = try #require(table)
        #expect(try lua.call(function, arguments: { $0.append(21) }, results: { $0.integer(0) }) == 42)
        // a kept table goes back in as it is, and is read in place
        let count = try lua.loadFunction("return function(t) return t.n end", chunkName: "n.lua")
        #expect(try lua.call(count, arguments: { $0.append(kept) }, results: { $0.integer(0) }) == 3)
        #expect(try lua.read(kept) { try $0.value("n") } == 3)
        #expect(try lua.read(kept) { $0.type("double") } == .function)
    }

    @Test func loadFunctionRefusesAChunkThatReturnsNoFunction() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        #expect(throws: LuaError(.runtime, "n.lua: the chunk returns a number, not a function")) {
            try lua.loadFunction("return 1", chunkName: "n.lua")
        }
        #expect(throws: LuaError(.runtime, "e.lua: the chunk returns nothing, not a function")) {
            try lua.loadFunction("local x = 1", chunkName: "e.lua")
        }
        let syntax = #expect(throws: LuaError.self) { try lua.loadFunction("return function(", chunkName: "s.lua") }
        #expect(syntax?.kind == .syntax)
        #expect(syntax?.message.hasPrefix("s.lua:1:") == true)
    }

    @Test func aKeptTableIsRefilledPerCall() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let rule = try lua.loadFunction("return function(t) return t.value, t.note, t.id end", chunkName: "r.lua")
        let table = try lua.makeTable(capacity: 4)
        for index in 0..<500 {
            let (value, note, id) = try lua.call(rule, arguments: { arguments in
                arguments.append(table) { fields in
                    fields.set("value", index)
                    if index % 2 == 0 { fields.set("note", "even") } else { fields.setNil("note") }
                    if index == 0 { fields.set("id", "kept") }
                }
            }, results: { ($0.integer(0), $0.string(1), $0.string(2)) })
            #expect(value == index)
            #expect(note == (index % 2 == 0 ? "even" : nil))
            #expect(id == "kept") // fields not written keep their values
        }
        #expect(try lua.read(table) { try $0.value() } == ["value": 499, "id": "kept"])
    }

    @Test func manyCallsLeakNothingInTheRegistry() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let rule = try lua.loadFunction(Self.rule, chunkName: "rule.lua")
        func round(_ index: Int) throws {
            _ = try lua.call(rule, arguments: { Self.indicator(&$0, value: Double(index % 100)) }, results: { results in
                try results.table(0) { result in result.string("status") }
            })
            // kept functions and tables let go again
            _ = try lua.loadFunction("return function() return \(index % 5) end", chunkName: "f.lua")
            _ = try lua.call(rule, arguments: { Self.indicator(&$0, value: 1) }, results: { try $0.keptTable(0) })
            _ = try lua.makeTable()
        }
        try expectNoRegistryGrowth(in: lua, rounds: 5_000, round)
    }

    @Test func theTimeBudgetHoldsOnTheNewPath() throws {
        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .milliseconds(200), memoryBudget: 8 << 20))
        let loop = try lua.loadFunction("return function(t) while t.go do end end", chunkName: "loop.lua")
        let start = ContinuousClock.now
        let error = #expect(throws: LuaError.self) {
            try lua.call(loop, arguments: { $0.appendRecord { $0.set("go", true) } }, results: { $0.count })
        }
        #expect(error?.kind == .timeBudget)
        #expect(error?.message.hasPrefix("loop.lua:1: time budget exceeded") == true)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try lua.call(loop, arguments: { $0.appendRecord { $0.set("go", false) } }, results: { $0.count }) == 0)
    }

    @Test func theInstructionBudgetHoldsOnTheNewPath() throws {
        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .seconds(10), instructionBudget: 100_000))
        let loop = try lua.loadFunction("return function(t)\n  local n = 0\n  while t.go do n = n + 1 end\nend", chunkName: "count.lua")
        let error = #expect(throws: LuaError.self) {
            try lua.call(loop, arguments: { $0.appendRecord { $0.set("go", true) } }, results: { $0.count })
        }
        #expect(error?.kind == .instructionBudget)
        #expect(error?.message.hasPrefix("count.lua:3: instruction budget exceeded") == true)
        // the next call has its whole budget again
        #expect(try lua.call(loop, arguments: { $0.appendRecord { $0.set("go", false) } }, results: { $0.count }) == 0)
    }

    @Test func theMemoryBudgetHoldsOnTheNewPath() throws {
        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .seconds(20), memoryBudget: 4 << 20))
        let grow = try lua.loadFunction("return function(t) local s = t.seed while true do s = s .. s end end", chunkName: "grow.lua")
        let error = #expect(throws: LuaError.self) {
            try lua.call(grow, arguments: { $0.appendRecord { $0.set("seed", "x") } }, results: { $0.count })
        }
        #expect(error?.kind == .memory)
        #expect(error?.message.contains("not enough memory") == true)
        // arguments larger than the budget are refused before the function runs
        let ran = try lua.loadFunction("return function() return 'ran' end", chunkName: "ran.lua")
        let big = String(repeating: "y", count: 1 << 20)
        let refused = #expect(throws: LuaError.self) {
            try lua.call(ran, arguments: { arguments in for index in 0..<6 { arguments.append(big + String(index)) } }, results: { $0.string(0) })
        }
        #expect(refused == LuaError(.memory, "not enough memory: the arguments exceed the memory budget of \(4 << 20) bytes"))
        #expect(try lua.call(ran, results: { $0.string(0) }) == "ran")
    }

    @Test func errorsAreLocatedAndTyped() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let rule = try lua.loadFunction("return function(t)\n  return t.value + nil\nend", chunkName: "bad.lua")
        let error = #expect(throws: LuaError.self) {
            try lua.call(rule, arguments: { $0.appendRecord { $0.set("value", 1) } }, results: { $0.count })
        }
        #expect(error?.kind == .runtime)
        #expect(error?.message == "bad.lua:2: attempt to perform arithmetic on a nil value")
        // values that cannot cross: nothing runs, the kind says why
        let nan = #expect(throws: LuaError.self) {
            try lua.call(rule, arguments: { $0.appendRecord { $0.set("value", Double.nan) } }, results: { $0.count })
        }
        #expect(nan == LuaError(.marshalling, "cannot pass NaN to Lua where a number is required (field 'value')"))
        let deep = #expect(throws: LuaError.self) {
            try lua.call(rule, arguments: { arguments in
                func nest(_ writer: inout LuaRecordWriter, _ level: Int) { writer.setRecord("inner") { if level < 100 { nest(&$0, level + 1) } } }
                arguments.appendRecord { nest(&$0, 0) }
            }, results: { $0.count })
        }
        #expect(deep?.kind == .marshalling)
        #expect(deep?.message.hasPrefix("cannot pass a value nested deeper than") == true)
        let other = try LuaRuntime(limits: Self.limits)
        let foreign = try other.makeTable()
        let mixed = #expect(throws: LuaError.self) {
            try lua.call(rule, arguments: { $0.append(foreign) }, results: { $0.count })
        }
        #expect(mixed == LuaError(.marshalling, "a LuaTable belongs to the runtime that made it"))
        // a Swift error thrown while writing or reading passes through; the runtime stays usable
        struct Stop: Error {}
        #expect(throws: Stop.self) { try lua.call(rule, arguments: { _ in throw Stop() }, results: { $0.count }) }
        #expect(throws: Stop.self) { try lua.call(try lua.loadFunction("return function() return 1 end", chunkName: "one.lua"), results: { _ in throw Stop() }) }
        #expect(try lua.call(try lua.loadFunction("return function(t) return t.v end", chunkName: "v.lua"), arguments: { $0.appendRecord { $0.set("v", 7) } }, results: { $0.integer(0) }) == 7)
    }

    @Test func hostFunctionsReadTheirArgumentsInPlace() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        try lua.install(LuaHostLibrary(functions: [
            "describe": { arguments in
                let name = try arguments.table(0) { item in item.string("name") } ?? nil
                return [.string("\(name ?? "?") x\(arguments.integer(1) ?? 0) of \(arguments.count)")]
            },
        ]), as: "host")
        #expect(try lua.run("return host.describe({ name = 'n', other = function() end }, 3)", chunkName: "h.lua") == ["n x3 of 2"])
    }

    /// A host function that calls back into Lua through the public call (writers and readers
    /// inside a running call take the protected path of the C side) under the outer call's budget.
    @Test func aHostFunctionCallsBackThroughThePublicCall() throws {
        let lua = try LuaRuntime(limits: LuaLimits(timeBudget: .milliseconds(300), memoryBudget: 8 << 20))
        let scale = try lua.loadFunction("return function(t) if t.spin then while true do end end return { scaled = t.value * t.factor } end", chunkName: "scale.lua")
        try lua.install(LuaHostLibrary(functions: [
            "scale": { [unowned lua] arguments in
                let value = arguments.number(0) ?? 0
                let spin = arguments.bool(1) ?? false
                let scaled = try lua.call(scale, arguments: { inner in
                    inner.appendRecord { t in
                        t.set("value", value)
                        t.set("factor", 3)
                        t.set("spin", spin)
                        t.setRecord("nested") { $0.setArray("list") { $0.append("x") } }
                    }
                }, results: { results in try results.table(0) { $0.number("scaled") } })
                return [.double((scaled ?? nil) ?? .nan)]
            },
        ]), as: "host")
        #expect(try lua.run("return host.scale(2.5)", chunkName: "outer.lua") == [7.5])
        let start = ContinuousClock.now
        let error = #expect(throws: LuaError.self) { try lua.run("return host.scale(1, true)", chunkName: "outer.lua") }
        #expect(error?.kind == .timeBudget)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try lua.run("return host.scale(1)", chunkName: "outer.lua") == [3.0])
    }
}

/// The examples of the DocC article "Calling Lua from Swift", as written there.
@Suite("Calling Lua from Swift (article)")
struct CallingLuaArticleTests {
    @Test func theRuleExampleRuns() throws {
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
        let lua = try LuaRuntime()
        let rule = try lua.loadFunction("""
            return function(indicator)
              local progress = (indicator.value - indicator.baseline) / (indicator.target - indicator.baseline)
              return { status = progress >= 0.5 and "on-track" or "at-risk", progress = progress }
            end
            """, chunkName: "rule.lua")

        for (id, value) in [("I1", 42.0), ("I2", 71.5)] {
            let (status, progress) = try lua.call(rule, arguments: { arguments in
                arguments.appendRecord(capacity: 4) { indicator in
                    indicator.set("id", id)
                    indicator.set("value", value)
                    indicator.set("baseline", 0)
                    indicator.set("target", 100)
                }
            }, results: { results in
                try results.table(0) { result in (result.string("status"), result.number("progress")) }
            }) ?? (nil, nil)
            print(id, status ?? "?", progress ?? .nan)
        }
        #expect(printed == ["I1 at-risk 0.42", "I2 on-track 0.715"])

        // "Records of a fixed shape": the same calls, the same output
        printed = []
        let indicator = try lua.recordShape(["id", "value", "baseline", "target"])
        let result = try lua.recordShape(["status", "progress"])

        for (id, value) in [("I1", 42.0), ("I2", 71.5)] {
            let (status, progress) = try lua.call(rule, arguments: { arguments in
                arguments.appendRecord(indicator) { fields in
                    fields.append(id)
                    fields.append(value)
                    fields.append(0)
                    fields.append(100)
                }
            }, results: { results in
                try results.table(0) { table in (table.string(result, 0), table.number(result, 1)) }
            }) ?? (nil, nil)
            print(id, status ?? "?", progress ?? .nan)
        }
        #expect(printed == ["I1 at-risk 0.42", "I2 on-track 0.715"])
    }

    @Test func theHostFunctionExampleRuns() throws {
        let lua = try LuaRuntime()
        try lua.install(LuaHostLibrary(functions: [
            "label": { arguments in
                let name = try arguments.table(0) { item in item.string("name") } ?? nil
                return [.string("\(name ?? "?") (\(arguments.count) arguments)")]
            },
        ]), as: "host")
        #expect(try lua.run("return host.label({ name = 'Mazovia' }, 2)", chunkName: "l.lua") == ["Mazovia (2 arguments)"])
        #expect(try lua.run("return host.label('x')", chunkName: "l.lua") == ["? (1 arguments)"])
    }
}
