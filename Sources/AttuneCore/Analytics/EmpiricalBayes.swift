/// Shrinks each group's mean toward the overall mean by how much of its distance from it is more than
/// chance, so a therapist with three clients does not top or tail a ranking by luck (empirical Bayes,
/// the normal–normal model of Morris 1983).
///
/// The unit is a client's mean, not a submission: one client's sessions are correlated, so counting them
/// as independent would make a small caseload look far more certain than it is. With group j holding nⱼ
/// client means of average Ȳⱼ and N clients in all:
/// - μ, the mean of all client means (each client weighs the same);
/// - σ², the pooled within-group variance of client means, Σ(nⱼ − 1)·sⱼ² / (N − J);
/// - τ², the between-group variance by the method of moments of the one-way random-effects ANOVA:
///   (MSB − σ²) / n₀, MSB = Σ nⱼ(Ȳⱼ − μ)² / (J − 1), n₀ = (N − Σnⱼ²/N) / (J − 1), truncated at 0;
/// - Bⱼ = τ² / (τ² + σ²/nⱼ), shrunk mean μ + Bⱼ(Ȳⱼ − μ);
/// - an approximate 95 % interval ±1.96·√(Bⱼσ²/nⱼ + (1 − Bⱼ)²·Var μ), Var μ = (τ²Σnⱼ² + σ²N)/N², which
///   treats τ² and σ² as known (hence approximate: it is too narrow when there are few groups).
public struct EmpiricalBayesShrinkage: Sendable, Hashable {
    /// One group's result.
    public struct Estimate: Sendable, Hashable {
        /// Clients behind it.
        public var clients: Int
        /// The mean of its client means.
        public var rawMean: Double
        /// The mean shrunk toward ``EmpiricalBayesShrinkage/overallMean``.
        public var shrunkMean: Double
        /// Bⱼ: how much of the raw distance from the overall mean is kept (0 all shrunk, 1 none).
        public var weight: Double
        /// The approximate 95 % interval's lower end.
        public var lower: Double
        /// The approximate 95 % interval's upper end.
        public var upper: Double
    }

    /// μ.
    public var overallMean: Double
    /// σ², the within-group variance of client means.
    public var withinVariance: Double
    /// τ², the between-group variance (0 when truncated).
    public var betweenVariance: Double
    /// One estimate per input group, in input order.
    public var estimates: [Estimate]

    /// Why shrinkage could not be computed.
    public enum Unavailable: String, Sendable, Hashable, Error {
        /// Fewer than two groups have a client.
        case fewerThanTwoGroups
        /// No group has two clients, so the spread within groups is unknown.
        case noWithinGroupSpread
    }

    /// The z value of a two-sided 95 % interval.
    public static let z95 = 1.96

    /// Shrinks the groups whose client means are `groups` (a group without clients gets no estimate
    /// and may not be passed). Returns `.failure` when there is too little data to estimate the variances.
    public static func estimate(_ groups: [[Double]]) -> Result<EmpiricalBayesShrinkage, Unavailable> {
        let counted = groups.filter { !$0.isEmpty }
        guard counted.count >= 2, counted.count == groups.count else { return .failure(.fewerThanTwoGroups) }
        let groupCount = Double(groups.count)
        let sizes = groups.map { Double($0.count) }
        let total = sizes.reduce(0, +)
        guard total - groupCount >= 1 else { return .failure(.noWithinGroupSpread) }
        let means = groups.map { $0.reduce(0, +) / Double($0.count) }
        let overall = groups.joined().reduce(0, +) / total
        var withinSquares = 0.0
        var betweenSquares = 0.0
        for (index, group) in groups.enumerated() {
            withinSquares += group.reduce(0) { $0 + ($1 - means[index]) * ($1 - means[index]) }
            betweenSquares += sizes[index] * (means[index] - overall) * (means[index] - overall)
        }
        let within = withinSquares / (total - groupCount)
        let meanSquareBetween = betweenSquares / (groupCount - 1)
        let effectiveSize = (total - sizes.reduce(0) { $0 + $1 * $1 } / total) / (groupCount - 1)
        let between = effectiveSize > 0 ? Swift.max(0, (meanSquareBetween - within) / effectiveSize) : 0
        let overallVariance = (between * sizes.reduce(0) { $0 + $1 * $1 } + within * total) / (total * total)
        let estimates = groups.indices.map { index -> Estimate in
            let sampling = within / sizes[index]
            let weight = between + sampling > 0 ? between / (between + sampling) : 0
            let shrunk = overall + weight * (means[index] - overall)
            let variance = weight * sampling + (1 - weight) * (1 - weight) * overallVariance
            let half = z95 * Swift.max(variance, 0).squareRoot()
            return Estimate(
                clients: groups[index].count,
                rawMean: means[index],
                shrunkMean: shrunk,
                weight: weight,
                lower: shrunk - half,
                upper: shrunk + half
            )
        }
        return .success(
            EmpiricalBayesShrinkage(
                overallMean: overall,
                withinVariance: within,
                betweenVariance: between,
                estimates: estimates
            )
        )
    }
}
