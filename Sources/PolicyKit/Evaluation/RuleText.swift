/// Formatting shared by the explanation lines and findings of the standard rules, so that the
/// same numbers are always written the same way (no locale, no platform formatting).
package enum RuleText {
    /// `value` rounded to `decimals` places, written with exactly that many decimals (`0.80`).
    package static func fixed(_ value: Double, _ decimals: Int = 2) -> String {
        digits(value, decimals, trimmingZeros: false)
    }

    /// A computed number rounded to two decimals, trailing zeros removed (`75.84`, `72`).
    static func number(_ value: Double) -> String {
        digits(value, 2, trimmingZeros: true)
    }

    /// The digits of `value` rounded to `decimals` places (half away from zero), written into one
    /// buffer (the trace lines of every item use these: no intermediate strings).
    private static func digits(_ value: Double, _ decimals: Int, trimmingZeros: Bool) -> String {
        guard value.isFinite else { return String(describing: value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else {
            var text = String(value)
            if trimmingZeros, text.contains("."), !text.contains("e") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        var whole = UInt64(scaled)
        // "-0" never: a value that rounds to zero is written without a sign
        let negative = value < 0 && whole != 0
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40 + decimals) { buffer in
            var end = buffer.count, start = end
            var fractionDigits = decimals
            if trimmingZeros {
                while fractionDigits > 0, whole % 10 == 0 { whole /= 10; fractionDigits -= 1 }
            }
            for position in 0... {
                if position == fractionDigits, fractionDigits > 0 {
                    start -= 1; buffer[start] = UInt8(ascii: ".")
                }
                start -= 1; buffer[start] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
                if whole == 0, position >= fractionDigits { break }
            }
            if negative { start -= 1; buffer[start] = UInt8(ascii: "-") }
            end = buffer.count
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// A value of an indicator with its unit: `96 enterprises`, `16.1%`, `drafted`, `reached`.
    static func value(_ value: MeasureValue, of indicator: Indicator) -> String {
        switch value {
        case .number(let number):
            return quantity(MeasureValue.number(number).description, unit: indicator.unit)
        case .level(let level):
            return level
        case .reached(let reached):
            return reached ? "reached" : "not reached"
        }
    }

    /// A computed number of an indicator with its unit: `75.84 enterprises`.
    static func computed(_ number: Double, of indicator: Indicator) -> String {
        quantity(self.number(number), unit: indicator.unit)
    }

    /// A number followed by its unit, `%` without a space.
    static func quantity(_ number: String, unit: String) -> String {
        if unit.isEmpty { return number }
        return unit == "%" ? number + "%" : number + " " + unit
    }

    /// `a, b and c` (or `a, b or c`).
    static func list(_ items: [String], _ conjunction: String = "and") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }

    /// ` (illustrative)` or ` (source: ...)`.
    static func source(_ provenance: Provenance) -> String {
        provenance.isIllustrative ? " (illustrative)" : " (source: \(provenance.text))"
    }
}
