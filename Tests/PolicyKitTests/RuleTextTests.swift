import Testing
@testable import PolicyKit

/// The numbers of the trace lines: written into one buffer, they must read exactly as the
/// plain string arithmetic they replaced.
@Suite("Rule text numbers")
struct RuleTextTests {
    /// The former implementation, kept as the reference.
    private static func referenceFixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return String(describing: value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        guard scaled < 9e15 else { return String(value) }
        let whole = Int64(scaled)
        let divisor = Int64(scale)
        var text = String(whole / divisor)
        if decimals > 0 {
            let fraction = String(whole % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return negative ? "-" + text : text
    }

    private static func referenceNumber(_ value: Double) -> String {
        var text = referenceFixed(value, 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    @Test func fixedAndNumberReadAsBefore() {
        var values: [Double] = [0, -0.0, 0.004, 0.005, -0.005, -0.004, 0.1, 0.25, 1, 10, 72, 72.5, 75.84, 99.999, 100, -1.5,
                                0.10, 0.1000001, 0.0999999, 1e14, 8.9e15, 9e15, 1e16, -2.675, 2.675, .infinity, -.infinity, .nan,
                                123_456.789, 0.5, 1.005, 1.015]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let magnitude = Double.random(in: -6...9, using: &generator)
            values.append((Bool.random(using: &generator) ? -1 : 1) * Double.random(in: 0...1, using: &generator) * pow10(magnitude))
        }
        for value in values {
            for decimals in 0...4 {
                #expect(RuleText.fixed(value, decimals) == Self.referenceFixed(value, decimals), "\(value) to \(decimals)")
            }
            #expect(RuleText.number(value) == Self.referenceNumber(value), "\(value)")
        }
    }

    /// Beyond 9e15 the number is written as Swift writes it; the former trimming of zeros also
    /// cut the exponent of such a number (`1.5e+20` became `1.5e+2`): it no longer does.
    @Test func hugeNumbersKeepTheirExponent() {
        #expect(RuleText.number(1.5e20) == "1.5e+20")
        #expect(RuleText.number(1e20) == "1e+20")
        #expect(RuleText.fixed(-2.5e18) == "-2.5e+18")
    }

    private func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent.magnitude) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
