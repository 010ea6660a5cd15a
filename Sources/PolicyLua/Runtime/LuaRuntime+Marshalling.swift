/// Swift <-> Lua values, on a stack lent by ``LuaState``: pushes with the memory budget
/// suspended, tables touched with raw access only, so no metamethod runs and nothing raises.
extension LuaRuntime {
    /// Pushes one value (the caller has reserved a slot for it).
    func push(_ value: LuaValue, depth: Int, on stack: LuaStack) throws {
        guard depth <= limits.maximumDepth else {
            throw LuaError(.marshalling, "cannot pass a value nested deeper than \(limits.maximumDepth) tables to Lua")
        }
        switch value {
        case .nil:
            stack.pushNil()
        case .bool(let flag):
            stack.push(flag)
        case .int(let number):
            stack.push(number)
        case .double(let number):
            guard !number.isNaN else {
                throw LuaError(.marshalling, "cannot pass NaN to Lua where a number is required")
            }
            stack.push(number)
        case .string(let text):
            stack.push(text)
        case .array(let elements):
            try stack.reserve(3)
            stack.newTable(array: Int32(clamping: elements.count), record: 0)
            for (offset, element) in elements.enumerated() {
                try push(element, depth: depth + 1, on: stack)
                stack.rawSet(-2, index: offset + 1)
            }
        case .record(let fields):
            try stack.reserve(3)
            stack.newTable(array: 0, record: Int32(clamping: fields.count))
            // sorted, so that the table is built the same way in every run
            for key in fields.keys.sorted() {
                stack.push(key)
                try push(fields[key]!, depth: depth + 1, on: stack)
                stack.rawSet(-3)
            }
        }
    }

    /// Reads the value at `index` into Swift.
    func value(at index: Int32, on stack: LuaStack) throws -> LuaValue {
        var path: [UnsafeRawPointer] = []
        return try value(at: stack.absolute(index), depth: 0, path: &path, where: "value", on: stack)
    }

    private func value(at index: Int32, depth: Int, path: inout [UnsafeRawPointer], where place: String, on stack: LuaStack) throws -> LuaValue {
        switch stack.type(at: index) {
        case LuaStack.nilType, LuaStack.none:
            return .nil
        case LuaStack.boolean:
            return .bool(stack.boolean(at: index))
        case LuaStack.number:
            if let integer = stack.integer(at: index) { return .int(integer) }
            return .double(stack.number(at: index))
        case LuaStack.string:
            return .string(stack.string(at: index) ?? "")
        case LuaStack.table:
            return try table(at: index, depth: depth, path: &path, where: place, on: stack)
        default:
            throw LuaError(.marshalling, "\(place) is a \(stack.typeName(at: index)), which cannot be passed to the host")
        }
    }

    private func table(at index: Int32, depth: Int, path: inout [UnsafeRawPointer], where place: String, on stack: LuaStack) throws -> LuaValue {
        guard depth < limits.maximumDepth else {
            throw LuaError(.marshalling, "\(place) is nested deeper than \(limits.maximumDepth) tables")
        }
        guard let identity = stack.identity(at: index) else { return .record([:]) }
        guard !path.contains(identity) else {
            throw LuaError(.marshalling, "\(place) contains itself (a cycle), which cannot be passed to the host")
        }
        path.append(identity)
        defer { path.removeLast() }
        try stack.reserve(3)
        let top = stack.top
        defer { stack.setTop(top) }
        do {
            return try tableInIterationOrder(at: index, depth: depth, path: &path, where: place, on: stack)
        } catch let error as LuaError where error.kind == .marshalling {
            // Which problem the walk meets first depends on the order of `next`, which depends
            // on string hashes (seeded per state) and on the addresses of table keys: the same
            // result could be reported differently from run to run. The problem reported is the
            // first in an order of the table's own: the keys first, then the values by key.
            stack.setTop(top)
            try firstProblem(ofTableAt: index, depth: depth, path: &path, where: place, on: stack)
            throw error
        }
    }

