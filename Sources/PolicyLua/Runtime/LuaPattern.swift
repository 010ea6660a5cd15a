/// Lua 5.4's string pattern matcher, ported from `lstrlib.c` with one change: every step is
/// counted against a budget, so that no pattern can run away (`('a?'):rep(24)..('a'):rep(24)`
/// against 24 `a`s, or `.-.-.-.-b` against 300,000 characters, end with an error instead).
struct LuaPattern {
    /// What a capture holds.
    enum Capture: Equatable {
        case text(Range<Int>)
        case position(Int)
    }

    /// A failure: a malformed pattern or the budget used up.
    struct Failure: Error {
        let message: String
        let budget: Bool
    }

    private static let maximumCaptures = 32
    private static let maximumDepth = 200
    private static let unfinished = -1
    private static let positionCapture = -2

    private let subject: UnsafeBufferPointer<UInt8>
    private let pattern: UnsafeBufferPointer<UInt8>
    private var steps: Int
    private var depth = 0
    private var level = 0
    private var captureStart = [Int](repeating: 0, count: LuaPattern.maximumCaptures)
    private var captureLength = [Int](repeating: 0, count: LuaPattern.maximumCaptures)

    /// A matcher over bytes that stay valid while it is used (a Lua string on the stack).
    init(subject: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>, steps: Int) {
        self.subject = subject
        self.pattern = pattern
        self.steps = steps
    }

    /// Steps left after matching.
    var stepsLeft: Int { steps }

    /// Finds the first match starting at or after `start` (0-based), or exactly at it when
    /// `anchored`; skips a match that ends at `skipEnd` (as `gmatch` and `gsub` do).
    mutating func find(from start: Int, anchored: Bool, skipEnd: Int?) throws -> (range: Range<Int>, captures: [Capture])? {
        var position = start
        let patternStart = 0
        while true {
            level = 0
            depth = LuaPattern.maximumDepth
            if let end = try match(position, patternStart), end != skipEnd {
                return (position..<end, try captures(whole: position..<end))
            }
            position += 1
            if anchored || position > subject.count { return nil }
        }
    }

    private func captures(whole: Range<Int>) throws -> [Capture] {
        var result: [Capture] = []
        for index in 0..<level {
            let length = captureLength[index]
            if length == LuaPattern.positionCapture {
                result.append(.position(captureStart[index] + 1))
            } else if length == LuaPattern.unfinished {
                throw Failure(message: "unfinished capture", budget: false)
            } else {
                result.append(.text(captureStart[index]..<(captureStart[index] + length)))
            }
        }
        return result
    }

    // MARK: - The matcher (lstrlib.c, step-counted)

    @inline(__always)
    private func p(_ index: Int) -> UInt8 { index < pattern.count ? pattern[index] : 0 }

    @inline(__always)
    private mutating func step() throws {
        steps -= 1
        if steps < 0 {
            throw Failure(message: "string pattern too complex (its step budget is used up)", budget: true)
        }
    }

    private func classEnd(_ index: Int) throws -> Int {
        var index = index
        let c = p(index)
        index += 1
        if c == UInt8(ascii: "%") {
            if index >= pattern.count { throw Failure(message: "malformed pattern (ends with '%')", budget: false) }
            return index + 1
        }
        if c == UInt8(ascii: "[") {
            if p(index) == UInt8(ascii: "^") { index += 1 }
            repeat {
                if index >= pattern.count { throw Failure(message: "malformed pattern (missing ']')", budget: false) }
                let current = pattern[index]
                index += 1
                if current == UInt8(ascii: "%") && index < pattern.count { index += 1 }
            } while p(index) != UInt8(ascii: "]")
            return index + 1
        }
        return index
    }

