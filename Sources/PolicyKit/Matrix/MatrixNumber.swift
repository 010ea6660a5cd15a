/// Locale-free number formatting shared by the renderers: the same digits on every machine.
package enum MatrixNumber {
    /// `value` with at most `places` decimals, trailing zeros dropped, `.` as the separator,
    /// no grouping (`0.4512`, `132`, `-0.05`).
    package static func decimal(_ value: Double, places: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let units = Int64(scaled)
        let factor = Int64(scale)
        let whole = units / factor
        var fraction = String(units % factor)
        fraction = String(repeating: "0", count: max(0, places - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && units != 0 ? "-" : ""
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A fraction as a whole percentage without the sign (`0.456` -> `46`).
    package static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "?" }
        return decimal(fraction * 100, places: 0)
    }

    /// Whether two optional fractions are equal at the precision shown in every format.
    static func sameFraction(_ left: Double?, _ right: Double?) -> Bool {
        switch (left, right) {
        case (nil, nil): true
        case let (l?, r?): decimal(l) == decimal(r)
        default: false
        }
    }
}
