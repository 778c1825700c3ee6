/// Numeric tolerances, in one place so validation and scoring agree.
enum Tolerance {
    /// For comparing a value with a bound, band edge or threshold. Means and prorated sums pick up
    /// binary rounding error (0.1 + 0.2 ≠ 0.3), and 2.9999999999999996 must not count as "below 3".
    static let comparison = 1e-9

    /// For "is this a whole number of steps": 0.1-steps are not exact in binary, so 0.7 / 0.1 is
    /// 6.999999999999999; a millionth of a step is far below anything a person can enter on a slider.
    static let step = 1e-6

    /// DESIGN.md: a sender-computed score may differ from the server's by at most this much.
    static let score = 1e-6

    /// Whether `value` is within `tolerance` of an integer.
    static func isWhole(_ value: Double, tolerance: Double = step) -> Bool {
        value.isFinite && abs(value - value.rounded()) <= tolerance
    }
}
