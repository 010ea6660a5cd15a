import Foundation
import Testing
@testable import PolicyLua

/// Records of a fixed shape (`LuaRecordShape`): keys interned once, a record written as values in
/// the order of its keys and read by the keys' positions, under the same limits and errors as the
/// records written by key.
@Suite("Record shapes")
struct RecordShapeTests {
    private static let limits = LuaLimits(timeBudget: .seconds(20), memoryBudget: 8 << 20, patternSteps: 200_000)

    /// A rule that returns what it was given, and the number of fields of its first argument.
    private static let echo = """
        return function(t)
          local fields = 0
          for _ in pairs(t) do fields = fields + 1 end
          return t, fields
        end
        """

    @Test func aShapedRecordIsTheTableWrittenByKey() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let echo = try lua.loadFunction(Self.echo, chunkName: "echo.lua")
        let shape = try lua.recordShape(["id", "value", "count", "done", "missing", "tags", "owner"])
        #expect(shape.keys == ["id", "value", "count", "done", "missing", "tags", "owner"])
        #expect(shape.index(of: "done") == 3)
        #expect(shape.index(of: "other") == nil)
        let (shaped, shapedFields) = try lua.call(echo, arguments: { arguments in
            arguments.appendRecord(shape) { fields in
                fields.append("IND-1")
                fields.append(42.5)
                fields.append(7)
                fields.append(true)
                fields.appendNil()
                fields.appendArray { $0.append("a"); $0.append("b") }
                fields.appendRecord { $0.set("name", "Peloponnese") }
            }
        }, results: { results in (try results.value(0), results.integer(1)) })
        let (byKey, byKeyFields) = try lua.call(echo, arguments: { arguments in
            arguments.appendRecord { record in
                record.set("id", "IND-1")
                record.set("value", 42.5)
                record.set("count", 7)
                record.set("done", true)
                record.setNil("missing")
                record.setArray("tags") { $0.append("a"); $0.append("b") }
                record.setRecord("owner") { $0.set("name", "Peloponnese") }
            }
        }, results: { results in (try results.value(0), results.integer(1)) })
        #expect(shaped == byKey)
        #expect(shaped == ["id": "IND-1", "value": 42.5, "count": 7, "done": true, "tags": ["a", "b"], "owner": ["name": "Peloponnese"]])
        // nil leaves its field absent: six fields, not seven
        #expect(shapedFields == 6)
        #expect(byKeyFields == 6)
    }

    @Test func fieldsAreReadByTheKeysOfAShape() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let rule = try lua.loadFunction("return function() return { status = 'on-track', progress = 0.5, periods = 3, final = false } end", chunkName: "rule.lua")
        let result = try lua.recordShape(["status", "progress", "periods", "final", "note"])
        let read = try lua.call(rule, results: { results in
            try results.table(0) { table in
                (table.string(result, 0), table.number(result, 1), table.integer(result, 2), table.bool(result, 3),
                 table.type(result, 4), table.string(result, 1), table.integer(result, 1), table.type(result, 0))
            }
        })
        let fields = try #require(read)
        #expect(fields.0 == "on-track")
        #expect(fields.1 == 0.5)
        #expect(fields.2 == 3)
        #expect(fields.3 == false)
        #expect(fields.4 == .nil)
        // typed reads give nil for a field of another type, as by key
        #expect(fields.5 == nil)
        #expect(fields.6 == nil)
        #expect(fields.7 == .string)
        // a float with an exact integer value reads as an integer; out of range or not whole, not
        let floats = try lua.loadFunction("return function() return { whole = 2.0, huge = 2^63, negative = -0.0, part = -7.25 } end", chunkName: "floats.lua")
        let shape = try lua.recordShape(["whole", "huge", "negative", "part"])
        let integers = try lua.call(floats, results: { results in
            try results.table(0) { table in (0..<4).map { table.integer(shape, $0) } }
        })
        #expect(integers == [2, nil, 0, nil])
    }

    @Test func theValuesMustMatchTheKeys() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let echo = try lua.loadFunction(Self.echo, chunkName: "echo.lua")
        let shape = try lua.recordShape(["id", "value", "baseline", "target", "expected"])
        let tooFew = #expect(throws: LuaError.self) {
            try lua.call(echo, arguments: { arguments in
                arguments.appendRecord(shape) { fields in
                    fields.append("IND-1")
                    fields.append(1)
                    fields.append(0)
                    fields.append(100)
                }
            }, results: { $0.count })
        }
        #expect(tooFew == LuaError(.marshalling, "4 values for the record shape's 5 keys (id, value, baseline, target, expected)"))
        let tooMany = #expect(throws: LuaError.self) {
            try lua.call(echo, arguments: { arguments in
                arguments.appendRecord(shape) { fields in
                    for index in 0..<50 { fields.append(index) }
                }
            }, results: { $0.count })
        }
        #expect(tooMany == LuaError(.marshalling, "more values than the 5 keys of the record shape"))
        let nan = #expect(throws: LuaError.self) {
            try lua.call(echo, arguments: { arguments in
                arguments.appendRecord(shape) { fields in
                    fields.append("IND-1")
                    fields.append(Double.nan)
                    fields.append(0)
                    fields.append(100)
                    fields.append(0.5)
                }
            }, results: { $0.count })
        }
        #expect(nan == LuaError(.marshalling, "cannot pass NaN to Lua where a number is required"))
        let twice = #expect(throws: LuaError.self) { try lua.recordShape(["id", "value", "id"]) }
        #expect(twice == LuaError(.marshalling, "a record shape cannot have key 'id' twice"))
        let nul = #expect(throws: LuaError.self) { try lua.recordShape(["id", "va\u{0}lue"]) }
        #expect(nul == LuaError(.marshalling, "a record shape's key cannot contain a NUL byte (U+0000)"))
        let other = try LuaRuntime(limits: Self.limits)
        let foreign = try other.recordShape(["id"])
        let mixed = #expect(throws: LuaError.self) {
            try lua.call(echo, arguments: { $0.appendRecord(foreign) { $0.append("x") } }, results: { $0.count })
        }
        #expect(mixed == LuaError(.marshalling, "a LuaRecordShape belongs to the runtime that made it"))
        // after every refusal the runtime is usable and the stack balanced
        let fine = try lua.call(echo, arguments: { arguments in
            arguments.appendRecord(shape) { fields in
                fields.append("IND-2")
                fields.append(1)
                fields.append(0)
                fields.append(100)
                fields.append(0.5)
            }
            arguments.append("second argument")
        }, results: { results in (results.count, results.integer(1)) })
        #expect(fine == (2, 5))
        let empty = try lua.recordShape([])
        #expect(try lua.call(echo, arguments: { $0.appendRecord(empty) { _ in } }, results: { $0.integer(1) }) == 0)
    }

    @Test func manyShapesAndCallsLeakNothingInTheRegistry() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let echo = try lua.loadFunction(Self.echo, chunkName: "echo.lua")
        let kept = try lua.recordShape(["a", "b"])
        func round(_ index: Int) throws {
            let shape = try lua.recordShape(["x\(index % 7)", "y"])
            _ = try lua.call(echo, arguments: { arguments in
                arguments.appendRecord(shape) { $0.append(index); $0.append("y") }
            }, results: { results in try results.table(0) { $0.integer(shape, 0) } })
            _ = try lua.call(echo, arguments: { arguments in
                arguments.appendRecord(kept) { $0.append(index); $0.appendNil() }
            }, results: { results in try results.table(0) { $0.integer(kept, 0) } })
        }
        try expectNoRegistryGrowth(in: lua, rounds: 5_000, round)
    }

    /// A host function writing a shaped record while a call runs (the C side's protected path).
    @Test func aHostFunctionCallsBackWithAShapedRecord() throws {
        let lua = try LuaRuntime(limits: Self.limits)
        let scale = try lua.loadFunction("return function(t) return { scaled = t.value * t.factor } end", chunkName: "scale.lua")
        let shape = try lua.recordShape(["value", "factor"])
        let result = try lua.recordShape(["scaled"])
        try lua.install(LuaHostLibrary(functions: [
            "scale": { [unowned lua] arguments in
                let value = arguments.number(0) ?? 0
                let scaled = try lua.call(scale, arguments: { inner in
                    inner.appendRecord(shape) { $0.append(value); $0.append(3) }
                }, results: { results in try results.table(0) { $0.number(result, 0) } })
                return [.double((scaled ?? nil) ?? .nan)]
            },
        ]), as: "host")
        #expect(try lua.run("return host.scale(2.5)", chunkName: "outer.lua") == [7.5])
    }

    /// Shapes made and shaped records written with the state 0...400 bytes below its budget:
    /// every outcome is a value or a contained memory error, never an abort; the state is usable
    /// once the budget is back.
    @Test func shapedRecordsAtTheEdgeOfTheMemoryBudget() throws {
        var refusals = 0
        for headroom in 0..<400 {
            let lua = try LuaRuntime(limits: Self.limits)
            let echo = try lua.loadFunction(Self.echo, chunkName: "echo.lua")
            lua.collectGarbageForTesting()
            lua.setMemoryLimitForTesting(lua.memoryInUse + headroom)
            var shapes: [LuaRecordShape] = []
            var outcomes = 0
            for round in 0..<20 {
                do {
                    let shape = try lua.recordShape(["key \(round)", "text", "n"])
                    shapes.append(shape)
                    _ = try lua.call(echo, arguments: { arguments in
                        arguments.appendRecord(shape) { fields in
                            fields.append(round)
                            fields.append("a value of round \(round), long enough to be allocated")
                            fields.append(Double(round) / 3)
                        }
                    }, results: { $0.count })
                    outcomes += 1
                } catch let error as LuaError {
                    #expect(error.kind == .memory, "headroom \(headroom): \(error)")
                    outcomes += 1
                    refusals += 1
                }
            }
            #expect(outcomes == 20)
            shapes.removeAll()
            lua.setMemoryLimitForTesting(8 << 20)
            #expect(try lua.run("return 6 * 7", chunkName: "after.lua") == [.int(42)])
        }
        // the budget did refuse (near 0 bytes of headroom, every round)
        #expect(refusals >= 20)
    }
}
