internal import CLua
package import PolicyKit

/// The indicator view written straight into Lua with the C API: the same table as
/// ``LuaViews/indicator(_:dates:)`` (a test compares them), without building Swift values first
/// — the hook path is the hot path of an evaluation.
extension LuaRuntime {
    package func keepIndicatorView(_ indicator: Indicator, dates: EvaluationDates) -> LuaReference {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        withSuspendedBudget {
            _ = lua_checkstack(state, 16)
            let visible = StandardRules.visibleValues(of: indicator, dates: dates)
            var reported = 0
            for entry in indicator.values where entry.reportedOn <= dates.knownOn && StandardRules.isVisible(period: entry.period, dates: dates) {
                reported += 1
            }
            lua_createtable(state, 0, 16)
            setField("id", string: indicator.id)
            if let code = indicator.code { setField("code", string: code) }
            setField("title", string: indicator.title.english)
            lua_createtable(state, 0, Int32(indicator.title.languages.count))
            for language in indicator.title.languages { setField(language, string: indicator.title[language] ?? "") }
            setField("titles")
            setField("unit", string: indicator.unit)
            setField("measure", string: indicator.measure.rawValue)
            lua_pushboolean(state, indicator.ascending ? 1 : 0)
            setField("ascending")
            setField("accumulation", string: indicator.accumulation.rawValue)
            if let allocation = indicator.allocation { pushNumber(allocation); setField("allocation") }
            lua_createtable(state, 0, 4)
            pushMeasure(indicator.baseline.value); setField("value")
            lua_pushinteger(state, lua_Integer(indicator.baseline.year)); setField("year")
            setProvenance(indicator.baseline.source)
            setField("baseline")
            pushTarget(indicator.target)
            setField("target")
            lua_createtable(state, Int32(indicator.intermediateTargets.count), 0)
            for (offset, target) in indicator.intermediateTargets.enumerated() {
                pushTarget(target)
                lua_rawseti(state, -2, lua_Integer(offset + 1))
            }
            setField("intermediate_targets")
            lua_createtable(state, Int32(visible.count), 0)
            for (offset, entry) in visible.enumerated() {
                lua_createtable(state, 0, 8)
                setField("period", string: entry.period)
                pushMeasure(entry.value); setField("value")
                setField("reported_on", string: entry.reportedOn.description)
                setField("quality", string: entry.quality.rawValue)
                setProvenance(entry.source)
                lua_createtable(state, Int32(entry.evidence.count), 0)
                for (index, id) in entry.evidence.enumerated() {
                    pushString(id)
                    lua_rawseti(state, -2, lua_Integer(index + 1))
                }
                setField("evidence")
                if let note = entry.note { setField("note", string: note) }
                lua_rawseti(state, -2, lua_Integer(offset + 1))
            }
            setField("values")
            lua_pushinteger(state, lua_Integer(reported - visible.count))
            setField("corrections")
            if !indicator.scale.isEmpty {
                lua_createtable(state, Int32(indicator.scale.count), 0)
                for (offset, level) in indicator.scale.enumerated() {
                    pushString(level)
                    lua_rawseti(state, -2, lua_Integer(offset + 1))
                }
                setField("scale")
            }
        }
        lua_settop(state, top + 1)
        return LuaReference(reference: luaL_ref(state, pt_registry_index()))
    }

    /// `t[key] = <top>` for the table just below the top, popping the value.
    private func setField(_ key: String) {
        pushString(key)
        lua_rotate(state, -2, 1)
        lua_rawset(state, -3)
    }

    private func setField(_ key: String, string: String) {
        pushString(key)
        pushString(string)
        lua_rawset(state, -3)
    }

    private func pushNumber(_ value: Double) {
        if value.rounded() == value, abs(value) < 9.0e15 {
            lua_pushinteger(state, lua_Integer(value))
        } else {
            lua_pushnumber(state, value)
        }
    }

    private func pushMeasure(_ value: MeasureValue) {
        switch value {
        case .number(let number): pushNumber(number)
        case .level(let level): pushString(level)
        case .reached(let reached): lua_pushboolean(state, reached ? 1 : 0)
        }
    }

    private func setProvenance(_ source: Provenance) {
        setField("source", string: source.text)
        lua_pushboolean(state, source.isIllustrative ? 1 : 0)
        setField("illustrative")
    }

    private func pushTarget(_ target: Indicator.Target) {
        lua_createtable(state, 0, 4)
        pushMeasure(target.value); setField("value")
        setField("date", string: target.date.description)
        setProvenance(target.source)
    }
}
