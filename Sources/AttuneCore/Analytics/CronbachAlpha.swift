/// Cronbach's α of a scale from complete cases, with Feldt's 95% interval (docs/analytics.md "Reliability").
///
/// α = k/(k − 1) · (1 − Σ s²ᵢ / s²ₜ) over n cases that answered all k items (sample variances, n − 1),
/// where t is the sum of the item scores. Feldt (1965): (1 − α) / (1 − α̂) follows F(n − 1, (n − 1)(k − 1)),
/// so the interval is 1 − (1 − α̂)·F₀.₉₇₅ … 1 − (1 − α̂)·F₀.₀₂₅.
public struct CronbachAlpha: Sendable, Hashable {
    /// The estimate.
    public var alpha: Double
    /// Lower end of Feldt's 95% interval.
    public var lower: Double
    /// Upper end of Feldt's 95% interval.
    public var upper: Double
    /// Complete cases behind it.
    public var cases: Int
    /// Items of the scale.
    public var items: Int

    /// α of `cases`, each one complete case's item scores in the same item order; nil with fewer than
    /// two items or three cases, unequal rows, a non-finite score, or a total without variance.
    public init?(cases rows: [[Double]]) {
        guard let first = rows.first, first.count >= 2, rows.count >= 3 else { return nil }
        let itemCount = first.count
        var itemMoments = [RunningMoments](repeating: RunningMoments(), count: itemCount)
        var totalMoments = RunningMoments()
        for row in rows {
            guard row.count == itemCount, row.allSatisfy(\.isFinite) else { return nil }
            var total = 0.0
            for (index, score) in row.enumerated() {
                itemMoments[index].add(score)
                total += score
            }
            totalMoments.add(total)
        }
        guard let totalVariance = totalMoments.sampleVariance, totalVariance > 0 else { return nil }
        let itemVariance = itemMoments.reduce(0.0) { $0 + ($1.sampleVariance ?? 0) }
        let k = Double(itemCount)
        let alpha = k / (k - 1) * (1 - itemVariance / totalVariance)
        let n = rows.count
        let df1 = Double(n - 1)
        let df2 = Double((n - 1) * (itemCount - 1))
        guard let high = FDistribution.quantile(0.975, df1, df2), let low = FDistribution.quantile(0.025, df1, df2)
        else { return nil }
        self.alpha = alpha
        self.lower = 1 - (1 - alpha) * high
        self.upper = 1 - (1 - alpha) * low
        self.cases = n
        self.items = itemCount
    }
}
