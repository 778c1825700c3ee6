/// What an aggregate reports about one scale's values in a group, computed from exact sums and the fine
/// histogram rather than from the values themselves.
public struct DescriptiveStatistics: Sendable, Hashable {
    /// How many values.
    public var count: Int64
    /// The mean.
    public var mean: Double?
    /// The sample standard deviation (n − 1).
    public var standardDeviation: Double?
    /// The smallest value (within one bucket width).
    public var minimum: Double?
    /// The 25th percentile (within one bucket width).
    public var p25: Double?
    /// The median (within one bucket width).
    public var median: Double?
    /// The 75th percentile (within one bucket width).
    public var p75: Double?
    /// The largest value (within one bucket width).
    public var maximum: Double?

    /// The statistics of values summarised by `sum` and `histogram` (which count the same values).
    public init(sum: ExactSum, histogram: FineHistogram) {
        count = sum.count
        mean = sum.mean
        standardDeviation = sum.standardDeviation
        minimum = histogram.minimum
        p25 = histogram.quantile(0.25)
        median = histogram.quantile(0.5)
        p75 = histogram.quantile(0.75)
        maximum = histogram.maximum
    }
}
