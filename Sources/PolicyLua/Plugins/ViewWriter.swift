package import PolicyKit

/// Where the views of ``LuaViews`` are written: Swift values (``LuaValueWriter``, for the
/// documentation, the tests and the benchmark's driver data) or the Lua stack itself
/// (``LuaStackWriter``, the hot path of an evaluation). The views are written once, generically,
/// so that both always hold the same tables.
///
/// The calls follow Lua's stack: in a record, name the place with ``key(_:)`` (or
/// ``key(named:)``) and then write its value; in an array, write the values in order. A value
/// is a scalar or a table opened with ``beginRecord(capacity:)`` or ``beginArray(capacity:)``
/// and closed with ``endTable()``. A `nil` value leaves the place empty, as in a Lua table.
package protocol ViewWriter {
    mutating func key(_ key: ViewKey)
    mutating func key(named name: String)
    mutating func string(_ text: String)
    mutating func integer(_ value: Int)
    mutating func double(_ value: Double)
    mutating func bool(_ value: Bool)
    mutating func day(_ day: Day)
    mutating func null()
    mutating func beginRecord(capacity: Int)
    mutating func beginArray(capacity: Int)
    mutating func endTable()
}

extension ViewWriter {
    /// A number as Lua shows it best: an integer when it is one, else a float.
    mutating func number(_ value: Double) {
        if value.rounded() == value, abs(value) < 9.0e15 { integer(Int(value)) } else { double(value) }
    }

    mutating func set(_ name: ViewKey, _ text: String) { key(name); string(text) }
    mutating func set(_ name: ViewKey, _ text: String?) {
        if let text { key(name); string(text) }
    }
    mutating func set(_ name: ViewKey, day value: Day) { key(name); day(value) }
    mutating func set(_ name: ViewKey, day value: Day?) {
        if let value { key(name); day(value) }
    }
    mutating func set(_ name: ViewKey, integer value: Int) { key(name); integer(value) }
    mutating func set(_ name: ViewKey, number value: Double?) {
        if let value { key(name); number(value) }
    }
    mutating func set(_ name: ViewKey, bool value: Bool) { key(name); bool(value) }

    /// A record as the value of the place named last (or as the next array element).
    mutating func record(_ capacity: Int, _ body: (inout Self) -> Void) {
        beginRecord(capacity: capacity)
        body(&self)
        endTable()
    }

    mutating func set(_ name: ViewKey, record capacity: Int, _ body: (inout Self) -> Void) {
        key(name)
        record(capacity, body)
    }

    /// An array of strings.
    mutating func set(_ name: ViewKey, strings: [String]) {
        key(name)
        beginArray(capacity: strings.count)
        for text in strings { string(text) }
        endTable()
    }

    /// An array with a value (usually a record) per element.
    mutating func set<Element>(_ name: ViewKey, array elements: [Element], _ body: (inout Self, Element) -> Void) {
        key(name)
        beginArray(capacity: elements.count)
        for element in elements { body(&self, element) }
        endTable()
    }
}

