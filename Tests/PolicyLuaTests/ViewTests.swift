import Foundation
import PolicyKit
import Testing
@testable import PolicyLua

@Suite("What hooks receive")
struct ViewTests {
    /// The views written straight onto the Lua stack (the hot path) hold exactly what the same
    /// views written as Swift values (the documented ones) hold, for every shipped instrument,
    /// indicator and action, at dates before and after corrections.
    @Test(arguments: ["2023-08-31", "2025-02-10", "2026-06-30", "2027-05-31"])
    func stackViewsEqualTheDocumentedOnes(day: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let project = try #require(ProjectLoader.load(directory: root.appendingPathComponent("instruments")).project)
        let dates = try #require(EvaluationDates(asOf: Day("2027-05-31")!, knownOn: Day(day)!, calendar: project.calendar))
        let runtime = try LuaRuntime()
        let identity = try runtime.load("return ...", chunkName: "id.lua")
        func expectSame(_ documented: LuaValue, _ write: (inout LuaStackWriter) -> Void, _ label: String) throws {
            let direct = try runtime.writeViews { w in
                write(&w)
                return w.keep()
            }
            let swift = try runtime.keep(documented)
            defer { runtime.release([direct, swift]) }
            // both as Lua holds them (an empty list and an empty record are the same table)
            let fromStack = try runtime.call(identity, references: [direct])
            #expect(fromStack == (try runtime.call(identity, references: [swift])), "\(label)")
            #expect(fromStack != .nil, "\(label)")
        }
        var indicators = 0, actions = 0
        for instrument in project.instruments {
            for indicator in instrument.indicators {
                try expectSame(LuaViews.indicator(indicator, dates: dates), { LuaViews.indicator(indicator, dates: dates, into: &$0) }, "\(instrument.id)/\(indicator.id)")
                indicators += 1
            }
            for action in instrument.actions {
                try expectSame(LuaViews.action(action, dates: dates), { LuaViews.action(action, dates: dates, into: &$0) }, "\(instrument.id)/\(action.id)")
                actions += 1
            }
            try expectSame(LuaViews.instrument(instrument), { w in
                w.record(LuaViews.instrumentCapacity) { LuaViews.instrumentFields(instrument, into: &$0) }
            }, instrument.id)
            try expectSame(LuaViews.context(project: project, instrument: instrument, dates: dates), { w in
                w.record(LuaViews.contextCapacity) { LuaViews.contextFields(project: project, instrument: instrument, dates: dates, into: &$0) }
            }, "ctx of \(instrument.id)")
        }
        #expect(indicators > 30 && actions > 20)
    }

    /// A few fields of a view, spelled out: the keys plugins read and the values they hold.
    @Test func theIndicatorViewHoldsTheDocumentedKeys() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let project = try #require(ProjectLoader.load(directory: root.appendingPathComponent("instruments")).project)
        let dates = try #require(EvaluationDates(asOf: Day("2027-05-31")!, calendar: project.calendar))
        let instrument = project.instruments[0]
        let indicator = instrument.indicators[0]
        guard case .record(let view) = LuaViews.indicator(indicator, dates: dates) else {
            Issue.record("not a record")
            return
        }
        #expect(Set(view.keys).isSuperset(of: ["id", "title", "titles", "unit", "measure", "ascending", "accumulation", "baseline", "target", "intermediate_targets", "values", "corrections"]))
        #expect(view["id"] == .string(indicator.id))
        #expect(view["ascending"] == .bool(indicator.ascending))
        guard case .array(let values) = view["values"], case .record(let first)? = values.first else {
            Issue.record("no values")
            return
        }
        #expect(Set(first.keys).isSuperset(of: ["period", "value", "reported_on", "quality", "source", "illustrative", "evidence"]))
        #expect(first["reported_on"] == .string(indicator.values[0].reportedOn.description))
    }
}
