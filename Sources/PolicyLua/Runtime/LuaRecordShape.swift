import Foundation

/// The keys of a record that crosses between Swift and Lua many times (a rule's argument, its
/// result), interned in the runtime once, like the parameters of a prepared statement.
///
/// A record written with a shape (``LuaValuesWriter/appendRecord(_:_:)``) takes its values in the
/// order of the shape's keys: no key is made from its bytes or hashed per call, and the table
/// and all its fields are made in one step. A field read with a shape
/// (``LuaTableView/string(_:_:)`` and the others) pushes its key from where the shape keeps it,
/// without making or hashing it either. This is the
/// fastest way to call a rule from Swift (see "Calling Lua from Swift" for what it saves).
///
/// ```swift
/// let indicator = try lua.recordShape(["id", "value", "target"])
/// let result = try lua.recordShape(["status", "progress"])
/// let status = try lua.call(rule, arguments: { arguments in
///     arguments.appendRecord(indicator) { fields in
///         fields.append("IND-1")   // id
///         fields.append(42.5)      // value
///         fields.append(100)       // target
///     }
/// }, results: { results in
///     try results.table(0) { table in table.string(result, 0) }
/// })
/// ```
///
/// A shape belongs to the runtime that made it and keeps its key strings there until it is
/// released (when the last Swift reference to it goes away).
public final class LuaRecordShape {
    /// The keys, in the order a record's values are written.
    public let keys: [String]
    let runtime: LuaRuntime
    /// Each key's string, kept in the registry (the same order): what the reads push.
    let references: ContiguousArray<Int32>
    /// Each key as a C string of its own, at an address that stays the same while the shape
    /// lives: what a record is written with (Lua's cache of C strings finds it by its address).
    let cKeys: UnsafeMutableBufferPointer<UnsafePointer<CChar>?>

    init(runtime: LuaRuntime, keys: [String], references: ContiguousArray<Int32>) {
        self.runtime = runtime
        self.keys = keys
        self.references = references
        cKeys = .allocate(capacity: keys.count)
        // strdup fails only when malloc does (as allocate would, that stops the process)
        for (index, key) in keys.enumerated() { cKeys[index] = UnsafePointer(strdup(key)!) }
    }

    /// The position of `key` among ``keys`` (what the shaped reads take).
    public func index(of key: String) -> Int? { keys.firstIndex(of: key) }

    /// The keys as a message shows them: `5 keys (id, value, baseline, target, expected)`.
    var described: String { "\(keys.count) key\(keys.count == 1 ? "" : "s") (\(keys.joined(separator: ", ")))" }

    deinit {
        for reference in references where reference > 0 { runtime.lua.release(reference: reference) }
        for text in cKeys { free(UnsafeMutablePointer(mutating: text)) }
        cKeys.deallocate()
    }
}

@available(*, unavailable)
extension LuaRecordShape: Sendable {}

extension LuaRuntime {
    /// Interns `keys` once as the shape of a record written or read many times (see
    /// ``LuaRecordShape``). Throws ``LuaError/Kind/marshalling`` when a key repeats or holds a NUL
    /// byte, and ``LuaError/Kind/memory`` when the memory budget refuses the strings.
    public func recordShape(_ keys: [String]) throws -> LuaRecordShape {
        var seen = Set<String>()
        for key in keys {
            guard seen.insert(key).inserted else { throw LuaError(.marshalling, "a record shape cannot have key '\(key)' twice") }
            guard !key.utf8.contains(0) else { throw LuaError(.marshalling, "a record shape's key cannot contain a NUL byte (U+0000)") }
        }
        var references = ContiguousArray<Int32>()
        references.reserveCapacity(keys.count)
        do {
            try lua.scope(slots: 2) { stack in
                for key in keys {
                    stack.push(key)
                    try lua.checkBudget(after: "the keys of a record shape")
                    guard let reference = stack.makeReference() else { try lua.checkUsable(); throw LuaState.poisonedError }
                    references.append(reference)
                }
            }
        } catch {
            for reference in references { lua.release(reference: reference) }
            throw error
        }
        return LuaRecordShape(runtime: self, keys: keys, references: references)
    }
}
