/// The count, sum and sum of squares of a set of values, in exact integers (micro-units), so that
/// adding and removing values in any order gives the same totals, and mean and SD follow from them
/// without re-reading the values.
public struct ExactSum: Sendable, Hashable {
    /// How many values.
    public var count: Int64
    /// Σ x, in micro-units.
    public var sum: Int128
    /// Σ x², in micro-units squared.
    public var sumOfSquares: Int128

    /// Creates totals.
    public init(count: Int64 = 0, sum: Int128 = 0, sumOfSquares: Int128 = 0) {
        self.count = count
        self.sum = sum
        self.sumOfSquares = sumOfSquares
    }

    /// Whether it holds no value.
    public var isEmpty: Bool { count == 0 && sum == 0 && sumOfSquares == 0 }

    /// Adds (`weight` 1) or removes (`weight` −1) one value of `micro` micro-units.
    public mutating func add(micro: Int64, weight: Int64 = 1) {
        let value = Int128(micro)
        count += weight
        sum += Int128(weight) * value
        sumOfSquares += Int128(weight) * value * value
    }

    /// Adds another set's totals (`weight` −1 subtracts them).
    public mutating func merge(_ other: ExactSum, weight: Int64 = 1) {
        count += weight * other.count
        sum += Int128(weight) * other.sum
        sumOfSquares += Int128(weight) * other.sumOfSquares
    }

    /// The mean, or nil without values.
    public var mean: Double? {
        guard count > 0 else { return nil }
        return FixedPoint.value(sum, dividedBy: count)
    }

    /// The sample standard deviation (n − 1), or nil with fewer than two values.
    ///
    /// n·Σx² − (Σx)² is computed exactly in integers, so no cancellation error creeps in however
    /// large the mean is next to the spread.
    public var standardDeviation: Double? {
        guard count > 1 else { return nil }
        let n = Int128(count)
        let scaled = n.multipliedReportingOverflow(by: sumOfSquares)
        let squared = sum.multipliedReportingOverflow(by: sum)
        let variance: Double
        if !scaled.overflow, !squared.overflow {
            let numerator = scaled.partialValue - squared.partialValue
            guard numerator > 0 else { return 0 }
            variance = Double(numerator) / (Double(count) * Double(count - 1))
        } else {
            // Beyond 128 bits (about 10⁸ values near the largest magnitude): the same formula in doubles.
            let mean = Double(sum) / Double(count)
            variance = Swift.max(0, (Double(sumOfSquares) - Double(sum) * mean) / Double(count - 1))
        }
        return variance.squareRoot() / Double(FixedPoint.scale)
    }
}
