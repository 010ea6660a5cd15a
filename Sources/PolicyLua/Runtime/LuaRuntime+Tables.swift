/// A field of a table kept in the registry: a function (kept too, callable) or a plain value.
enum LuaTableField {
    case function(LuaFunction)
    case value(LuaValue)
    /// A value that cannot cross (userdata, thread, a table with a function inside...).
    case other(typeName: String)
}

extension LuaRuntime {
    /// Runs a loaded chunk and returns the fields of the table it returns, with functions kept
    /// callable; the type name instead when it returns something else. The values of the keys
    /// in `skipping` are not converted (left out).
    func runReturningTable(_ function: LuaFunction, skipping: Set<String> = []) throws -> Result<[String: LuaTableField], TableRefusal> {
        try lua.scope(slots: 6) { stack in
            stack.push(reference: function.reference)
            try runProtected(arguments: 0, results: 1, on: stack)
            guard stack.isTable(at: -1) else {
                return .failure(.notATable(typeName: stack.typeName(at: -1)))
            }
            let table = stack.top
            var fields: [String: LuaTableField] = [:]
            var badKeys: [String] = []
            stack.pushNil()
            while stack.next(table) {
                guard stack.type(at: -2) == LuaStack.string, let key = stack.string(at: -2) else {
                    badKeys.append(stack.typeName(at: -2))
                    stack.pop()
                    continue
                }
                if skipping.contains(key) {
                    // left out
                } else if stack.type(at: -1) == LuaStack.function {
                    stack.pushCopy(of: -1)
                    fields[key] = .function(try keepFunction(on: stack))
                } else if let value = try? value(at: -1, on: stack) {
                    fields[key] = .value(value)
                } else {
                    fields[key] = .other(typeName: stack.typeName(at: -1))
                }
                stack.pop()
            }
            if !badKeys.isEmpty { return .failure(.nonStringKeys(typeNames: badKeys.sorted())) }
            return .success(fields)
        }
    }
}

/// Why a chunk's result is not a table of named fields.
enum TableRefusal: Error, Equatable {
    case notATable(typeName: String)
    case nonStringKeys(typeNames: [String])
}
