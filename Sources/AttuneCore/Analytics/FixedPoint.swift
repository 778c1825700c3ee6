/// Scale values as exact integers: millionths (micro-units), the finest rounding a scale can ask for
/// (``Scale/defaultRound`` is 6 decimals), so a stored value converts without loss.
///
/// Sums of these integers are exact in any order, so a rollup that adds and later subtracts a value
/// returns to exactly what it was, which floating-point sums do not.
public enum FixedPoint {
    /// Micro-units per unit.
    public static let scale: Int64 = 1_000_000
    /// The largest magnitude summed: 10⁹ units (10¹⁵ micro-units), so a square (≤ 10³⁰) and a sum of
    /// squares over 10⁸ values stay inside 128 bits. Every bounded scale of a valid definition stays far
    /// inside it (``NumberBounds/magnitude`` bounds each item).
    public static let maxMagnitude = 1e9

    /// `value` in micro-units, rounded half away from zero; nil when it is not finite or beyond
    /// ``maxMagnitude``.
    public static func micro(_ value: Double) -> Int64? {
        guard value.isFinite, abs(value) <= maxMagnitude else { return nil }
        return Int64((value * Double(scale)).rounded(.toNearestOrAwayFromZero))
    }

    /// The value of `micro` micro-units.
    public static func value(_ micro: Int64) -> Double { Double(micro) / Double(scale) }

    /// The value of a wide count of micro-units divided by `divisor` (a mean), computed in integers first.
    public static func value(_ micro: Int128, dividedBy divisor: Int64) -> Double {
        guard divisor != 0 else { return .nan }
        let (quotient, remainder) = micro.quotientAndRemainder(dividingBy: Int128(divisor))
        return (Double(quotient) + Double(remainder) / Double(divisor)) / Double(scale)
    }
}
