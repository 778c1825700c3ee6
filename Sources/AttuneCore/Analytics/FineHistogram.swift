/// A histogram with fixed buckets of ``bucketWidth`` (0.001) on every scale, stored sparsely: enough to
/// answer min, max and quantiles within one bucket width, and to add up and subtract exactly like the sums.
///
/// A bucket is named by its lower edge: bucket b holds values in [b·0.001, (b+1)·0.001). A value with at
/// most three decimals (every built-in scale, which rounds to two) sits on a lower edge, so its min, max
/// and quantiles come out exact; others are reported at their bucket's lower edge, at most one width low.
public struct FineHistogram: Sendable, Hashable {
    /// The bucket width in micro-units (0.001).
    public static let bucketMicro: Int64 = 1_000
    /// The bucket width.
    public static var bucketWidth: Double { FixedPoint.value(bucketMicro) }

    /// Counts per bucket index.
    public var buckets: SparseCounts

    /// Creates an empty histogram, or one over `buckets`.
    public init(buckets: SparseCounts = SparseCounts()) { self.buckets = buckets }

    /// The bucket of a value of `micro` micro-units (rounded down, also below zero).
    public static func bucket(ofMicro micro: Int64) -> Int64 {
        let (quotient, remainder) = micro.quotientAndRemainder(dividingBy: bucketMicro)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The lower edge of bucket `bucket`.
    public static func lowerEdge(of bucket: Int64) -> Double {
        Double(bucket) * Double(bucketMicro) / Double(FixedPoint.scale)
    }

    /// Adds (`weight` 1) or removes (`weight` −1) one value.
    public mutating func add(micro: Int64, weight: Int64 = 1) {
        buckets.add(Self.bucket(ofMicro: micro), weight)
    }

    /// Adds another histogram (`weight` −1 subtracts it).
    public mutating func merge(_ other: FineHistogram, weight: Int64 = 1) {
        buckets.merge(other.buckets, weight: weight)
    }

    /// How many values.
    public var count: Int64 { buckets.entries.reduce(0) { $0 + max($1.count, 0) } }

    /// The smallest value's bucket edge, or nil when empty.
    public var minimum: Double? { buckets.entries.first { $0.count > 0 }.map { Self.lowerEdge(of: $0.key) } }

    /// The largest value's bucket edge, or nil when empty.
    public var maximum: Double? { buckets.entries.last { $0.count > 0 }.map { Self.lowerEdge(of: $0.key) } }

    /// The `p` quantile (0...1) by linear interpolation between order statistics (Hyndman & Fan type 7,
    /// the default of R and NumPy): h = (n − 1)·p, q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎), each order
    /// statistic read as its bucket's lower edge. Nil when empty or `p` is outside 0...1.
    public func quantile(_ p: Double) -> Double? {
        let n = count
        guard n > 0, p >= 0, p <= 1 else { return nil }
        let h = Double(n - 1) * p
        let lowerRank = Int64(h.rounded(.down))
        let fraction = h - Double(lowerRank)
        guard let lower = orderStatistic(lowerRank) else { return nil }
        guard fraction > 0, let upper = orderStatistic(min(lowerRank + 1, n - 1)) else { return lower }
        return lower + fraction * (upper - lower)
    }

    /// The value of rank `rank` (0-based) in ascending order, as its bucket's lower edge.
    private func orderStatistic(_ rank: Int64) -> Double? {
        var seen: Int64 = 0
        for entry in buckets.entries where entry.count > 0 {
            seen += entry.count
            if rank < seen { return Self.lowerEdge(of: entry.key) }
        }
        return nil
    }
}
