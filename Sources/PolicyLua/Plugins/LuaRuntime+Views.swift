package import PolicyKit

/// Writes views straight onto the Lua stack with the C API: no Swift values are built first, and
/// every key is a string interned once per state (pushed from an array, never hashed again) —
/// the hook tables are the hot path of an evaluation.
///
/// Runs on a stack lent by ``LuaState`` with the memory budget suspended (see
/// ``LuaRuntime/writeViews(_:)``); touches only tables it creates, with raw access.
package struct LuaStackWriter: ViewWriter {
    /// The deepest nesting of open tables the views have (their shape is fixed by ``LuaViews``,
    /// not by the data).
    static let maximumOpenTables = 24
    /// Fields (or elements) of a table left on the stack before they are set together, under
    /// one guard of the C side.
    static let batch = 8
    /// The stack slots the writer may use: per open level the table and a batch of pairs.
    static let slots = Int32(maximumOpenTables * (2 * batch + 2) + 4)
    private unowned(unsafe) let runtime: LuaRuntime
    private let stack: LuaStack
    /// The stack slot of the array of interned keys (``ViewKey`` order).
    private let keys: Int32
    /// The stack slot of the array of the strings in `strings`.
    private let cached: Int32
    private let strings: LuaStringCache
    /// The innermost open table: -1 for a record, else the elements of an array so far
    /// (-2 when none is open); the ones around it in `outer`.
    private var current = -2
    /// Fields (pairs) or elements of the innermost table still on the stack; the outer
    /// tables' in `outer`.
    private var pending = 0
    private var outer: [(current: Int, pending: Int)] = []

    fileprivate init(runtime: LuaRuntime, stack: LuaStack, keys: Int32, cached: Int32, strings: LuaStringCache) {
        self.runtime = runtime
        self.stack = stack
        self.keys = keys
        self.cached = cached
        self.strings = strings
        outer.reserveCapacity(8)
    }

    package mutating func key(_ key: ViewKey) {
        stack.rawGet(keys, index: Int(key.rawValue))
    }

    package mutating func key(named name: String) {
        push(name)
    }

    package mutating func string(_ text: String) {
        push(text)
        place()
    }

    package mutating func integer(_ value: Int) {
        stack.push(value)
        place()
    }

    package mutating func double(_ value: Double) {
        stack.push(value)
        place()
    }

    package mutating func bool(_ value: Bool) {
        stack.push(value)
        place()
    }

    package mutating func day(_ day: Day) {
        let key = LuaStringCache.Key(day: day)
        if !pushCached(key) {
            stack.push(year: Int32(truncatingIfNeeded: day.year), month: Int32(day.month), day: Int32(day.day))
            remember(key)
        }
        place()
    }

    package mutating func null() {
        if current == -1 {
            stack.pop() // the key: an absent field
        } else {
            stack.pushNil()
            place()
        }
    }

    package mutating func beginRecord(capacity: Int) {
        precondition(outer.count < LuaStackWriter.maximumOpenTables, "views nest deeper than the writer reserves")
        stack.newTable(array: 0, record: Int32(clamping: capacity))
        outer.append((current, pending))
        current = -1
        pending = 0
    }

    package mutating func beginArray(capacity: Int) {
        precondition(outer.count < LuaStackWriter.maximumOpenTables, "views nest deeper than the writer reserves")
        stack.newTable(array: Int32(clamping: capacity), record: 0)
        outer.append((current, pending))
        current = 0
        pending = 0
    }

    package mutating func endTable() {
        flush()
        (current, pending) = outer.removeLast()
        place()
    }

    /// A kept value (a table built before) as the next value.
    mutating func reference(_ reference: LuaReference) {
        stack.push(reference: reference.reference)
        place()
    }

    /// Keeps the top-level value written last and returns its reference (owned: released when
    /// its last owner lets it go). When the state cannot keep it, a placeholder: the scope of
    /// ``LuaRuntime/writeViews(_:)`` then throws.
    mutating func keep() -> LuaReference {
        precondition(current == -2, "keep() inside an open table")
        guard let reference = stack.makeReference() else { return LuaReference(reference: 0) }
        return LuaReference(state: runtime.lua, reference: reference)
    }

    /// Counts the value on top for the innermost open table; sets a full batch.
    private mutating func place() {
        if current == -1 {
            pending += 1
            if pending == LuaStackWriter.batch { flush() }
        } else if current >= 0 {
            current += 1
            pending += 1
            if pending == LuaStackWriter.batch { flush() }
        }
    }

    /// Sets the pending fields or elements of the innermost table.
    private mutating func flush() {
        guard pending > 0 else { return }
        if current == -1 {
            stack.setFields(Int32(pending))
        } else {
            stack.setElements(Int32(pending), from: current - pending + 1)
        }
        pending = 0
    }

    /// Pushes a string: a short one from the cache when it was pushed before (Lua would hash
    /// it again and look it up in its string table, and make it again once collected).
    private func push(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let key = LuaStringCache.Key(bytes)
            if let key, pushCached(key) { return }
            stack.push(bytes: bytes)
            if let key { remember(key) }
        }
    }

    private func pushCached(_ key: LuaStringCache.Key) -> Bool {
        guard let index = strings.index(of: key) else { return false }
        stack.rawGet(cached, index: Int(index))
        return true
    }

    /// Adds the string on top of the stack to the cache (while there is room).
    private func remember(_ key: LuaStringCache.Key) {
        guard let index = strings.insert(key) else { return }
        stack.pushCopy(of: -1)
        stack.rawSet(cached, index: Int(index))
    }
}

