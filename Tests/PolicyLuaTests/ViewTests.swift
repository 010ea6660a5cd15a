import Foundation
import PolicyKit
import Testing
@testable import PolicyLua

@Suite("What hooks receive")
struct ViewTests {
    /// The indicator view written with the C API is exactly the documented one (LuaViews), for
    /// every shipped indicator, at dates before and after corrections.
    @Test(arguments: ["2023-08-31", "2025-02-10", "2026-06-30", "2027-05-31"])
    func directIndicatorViewsEqualTheDocumentedOnes(day: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let project = try #require(ProjectLoader.load(directory: root.appendingPathComponent("instruments")).project)
        let dates = try #require(EvaluationDates(asOf: Day("2027-05-31")!, knownOn: Day(day)!, calendar: project.calendar))
        let runtime = try LuaRuntime()
        let identity = try runtime.load("return ...", chunkName: "id.lua")
        for instrument in project.instruments {
            for indicator in instrument.indicators {
                let reference = runtime.keepIndicatorView(indicator, dates: dates)
                defer { runtime.release([reference]) }
                let documented = try runtime.keep(LuaViews.indicator(indicator, dates: dates))
                defer { runtime.release([documented]) }
                // both as Lua holds them (an empty list and an empty record are the same table)
                let direct = try runtime.call(identity, references: [reference])
                #expect(direct == (try runtime.call(identity, references: [documented])), "\(instrument.id)/\(indicator.id)")
            }
        }
    }
}
