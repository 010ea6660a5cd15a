import PolicyKit

/// The read-only global `policy` (API level 1), entry by entry as plugins/README.md documents it.
enum PolicyLibrary {
    /// Lets the library's functions reach the session that runs them.
    final class SessionBox {
        weak var session: PluginSession?

        func get() throws -> PluginSession {
            guard let session else { throw LuaError(.runtime, "policy: the plugin is still loading (call policy functions from a hook)") }
            return session
        }
    }

    /// The levels `policy.log` accepts.
    static let logLevels = ["debug", "info", "warning", "error"]

    static func make(project: Project, box: SessionBox) -> LuaHostLibrary {
        let calendar = project.calendar
        let statuses: [LuaValue] = EvaluationStatus.ruleStatuses.map { .string($0.rawValue) }
        return LuaHostLibrary(
            values: [
                "API_LEVEL": .int(PluginDescriptor.apiLevel),
                "VERSION": .string(PolicyTrackerVersion.current),
                "STATUSES": .array(statuses),
                "THRESHOLDS": .record([
                    "on_track_gap": .double(StandardRules.onTrackGap),
                    "at_risk_gap": .double(StandardRules.atRiskGap),
                ]),
            ],
            functions: [
                "days_between": { arguments in
                    let from = try day(arguments, 0, "days_between"), to = try day(arguments, 1, "days_between")
                    return [.int(from.days(to: to))]
                },
                "add_days": { arguments in
                    let from = try day(arguments, 0, "add_days")
                    guard case .int(let count) = try arguments.value(1), abs(count) <= 1_000_000 else {
                        throw LuaError(.runtime, "policy.add_days: the second argument must be a whole number of days")
                    }
                    return [LuaViews.day(from.adding(days: count))]
                },
                "compare_dates": { arguments in
                    let a = try day(arguments, 0, "compare_dates"), b = try day(arguments, 1, "compare_dates")
                    return [.int(a < b ? -1 : a == b ? 0 : 1)]
                },
                "period_of": { arguments in
                    let date = try day(arguments, 0, "period_of")
                    return [calendar.period(containing: date).map { .string($0.id) } ?? .nil]
                },
                "period": { arguments in
                    guard let id = arguments.string(0) else {
                        throw LuaError(.runtime, "policy.period: expected a period id such as 'P3'")
                    }
                    return [calendar.period(id: id).map(LuaViews.period) ?? .nil]
                },
                "explain": { arguments in
                    guard let text = arguments.string(0) else {
                        throw LuaError(.runtime, "policy.explain: expected a string")
                    }
                    let session = try box.get()
                    try session.explain(text, at: arguments.callerLocation(usually: session.descriptor.file))
                    return []
                },
                "log": { arguments in
                    guard let level = arguments.string(0), logLevels.contains(level) else {
                        throw LuaError(.runtime, "policy.log: the level must be one of \(logLevels.joined(separator: ", "))")
                    }
                    guard let message = arguments.string(1) else {
                        throw LuaError(.runtime, "policy.log: the message must be a string")
                    }
                    try box.get().log(level: level, message: message)
                    return []
                },
                // functions about an item read its id, never a conversion of its whole table
                "progress": { arguments in
                    let session = try box.get()
                    let indicator = try session.indicator(id: arguments.itemID(0), function: "progress")
                    guard let value = LuaViews.measureValue(arguments.isTable(1) ? .nil : try arguments.value(1)) else {
                        throw LuaError(.runtime, "policy.progress: the value must be a number, a scale level or a boolean")
                    }
                    return [StandardRules.progress(of: value, for: indicator).map(LuaViews.number) ?? .nil]
                },
                "expected": { arguments in
                    let session = try box.get()
                    let indicator = try session.indicator(id: arguments.itemID(0), function: "expected")
                    let expected = StandardRules.expectedProgress(for: indicator, on: try session.dates().asOf,
                                                                  instrumentStart: try session.instrumentStart())
                    return [expected.map(LuaViews.number) ?? .nil]
                },
                "total": { arguments in
                    let session = try box.get()
                    let indicator = try session.indicator(id: arguments.itemID(0), function: "total")
                    return [StandardRules.currentValue(of: indicator, dates: try session.dates()).map(LuaViews.measure) ?? .nil]
                },
            ],
            // in Lua: the view's values are the visible ones, by period, so the latest is the last
            scripts: [
                "latest": """
                local type, error = type, error
                return function(indicator)
                  if type(indicator) ~= "table" or type(indicator.values) ~= "table" then
                    error("policy.latest: expected an indicator (a table with its 'values')", 2)
                  end
                  return indicator.values[#indicator.values]
                end
                """,
            ],
            libraries: [
                "standard": LuaHostLibrary(functions: [
                    "indicator": { arguments in
                        [LuaViews.result(try box.get().standardIndicator(id: arguments.itemID(0)))]
                    },
                    "action": { arguments in
                        [LuaViews.result(try box.get().standardAction(id: arguments.itemID(0)))]
                    },
                    "instrument": { _ in
                        [LuaViews.result(try box.get().standardInstrument())]
                    },
                ]),
            ]
        )
    }

    private static func day(_ arguments: borrowing LuaValues, _ index: Int, _ function: String) throws -> Day {
        guard let text = arguments.string(index), let day = Day(text) else {
            throw LuaError(.runtime, "policy.\(function): argument #\(index + 1) must be a date 'YYYY-MM-DD'")
        }
        return day
    }
}