/// The short strings a state holds for views, by content: an open-addressing table of keys
/// (the bytes of the string, or a day), each with its index in a Lua array of the strings.
/// Plain memory, owned by the runtime: the writer reads it without reference counting or
/// exclusivity checks.
struct LuaStringCache {
    /// A string of at most 15 UTF-8 bytes, or a day, packed into two words (`high` never zero).
    struct Key: Equatable {
        let low: UInt64
        let high: UInt64

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= 15 else { return nil }
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
            }
            low = words.0
            high = (words.1 & 0x00FF_FFFF_FFFF_FFFF) | (UInt64(bytes.count + 1) << 56)
        }

        init(day: Day) {
            low = UInt64(bitPattern: Int64(day.year)) << 9 | UInt64(day.month) << 5 | UInt64(day.day)
            high = 0xFF << 56
        }
    }

    /// Slots in the table (a power of two); at most three quarters are used.
    private static let capacity = 4096
    /// Per slot: the key (`high` zero when empty) and the index in the Lua array.
    private let keys: UnsafeMutablePointer<Key>
    private let indexes: UnsafeMutablePointer<Int32>
    private let count: UnsafeMutablePointer<Int32>

    init() {
        keys = .allocate(capacity: Self.capacity)
        keys.initialize(repeating: Key(low: 0, high: 0), count: Self.capacity)
        indexes = .allocate(capacity: Self.capacity)
        indexes.initialize(repeating: 0, count: Self.capacity)
        count = .allocate(capacity: 1)
        count.initialize(to: 0)
    }

    func deallocate() {
        keys.deallocate()
        indexes.deallocate()
        count.deallocate()
    }

    private func slot(_ key: Key) -> Int {
        let mixed = (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed >> 52) & (Self.capacity - 1)
    }

    /// The index of the string in the Lua array, if cached.
    func index(of key: Key) -> Int32? {
        var slot = slot(key)
        while keys[slot].high != 0 {
            if keys[slot] == key { return indexes[slot] }
            slot = (slot + 1) & (Self.capacity - 1)
        }
        return nil
    }

    /// Adds a key not yet cached; returns its index in the Lua array, or `nil` when full.
    func insert(_ key: Key) -> Int32? {
        guard Int(count.pointee) < Self.capacity * 3 / 4 else { return nil }
        var slot = slot(key)
        while keys[slot].high != 0 { slot = (slot + 1) & (Self.capacity - 1) }
        count.pointee += 1
        keys[slot] = key
        indexes[slot] = count.pointee
        return count.pointee
    }
}

extension LuaStringCache.Key {
    fileprivate init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }
}

extension LuaRuntime {
    /// Runs `body` with a writer onto this state's stack, the memory budget suspended; checks the
    /// budget afterwards (a collection first), and throws when what was kept exceeds it.
    package func writeViews<T>(_ body: (inout LuaStackWriter) throws -> T) throws -> T {
        let result = try lua.scope(slots: LuaStackWriter.slots) { stack in
            let top = stack.top
            let tables = try viewTables(on: stack)
            stack.push(reference: tables.keys)
            stack.push(reference: tables.strings)
            var writer = LuaStackWriter(runtime: self, stack: stack, keys: top + 1, cached: top + 2, strings: tables.cache)
            return try body(&writer)
        }
        try lua.checkBudget(after: "the tables passed to the plugin")
        return result
    }

    /// The state's tables for views, made on first use: the interned keys and the cached strings.
    private func viewTables(on stack: LuaStack) throws -> ViewTables {
        if let tables = views { return tables }
        stack.newTable(array: Int32(ViewKey.allCases.count), record: 0)
        for key in ViewKey.allCases {
            stack.push(key.name)
            stack.rawSet(-2, index: Int(key.rawValue))
        }
        guard let keys = stack.makeReference() else { try lua.checkUsable(); throw LuaState.poisonedError }
        stack.newTable(array: 256, record: 0)
        guard let strings = stack.makeReference() else { try lua.checkUsable(); throw LuaState.poisonedError }
        let tables = ViewTables(keys: keys, strings: strings, cache: LuaStringCache())
        views = tables
        return tables
    }
}

/// Registry references of a state's arrays of interned view keys and of cached strings, and
/// the cache's index of those strings.
struct ViewTables {
    let keys: Int32
    let strings: Int32
    let cache: LuaStringCache
}
