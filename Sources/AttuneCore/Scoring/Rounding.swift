/// Rounding as measure manuals do it.
public enum Rounding {
    /// Rounds `value` to `decimals` places, half away from zero (2.5 → 3, −2.5 → −3, 2.675 → 2.68).
    ///
    /// `Double` cannot hold 2.675 exactly (it is 2.67499999999999982…), and a score computed as a mean
    /// carries similar error, so a fraction within a few ulps of one half is treated as exactly one half:
    /// the person reading "2.675" expects it to round up.
    public static func halfAwayFromZero(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite, decimals >= 0 else { return value }
        // Beyond 15 decimals a Double has no digits left to round.
        let places = min(decimals, 15)
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let scaled = value * factor
        let whole = scaled.rounded(.towardZero)
        let fraction = abs(scaled - whole)
        let tolerance = max(Tolerance.comparison, 16 * scaled.ulp)
        let rounded: Double
        if abs(fraction - 0.5) <= tolerance {
            rounded = whole + (scaled < 0 ? -1 : 1)
        } else {
            rounded = scaled.rounded(.toNearestOrAwayFromZero)
        }
        return rounded / factor
    }
}