    private static func matchClass(_ c: UInt8, _ cl: UInt8) -> Bool {
        let lower = (cl >= 65 && cl <= 90) ? cl + 32 : cl
        var result: Bool
        switch lower {
        case UInt8(ascii: "a"): result = isAlpha(c)
        case UInt8(ascii: "c"): result = c < 32 || c == 127
        case UInt8(ascii: "d"): result = c >= 48 && c <= 57
        case UInt8(ascii: "g"): result = c > 32 && c < 127
        case UInt8(ascii: "l"): result = c >= 97 && c <= 122
        case UInt8(ascii: "p"): result = c > 32 && c < 127 && !isAlpha(c) && !(c >= 48 && c <= 57)
        case UInt8(ascii: "s"): result = c == 32 || (c >= 9 && c <= 13)
        case UInt8(ascii: "u"): result = c >= 65 && c <= 90
        case UInt8(ascii: "w"): result = isAlpha(c) || (c >= 48 && c <= 57)
        case UInt8(ascii: "x"): result = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
        default: return cl == c
        }
        if cl >= 65 && cl <= 90 { result.toggle() }
        return result
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    /// `start` points at '[', `end` at the closing ']'.
    private func matchBracketClass(_ c: UInt8, _ start: Int, _ end: Int) -> Bool {
        var index = start
        var signal = true
        if p(index + 1) == UInt8(ascii: "^") {
            signal = false
            index += 1
        }
        index += 1
        while index < end {
            if p(index) == UInt8(ascii: "%") {
                index += 1
                if LuaPattern.matchClass(c, p(index)) { return signal }
                index += 1
            } else if p(index + 1) == UInt8(ascii: "-") && index + 2 < end {
                if p(index) <= c && c <= p(index + 2) { return signal }
                index += 3
            } else {
                if p(index) == c { return signal }
                index += 1
            }
        }
        return !signal
    }

    private func singleMatch(_ s: Int, _ pi: Int, _ ep: Int) -> Bool {
        guard s < subject.count else { return false }
        let c = subject[s]
        switch p(pi) {
        case UInt8(ascii: "."): return true
        case UInt8(ascii: "%"): return LuaPattern.matchClass(c, p(pi + 1))
        case UInt8(ascii: "["): return matchBracketClass(c, pi, ep - 1)
        default: return p(pi) == c
        }
    }

    private mutating func matchBalance(_ s: Int, _ pi: Int) throws -> Int? {
        if pi + 1 >= pattern.count {
            throw Failure(message: "malformed pattern (missing arguments to '%b')", budget: false)
        }
        guard s < subject.count, subject[s] == pattern[pi] else { return nil }
        let open = pattern[pi], close = pattern[pi + 1]
        var count = 1
        var index = s + 1
        while index < subject.count {
            try step()
            if subject[index] == close {
                count -= 1
                if count == 0 { return index + 1 }
            } else if subject[index] == open {
                count += 1
            }
            index += 1
        }
        return nil
    }

    private mutating func maxExpand(_ s: Int, _ pi: Int, _ ep: Int) throws -> Int? {
        var count = 0
        while singleMatch(s + count, pi, ep) {
            try step()
            count += 1
        }
        while count >= 0 {
            if let result = try match(s + count, ep + 1) { return result }
            count -= 1
        }
        return nil
    }

    private mutating func minExpand(_ s: Int, _ pi: Int, _ ep: Int) throws -> Int? {
        var s = s
        while true {
            if let result = try match(s, ep + 1) { return result }
            if singleMatch(s, pi, ep) { s += 1 } else { return nil }
        }
    }

    private mutating func startCapture(_ s: Int, _ pi: Int, _ what: Int) throws -> Int? {
        guard level < LuaPattern.maximumCaptures else { throw Failure(message: "too many captures", budget: false) }
        captureStart[level] = s
        captureLength[level] = what
        level += 1
        let result = try match(s, pi)
        if result == nil { level -= 1 }
        return result
    }

    private mutating func endCapture(_ s: Int, _ pi: Int) throws -> Int? {
        var open = level - 1
        while open >= 0 && captureLength[open] != LuaPattern.unfinished { open -= 1 }
        guard open >= 0 else { throw Failure(message: "invalid pattern capture", budget: false) }
        captureLength[open] = s - captureStart[open]
        let result = try match(s, pi)
        if result == nil { captureLength[open] = LuaPattern.unfinished }
        return result
    }

    private func matchCapture(_ s: Int, _ digit: UInt8) throws -> Int? {
        let index = Int(digit) - Int(UInt8(ascii: "1"))
        guard index >= 0, index < level, captureLength[index] != LuaPattern.unfinished else {
            throw Failure(message: "invalid capture index %\(index + 1)", budget: false)
        }
        let length = captureLength[index]
        guard subject.count - s >= length else { return nil }
        let start = captureStart[index]
        for offset in 0..<length where subject[start + offset] != subject[s + offset] { return nil }
        return s + length
    }

    private mutating func match(_ sStart: Int, _ pStart: Int) throws -> Int? {
        try step()
        depth -= 1
        if depth < 0 { throw Failure(message: "pattern too complex", budget: false) }
        defer { depth += 1 }
        var s: Int? = sStart
        var pi = pStart
        while true {
            try step()
            guard let current = s, pi < pattern.count else { return s }
            switch pattern[pi] {
            case UInt8(ascii: "("):
                if p(pi + 1) == UInt8(ascii: ")") {
                    return try startCapture(current, pi + 2, LuaPattern.positionCapture)
                }
                return try startCapture(current, pi + 1, LuaPattern.unfinished)
            case UInt8(ascii: ")"):
                return try endCapture(current, pi + 1)
            case UInt8(ascii: "$") where pi + 1 == pattern.count:
                return current == subject.count ? current : nil
            case UInt8(ascii: "%") where p(pi + 1) == UInt8(ascii: "b"):
                s = try matchBalance(current, pi + 2)
                if s != nil { pi += 4; continue }
                return nil
            case UInt8(ascii: "%") where p(pi + 1) == UInt8(ascii: "f"):
                pi += 2
                guard p(pi) == UInt8(ascii: "[") else {
                    throw Failure(message: "missing '[' after '%f' in pattern", budget: false)
                }
                let ep = try classEnd(pi)
                let previous: UInt8 = current == 0 ? 0 : subject[current - 1]
                let next: UInt8 = current < subject.count ? subject[current] : 0
                if !matchBracketClass(previous, pi, ep - 1) && matchBracketClass(next, pi, ep - 1) {
                    pi = ep
                    continue
                }
                return nil
            case UInt8(ascii: "%") where p(pi + 1) >= UInt8(ascii: "0") && p(pi + 1) <= UInt8(ascii: "9"):
                s = try matchCapture(current, p(pi + 1))
                if s != nil { pi += 2; continue }
                return nil
            default:
                let ep = try classEnd(pi)
                let suffix = p(ep)
                if !singleMatch(current, pi, ep) {
                    if suffix == UInt8(ascii: "*") || suffix == UInt8(ascii: "?") || suffix == UInt8(ascii: "-") {
                        pi = ep + 1
                        continue
                    }
                    return nil
                }
                switch suffix {
                case UInt8(ascii: "?"):
                    if let result = try match(current + 1, ep + 1) { return result }
                    pi = ep + 1
                    continue
                case UInt8(ascii: "+"):
                    return try maxExpand(current + 1, pi, ep)
                case UInt8(ascii: "*"):
                    return try maxExpand(current, pi, ep)
                case UInt8(ascii: "-"):
                    return try minExpand(current, pi, ep)
                default:
                    s = current + 1
                    pi = ep
                    continue
                }
            }
        }
    }
}
