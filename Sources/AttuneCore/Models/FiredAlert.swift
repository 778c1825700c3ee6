/// An alert that fired: `{"id": "low-total", "scale": "total", "value": 2.75}` or with `"item"`.
public struct FiredAlert: Sendable, Equatable {
    /// The alert's id in the definition.
    public var id: String
    /// What it watched.
    public var target: AlertTarget
    /// The value that made it fire: the scale value, or the item's own score.
    public var value: Double

    /// Creates a fired alert.
    public init(id: String, target: AlertTarget, value: Double) {
        self.id = id
        self.target = target
        self.value = value
    }
}

/// Everything the scoring engine computes for one set of answers.
public struct ScoringResult: Sendable, Equatable {
    /// Scores keyed by scale id; every scale of the definition has an entry.
    public var scores: [String: ScaleScore]
    /// Alerts that fired, in definition order.
    public var alerts: [FiredAlert]
    /// Patterns in the answers the server flags, in ``SubmissionFlag`` order.
    public var flags: [SubmissionFlag]

    /// Creates a result.
    public init(scores: [String: ScaleScore], alerts: [FiredAlert], flags: [SubmissionFlag] = []) {
        self.scores = scores
        self.alerts = alerts
        self.flags = flags
    }
}

/// A pattern in a submission's answers that the server reports in its `flags` (docs/scoring.md).
public enum SubmissionFlag: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Every answered likert item of a definition with reverse-keyed items got the same raw answer
    /// (at least ``ScoringPlan/straightLiningMinimum`` of them, reverse-keyed and not among them).
    case straightLining
}
