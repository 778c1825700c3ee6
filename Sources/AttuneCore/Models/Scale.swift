/// How a scale combines its items' scores.
public enum ScoringMethod: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Σ w·score over the answered items, prorated to all items when some are missing.
    case sum
    /// Σ w·score / Σ w over the answered items.
    case mean
}

/// One interpretation band, inclusive at both ends as published (`0–4`, `5–9`, …).
public struct Band: Sendable, Equatable {
    /// Lowest value of the band.
    public var min: Double
    /// Highest value of the band.
    public var max: Double
    /// The name a therapist reads, e.g. `mild`.
    public var label: String

    /// Creates a band.
    public init(min: Double, max: Double, label: String) {
        self.min = min
        self.max = max
        self.label = label
    }
}

/// Which side of a cut-off is the clinical side.
public enum CutoffDirection: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Values strictly below the cut-off are flagged.
    case below
    /// Values strictly above the cut-off are flagged.
    case above
}

/// A clinical cut-off: a value on the `direction` side of it is flagged in the score (`cutoffCrossed`).
public struct Cutoff: Sendable, Equatable {
    /// The cut-off value itself, which is not flagged.
    public var value: Double
    /// Which side is flagged.
    public var direction: CutoffDirection

    /// Creates a cut-off.
    public init(value: Double, direction: CutoffDirection) {
        self.value = value
        self.direction = direction
    }
}

/// A scale: a score computed from some of the items.
public struct Scale: Sendable, Equatable {
    /// Identifier, unique among the definition's scales; scores are keyed by it.
    public var id: String
    /// Title shown to therapists.
    public var title: String
    /// Ids of the (scored) items it combines.
    public var items: [String]
    /// How the item scores are combined.
    public var method: ScoringMethod
    /// Item weights by item id; items not listed weigh 1.
    public var weights: [String: Double]?
    /// Fraction of the applicable items (those not answered `"notApplicable"`) that must be answered for a
    /// value, in (0, 1]; defaults to 1.
    public var minAnswered: Double?
    /// Decimals to round the value to, half away from zero, after prorating; absent means
    /// ``defaultRound``.
    public var round: Int?
    /// Interpretation bands, ascending and not overlapping.
    public var bands: [Band]?
    /// Clinical cut-off.
    public var cutoff: Cutoff?
    /// Reliability (e.g. Cronbach's α or test–retest r) in (0, 1), for reliable change.
    public var reliability: Double?
    /// Reference standard deviation, for reliable change.
    public var sd: Double?

    /// Creates a scale; nothing is checked until the definition is validated.
    public init(
        id: String,
        title: String,
        items: [String],
        method: ScoringMethod,
        weights: [String: Double]? = nil,
        minAnswered: Double? = nil,
        round: Int? = nil,
        bands: [Band]? = nil,
        cutoff: Cutoff? = nil,
        reliability: Double? = nil,
        sd: Double? = nil
    ) {
        self.id = id
        self.title = title
        self.items = items
        self.method = method
        self.weights = weights
        self.minAnswered = minAnswered
        self.round = round
        self.bands = bands
        self.cutoff = cutoff
        self.reliability = reliability
        self.sd = sd
    }

    /// The weight of an item (1 unless `weights` says otherwise).
    public func weight(of itemID: String) -> Double { weights?[itemID] ?? 1 }

    /// The required answered fraction (`minAnswered`, default 1).
    public var requiredFraction: Double { minAnswered ?? 1 }

    /// Decimals a value is rounded to when the scale gives no `round` (DESIGN.md: 6).
    public static let defaultRound = 6

    /// The decimals values are rounded to: `round`, or ``defaultRound``.
    public var roundingDecimals: Int { round ?? Self.defaultRound }
}
