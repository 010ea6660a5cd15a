import Testing
@testable import PolicyLua

/// The tail calls of a function, read from its bytecode: the return locator hooks only return
/// events unless they are on several lines.
@Suite("Tail calls from bytecode")
struct TailCallAnalysisTests {
    private func tailCalls(_ source: String) throws -> LuaStack.TailCalls {
        let runtime = try LuaRuntime()
        let function = try runtime.load(source, chunkName: "=t")
        let hook = try runtime.call(function, references: []) { runtime, stack in try runtime.keepFunction(on: stack) }
        return try runtime.tailCalls(of: hook)
    }

    @Test func noneOneLineOrSeveral() throws {
        #expect(try tailCalls("return function(x) return { x } end") == .none)
        #expect(try tailCalls("return function(x)\n  local y = x\n  return tostring(y)\nend") == .line(3))
        // a nested function's tail calls are its own
        #expect(try tailCalls("return function(x)\n  local f = function() return g() end\n  return f\nend") == .none)
        #expect(try tailCalls("return function(x)\n  if x then\n    return f(x)\n  end\n  return g(x)\nend") == .several)
        #expect(try tailCalls("return function(x)\n  if x then return f(x) end return g(x)\nend") == .line(2))
        #expect(try tailCalls("return print") == .none)
        // lines far apart (absolute line information in the bytecode)
        let far = "return function(x)\n" + String(repeating: "  x = x + 1\n", count: 300) + "  return f(x)\nend"
        #expect(try tailCalls(far) == .line(302))
    }
}
