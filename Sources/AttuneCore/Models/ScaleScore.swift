/// Why a scale has no value (`"value": null`), stored beside it as `"unscored"`.
public enum UnscoredReason: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Fewer of the applicable items were answered than `minAnswered` asks.
    case tooFewAnswered
    /// Every item of the scale was answered `"notApplicable"`.
    case allNotApplicable
}

/// The computed result of one scale, as stored and returned:
/// `{"value": 2.75, "answered": 8, "of": 8, "notApplicable": 0, "prorated": false, "band": "strong"}`.
public struct ScaleScore: Sendable, Equatable {
    /// The value, rounded to the scale's decimals; nil when the scale could not be scored (see ``unscored``).
    public var value: Double?
    /// How many of the scale's items were answered with a score.
    public var answered: Int
    /// How many items the scale has.
    public var of: Int
    /// How many of the scale's items were answered `"notApplicable"`.
    public var notApplicable: Int
    /// Whether a `sum` was scaled up for items without a score.
    public var prorated: Bool
    /// Why ``value`` is nil; nil when there is a value.
    public var unscored: UnscoredReason?
    /// The label of the band the value falls in, if any.
    public var band: String?
    /// Whether the value is on the clinical side of the cut-off; nil without a cut-off or a value.
    public var cutoffCrossed: Bool?

    /// Creates a score.
    public init(
        value: Double?,
        answered: Int,
        of: Int,
        notApplicable: Int = 0,
        prorated: Bool,
        unscored: UnscoredReason? = nil,
        band: String? = nil,
        cutoffCrossed: Bool? = nil
    ) {
        self.value = value
        self.answered = answered
        self.of = of
        self.notApplicable = notApplicable
        self.prorated = prorated
        self.unscored = unscored
        self.band = band
        self.cutoffCrossed = cutoffCrossed
    }
}
