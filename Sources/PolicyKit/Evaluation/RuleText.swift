/// Formatting shared by the explanation lines and findings of the standard rules, so that the
/// same numbers are always written the same way (no locale, no platform formatting).
package enum RuleText {
    /// `value` rounded to `decimals` places, written with exactly that many decimals (`0.80`).
    package static func fixed(_ value: Double, _ decimals: Int = 2) -> String {
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

    /// A computed number rounded to two decimals, trailing zeros removed (`75.84`, `72`).
    static func number(_ value: Double) -> String {
        var text = fixed(value, 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
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