/// The keys of every view (and a few words they hold), each interned once per Lua state by
/// ``LuaStackWriter``.
package enum ViewKey: Int32, CaseIterable {
    case id = 1, code, title, titles, unit, measure, ascending, accumulation, allocation, baseline
    case target, intermediateTargets, values, corrections, scale, value, year, source, illustrative
    case date, period, reportedOn, quality, evidence, note
    case type, responsible, start, end, cost, amount, currency, funding, indicators, milestones
    case updates, due, doneOn, status, achievement
    case partner, kind, managingAuthority, funds, programmeCode, indicatorIDs, actionIDs, instrument
    case index, phase, reportDue, url, path, sha256
    case asOf, knownOn, project, acronym, name, country, language, role
    case progress, expected, findings, explanation, improved, severity, message, actions

    /// The key as plugins see it (snake_case).
    package var name: String {
        switch self {
        case .id: "id"
        case .code: "code"
        case .title: "title"
        case .titles: "titles"
        case .unit: "unit"
        case .measure: "measure"
        case .ascending: "ascending"
        case .accumulation: "accumulation"
        case .allocation: "allocation"
        case .baseline: "baseline"
        case .target: "target"
        case .intermediateTargets: "intermediate_targets"
        case .values: "values"
        case .corrections: "corrections"
        case .scale: "scale"
        case .value: "value"
        case .year: "year"
        case .source: "source"
        case .illustrative: "illustrative"
        case .date: "date"
        case .period: "period"
        case .reportedOn: "reported_on"
        case .quality: "quality"
        case .evidence: "evidence"
        case .note: "note"
        case .type: "type"
        case .responsible: "responsible"
        case .start: "start"
        case .end: "end"
        case .cost: "cost"
        case .amount: "amount"
        case .currency: "currency"
        case .funding: "funding"
        case .indicators: "indicators"
        case .milestones: "milestones"
        case .updates: "updates"
        case .due: "due"
        case .doneOn: "done_on"
        case .status: "status"
        case .achievement: "achievement"
        case .partner: "partner"
        case .kind: "kind"
        case .managingAuthority: "managing_authority"
        case .funds: "funds"
        case .programmeCode: "programme_code"
        case .indicatorIDs: "indicator_ids"
        case .actionIDs: "action_ids"
        case .instrument: "instrument"
        case .index: "index"
        case .phase: "phase"
        case .reportDue: "report_due"
        case .url: "url"
        case .path: "path"
        case .sha256: "sha256"
        case .asOf: "as_of"
        case .knownOn: "known_on"
        case .project: "project"
        case .acronym: "acronym"
        case .name: "name"
        case .country: "country"
        case .language: "language"
        case .role: "role"
        case .progress: "progress"
        case .expected: "expected"
        case .findings: "findings"
        case .explanation: "explanation"
        case .improved: "improved"
        case .severity: "severity"
        case .message: "message"
        case .actions: "actions"
        }
    }
}

/// Writes views as Swift values.
package struct LuaValueWriter: ViewWriter {
    private enum Table {
        case record([String: LuaValue])
        case array([LuaValue])
    }

    /// The tables being written, innermost last, with the key each goes to in its parent.
    private var open: [(table: Table, key: String?)] = []
    private var pendingKey: String?
    /// The value written last at the top level.
    package private(set) var result: LuaValue = .nil

    package init() {}

    package mutating func key(_ key: ViewKey) { pendingKey = key.name }
    package mutating func key(named name: String) { pendingKey = name }
    package mutating func string(_ text: String) { put(.string(text)) }
    package mutating func integer(_ value: Int) { put(.int(value)) }
    package mutating func double(_ value: Double) { put(.double(value)) }
    package mutating func bool(_ value: Bool) { put(.bool(value)) }
    package mutating func day(_ day: Day) { put(.string(day.description)) }
    package mutating func null() { put(.nil) }

    package mutating func beginRecord(capacity: Int) {
        open.append((.record([:]), pendingKey))
        pendingKey = nil
    }

    package mutating func beginArray(capacity: Int) {
        open.append((.array([]), pendingKey))
        pendingKey = nil
    }

    package mutating func endTable() {
        let (table, key) = open.removeLast()
        pendingKey = key
        switch table {
        case .array(let elements): put(.array(elements))
        case .record(let fields): put(.record(fields))
        }
    }

    private mutating func put(_ value: LuaValue) {
        defer { pendingKey = nil }
        guard let last = open.popLast() else {
            result = value
            return
        }
        var table = last.table
        switch table {
        case .array(var elements):
            precondition(pendingKey == nil, "a key in an array view")
            table = .array([])
            elements.append(value)
            table = .array(elements)
        case .record(var fields):
            guard let name = pendingKey else { preconditionFailure("a record value without a key") }
            table = .record([:])
            if !value.isNil { fields[name] = value }
            table = .record(fields)
        }
        open.append((table, last.key))
    }
}