    /// The table's problem that comes first in a fixed order, thrown: a key that is neither a
    /// string nor an integer (the first of their type names), string keys mixed with array
    /// elements, then the values in the order of their keys (strings by their bytes, integers
    /// ascending), then a hole in the array. Returns only when it finds none.
    private func firstProblem(ofTableAt index: Int32, depth: Int, path: inout [UnsafeRawPointer], where place: String, on stack: LuaStack) throws {
        var strings: [String] = [], integers: [Int] = [], others: Set<String> = []
        stack.pushNil()
        while stack.next(index) {
            switch stack.type(at: -2) {
            case LuaStack.string: strings.append(stack.string(at: -2) ?? "")
            case LuaStack.number where stack.isInteger(at: -2): integers.append(stack.integer(at: -2) ?? 0)
            default: others.insert(stack.typeName(at: -2))
            }
            stack.pop()
        }
        if let type = others.min() {
            throw TableProblem.key(of: type, in: place)
        }
        if !strings.isEmpty && !integers.isEmpty {
            throw TableProblem.mixed(place)
        }
        for key in strings.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            stack.rawGet(index, field: key)
            _ = try value(at: stack.top, depth: depth + 1, path: &path, where: TableProblem.field(key, of: place), on: stack)
            stack.pop()
        }
        let elements = integers.sorted()
        for key in elements {
            stack.rawGet(index, index: key)
            _ = try value(at: stack.top, depth: depth + 1, path: &path, where: TableProblem.element(key, of: place), on: stack)
            stack.pop()
        }
        let present = Set(elements)
        if !elements.isEmpty, let missing = (1...elements.count).first(where: { !present.contains($0) }) {
            throw TableProblem.hole(at: missing, in: place)
        }
    }

    /// The table converted in the order of `next`.
    private func tableInIterationOrder(at index: Int32, depth: Int, path: inout [UnsafeRawPointer], where place: String, on stack: LuaStack) throws -> LuaValue {
        var fields: [String: LuaValue] = [:]
        var elements: [Int: LuaValue] = [:]
        stack.pushNil()
        while stack.next(index) {
            let valueIndex = stack.top
            switch stack.type(at: -2) {
            case LuaStack.string:
                let key = stack.string(at: -2) ?? ""
                fields[key] = try value(at: valueIndex, depth: depth + 1, path: &path, where: TableProblem.field(key, of: place), on: stack)
            case LuaStack.number where stack.isInteger(at: -2):
                let key = stack.integer(at: -2) ?? 0
                elements[key] = try value(at: valueIndex, depth: depth + 1, path: &path, where: TableProblem.element(key, of: place), on: stack)
            default:
                throw TableProblem.key(of: stack.typeName(at: -2), in: place)
            }
            stack.pop()
            if !fields.isEmpty && !elements.isEmpty {
                throw TableProblem.mixed(place)
            }
        }
        if elements.isEmpty { return .record(fields) }
        var array: [LuaValue] = []
        array.reserveCapacity(elements.count)
        for position in 1...elements.count {
            guard let element = elements[position] else { throw TableProblem.hole(at: position, in: place) }
            array.append(element)
        }
        return .array(array)
    }
}

/// What makes a table impossible to pass to the host, said the same way whichever walk finds it
/// (in the order of `next`, or in the table's own order), and the places inside a table.
private enum TableProblem {
    static func key(of type: String, in place: String) -> LuaError {
        LuaError(.marshalling, "\(place) has a \(type) key; only string keys or 1...n can be passed to the host")
    }

    static func mixed(_ place: String) -> LuaError {
        LuaError(.marshalling, "\(place) mixes string keys and array elements, which cannot be passed to the host")
    }

    static func hole(at position: Int, in place: String) -> LuaError {
        LuaError(.marshalling, "\(place) is an array with holes (no element \(position)), which cannot be passed to the host")
    }

    static func field(_ key: String, of place: String) -> String { "\(place).\(key)" }
    static func element(_ key: Int, of place: String) -> String { "\(place)[\(key)]" }
}
