/// The bounds on every number a definition carries, so that no score computed from them overflows or
/// loses its meaning (docs/scoring.md, "Number bounds"): with at most ``magnitude`` per item and
/// ``maxWeight`` per weight, a weighted sum over any number of items a request can hold stays far
/// inside the finite doubles, and rounding it to 6 decimals stays finite too.
public enum NumberBounds {
    /// The largest magnitude of an item's `min`, `max` or `step`, an option's `score`, a band edge, a
    /// cut-off, an alert threshold or an `sd`.
    public static let magnitude = 1e9
    /// The largest weight; weights must also be greater than 0.
    public static let maxWeight = 1e6
}
