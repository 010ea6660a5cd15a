extension LuaRuntime {
    /// The host side of `string.find/match/gmatch/gsub` in the sandbox:
    /// `match(s, pattern, init, anchored, skip_end)` -> `start, end, captures...` or `nil`.
    ///
    /// Reads the strings in place on the Lua stack (no copy), and counts the matcher's steps
    /// against the budget of the current call.
    func patternMatch(_ stack: LuaStack) throws -> Int32 {
        guard let subject = stack.bytes(at: 1), let pattern = stack.bytes(at: 2)
        else { throw LuaError(.runtime, "bad argument to a pattern function (string expected)") }
        let start = (stack.integerValue(at: 3) ?? 0) - 1
        let anchored = stack.boolean(at: 4)
        let skipEnd: Int? = stack.type(at: 5) == LuaStack.number ? stack.integerValue(at: 5) ?? 0 : nil
        guard start >= 0, start <= subject.count else {
            stack.pushNil()
            return 1
        }
        var matcher = LuaPattern(subject: subject, pattern: pattern, steps: patternStepsLeft)
        let found: (range: Range<Int>, captures: [LuaPattern.Capture])?
        do {
            found = try matcher.find(from: start, anchored: anchored, skipEnd: skipEnd)
            patternStepsLeft = matcher.stepsLeft
        } catch let failure as LuaPattern.Failure {
            patternStepsLeft = 0
            if failure.budget {
                throw LuaError(.patternBudget, "string pattern too complex: it needed more than \(limits.patternSteps) steps in this call")
            }
            throw LuaError(.runtime, failure.message)
        }
        guard let found else {
            stack.pushNil()
            return 1
        }
        try stack.reserve(Int32(found.captures.count) + 2)
        stack.push(found.range.lowerBound + 1)
        stack.push(found.range.upperBound)
        for capture in found.captures {
            switch capture {
            case .position(let position):
                stack.push(position)
            case .text(let range):
                stack.push(bytes: UnsafeBufferPointer(rebasing: subject[range]))
            }
        }
        return Int32(found.captures.count + 2)
    }
}
