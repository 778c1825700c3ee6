import AttuneCore
import Testing

/// Exact sums, the fine histogram and the statistics read from them, against hand-worked values.
@Suite struct AggregateStatisticsTests {
    private func sum(_ values: [Double]) -> ExactSum {
        var sum = ExactSum()
        for value in values { sum.add(micro: FixedPoint.micro(value) ?? 0) }
        return sum
    }

    private func histogram(_ values: [Double]) -> FineHistogram {
        var histogram = FineHistogram()
        for value in values { histogram.add(micro: FixedPoint.micro(value) ?? 0) }
        return histogram
    }

    // 1, 2, 3, 4: mean 2.5; Σ(x − 2.5)² = 5, SD = √(5/3) = 1.290994.
    @Test func computesMeanAndSampleSD() throws {
        let totals = sum([1, 2, 3, 4])
        #expect(totals.count == 4)
        #expect(totals.mean == 2.5)
        #expect(abs(try #require(totals.standardDeviation) - (5.0 / 3).squareRoot()) < 1e-12)
        #expect(sum([7]).standardDeviation == nil)
        #expect(sum([2, 2, 2]).standardDeviation == 0)
        #expect(ExactSum().mean == nil)
    }

    // A large mean beside a tiny spread: 1e9 − 0.000001, 1e9, 1e9 + 0.000001 has SD exactly 0.000001.
    @Test func keepsTheSpreadOfLargeValuesExact() throws {
        var totals = ExactSum()
        for micro: Int64 in [999_999_999_999_999, 1_000_000_000_000_000, 1_000_000_000_000_001] {
            totals.add(micro: micro)
        }
        #expect(abs(try #require(totals.standardDeviation) - 0.000_001) < 1e-15)
    }

    @Test func removingWhatWasAddedRestoresTheTotalsExactly() {
        var totals = sum([0.1, 0.2, 0.7])
        totals.add(micro: FixedPoint.micro(0.1) ?? 0, weight: -1)
        totals.add(micro: FixedPoint.micro(0.7) ?? 0, weight: -1)
        #expect(totals == sum([0.2]))
        var merged = sum([1, 2])
        merged.merge(sum([3]))
        merged.merge(sum([1]), weight: -1)
        #expect(merged == sum([2, 3]))
    }

    @Test func refusesValuesOutsideTheFixedPointRange() {
        #expect(FixedPoint.micro(.nan) == nil)
        #expect(FixedPoint.micro(.infinity) == nil)
        #expect(FixedPoint.micro(1e10) == nil)
        #expect(FixedPoint.micro(-2.5) == -2_500_000)
        #expect(FixedPoint.micro(0.000_000_5) == 1)
    }

    // Type 7 on 1, 2, 3, 4: p25 at h = 0.75 → 1.75; median 2.5; p75 at h = 2.25 → 3.25.
    @Test func computesQuantilesByLinearInterpolation() {
        let stats = DescriptiveStatistics(sum: sum([4, 2, 3, 1]), histogram: histogram([4, 2, 3, 1]))
        #expect(stats.minimum == 1)
        #expect(stats.p25 == 1.75)
        #expect(stats.median == 2.5)
        #expect(stats.p75 == 3.25)
        #expect(stats.maximum == 4)
    }

    // 0.5, 1, 2, 2.75, 3.25: h = 1, 2, 3 land on order statistics.
    @Test func landsOnOrderStatisticsWhenTheRankIsWhole() {
        let values = [2.75, 0.5, 3.25, 1.0, 2.0]
        let built = histogram(values)
        #expect(built.quantile(0.25) == 1.0)
        #expect(built.quantile(0.5) == 2.0)
        #expect(built.quantile(0.75) == 2.75)
        #expect(built.quantile(0) == 0.5)
        #expect(built.quantile(1) == 3.25)
        #expect(built.quantile(1.5) == nil)
        #expect(FineHistogram().quantile(0.5) == nil)
    }

    @Test func readsFinerValuesAtTheirBucketsLowerEdge() {
        let built = histogram([1.2345, -0.0005])
        #expect(built.maximum == 1.234)
        #expect(built.minimum == -0.001)
    }

    /// Quantiles of values with six decimals stay within one bucket width of the exact type-7 value.
    @Test(arguments: [1, 2, 3, 17, 250])
    func quantilesStayWithinOneBucketWidth(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        let values = (0..<(Int(seed % 97) + 1)).map { _ in Double(generator.next() % 4_000_000) / 1_000_000 }
        let sorted = values.sorted()
        let built = histogram(values)
        for p in [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1] {
            let h = Double(sorted.count - 1) * p
            let low = Int(h.rounded(.down))
            let high = min(low + 1, sorted.count - 1)
            let exact = sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
            let approximate = built.quantile(p) ?? .nan
            #expect(approximate <= exact + 1e-12)
            #expect(exact - approximate <= FineHistogram.bucketWidth + 1e-12)
        }
    }

    @Test func histogramsAddAndSubtract() {
        var built = histogram([1, 2, 2, 3])
        built.merge(histogram([2, 3]), weight: -1)
        #expect(built == histogram([1, 2]))
        built.merge(histogram([5]))
        #expect(built.maximum == 5)
        #expect(built.count == 3)
    }
}

/// A small deterministic generator for repeatable random tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
