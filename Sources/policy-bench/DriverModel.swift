import PolicyKit
import PolicyLua

/// The project as plain Lua data for the plain-interpreter driver's `model` mode
/// (driver-model.lua): what the host holds in Swift after loading — every indicator with every
/// reported value in file order, every evidence item — and the evaluation dates. The driver
/// builds the hook tables from it at each evaluation, as the host builds them from its model:
/// selecting the values and evidence visible at the dates, then writing fresh tables. Like the
/// host's model, it holds dates both as text and as day numbers (for comparing them).
enum DriverModel {
    static func data(project: Project, dates: EvaluationDates) -> String {
        var context: [String: LuaValue] = [:]
        if case .record(let fields) = LuaViews.context(project: project, instrument: project.instruments[0], dates: dates) {
            context = fields
        }
        var partners: [String: LuaValue] = [:]
        for partner in project.partners where partners[partner.id] == nil { partners[partner.id] = LuaViews.partner(partner) }
        var out = "return {\n"
        out += "  as_of = \(ProjectGenerator.lua(context["as_of"] ?? .nil)), known_on = \(ProjectGenerator.lua(context["known_on"] ?? .nil)),\n"
        out += "  known_on_day = \(dates.knownOn.daysSince1970),\n"
        out += "  period = \(ProjectGenerator.lua(context["period"] ?? .nil)),\n"
        out += "  project = \(ProjectGenerator.lua(context["project"] ?? .nil)),\n"
        out += "  partners = \(ProjectGenerator.lua(.record(partners))),\n"
        out += "  instruments = {\n"
        for instrument in project.instruments {
            guard case .record(var fields) = LuaViews.instrument(instrument) else { continue }
            fields["plugin"] = .string(instrument.plugin ?? "")
            fields["evidence"] = .array(instrument.evidence.map { item in
                guard case .record(var evidence) = LuaViews.evidence(item) else { return .nil }
                evidence["day"] = .int(item.date.daysSince1970)
                return .record(evidence)
            })
            fields["indicators"] = .array(instrument.indicators.map { indicator($0, dates: dates) })
            out += "    \(ProjectGenerator.lua(.record(fields))),\n"
        }
        return out + "  },\n}\n"
    }

    /// An indicator as held: its view's fields with every value in file order, no selection.
    static func indicator(_ indicator: Indicator, dates: EvaluationDates) -> LuaValue {
        guard case .record(var fields) = LuaViews.indicator(indicator, dates: dates) else { return .nil }
        fields["values"] = .array(indicator.values.map { entry in
            guard case .record(var value) = LuaViews.value(entry) else { return .nil }
            value["reported_day"] = .int(entry.reportedOn.daysSince1970)
            return .record(value)
        })
        fields["corrections"] = nil
        return .record(fields)
    }
}
