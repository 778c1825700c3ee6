/// Count, mean and sample SD of a stream of values (Welford's algorithm: no catastrophic cancellation).
public struct RunningMoments: Sendable, Hashable {
    /// How many values were added.
    public private(set) var count = 0
    /// Their mean; 0 before the first.
    public private(set) var mean = 0.0
    private var sumOfSquaredDeviations = 0.0

    /// Starts empty.
    public init() {}

    /// Starts with `values`.
    public init(_ values: some Sequence<Double>) {
        for value in values { add(value) }
    }

    /// Adds a value.
    public mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (value - mean)
    }

    /// The sample variance (n − 1); nil below two values.
    public var sampleVariance: Double? {
        count >= 2 ? max(0, sumOfSquaredDeviations / Double(count - 1)) : nil
    }

    /// The sample standard deviation (n − 1); nil below two values.
    public var sampleSD: Double? { sampleVariance?.squareRoot() }
}
