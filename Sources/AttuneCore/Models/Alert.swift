/// What an alert watches: a scale's value or an item's own score.
public enum AlertTarget: Sendable, Equatable, Hashable {
    /// The value of the scale with this id.
    case scale(String)
    /// The score of the item with this id, before reverse keying.
    case item(String)
}

/// The comparison an alert makes.
public enum AlertCondition: Sendable, Equatable, Hashable {
    /// Fires when the value is strictly below the threshold.
    case below(Double)
    /// Fires when the value is strictly above the threshold.
    case above(Double)
    /// Fires when the value is the threshold or more.
    case atLeast(Double)
    /// Fires when the value is the threshold or less.
    case atMost(Double)

    /// The threshold, whichever the comparison.
    public var threshold: Double {
        switch self {
        case .below(let value), .above(let value), .atLeast(let value), .atMost(let value): value
        }
    }
}

/// A rule that flags a result for the therapist's attention.
///
/// On the wire exactly one of `scale`/`item` and exactly one of `below`/`above`/`atLeast`/`atMost` is given
/// (`{"id": "low-total", "scale": "total", "below": 3}`). The struct mirrors the wire so that the validator
/// can point at a definition that gives none or several; ``target`` and ``condition`` read the valid case.
public struct Alert: Sendable, Equatable {
    /// Identifier, unique among the definition's alerts.
    public var id: String
    /// The scale watched, if this is a scale alert.
    public var scale: String?
    /// The item watched, if this is an item alert.
    public var item: String?
    /// Threshold for "strictly below".
    public var below: Double?
    /// Threshold for "strictly above".
    public var above: Double?
    /// Threshold for "at least".
    public var atLeast: Double?
    /// Threshold for "at most".
    public var atMost: Double?

    /// Creates an alert from its wire fields.
    public init(
        id: String,
        scale: String? = nil,
        item: String? = nil,
        below: Double? = nil,
        above: Double? = nil,
        atLeast: Double? = nil,
        atMost: Double? = nil
    ) {
        self.id = id
        self.scale = scale
        self.item = item
        self.below = below
        self.above = above
        self.atLeast = atLeast
        self.atMost = atMost
    }

    /// Creates an alert from a target and a condition (always well-formed).
    public init(id: String, target: AlertTarget, condition: AlertCondition) {
        self.init(id: id)
        switch target {
        case .scale(let scale): self.scale = scale
        case .item(let item): self.item = item
        }
        switch condition {
        case .below(let value): below = value
        case .above(let value): above = value
        case .atLeast(let value): atLeast = value
        case .atMost(let value): atMost = value
        }
    }

    /// The watched scale or item, or nil when none or both are given.
    public var target: AlertTarget? {
        switch (scale, item) {
        case (let scale?, nil): .scale(scale)
        case (nil, let item?): .item(item)
        default: nil
        }
    }

    /// The comparison, or nil when none or several thresholds are given.
    public var condition: AlertCondition? {
        let given: [AlertCondition] = [
            below.map(AlertCondition.below), above.map(AlertCondition.above),
            atLeast.map(AlertCondition.atLeast), atMost.map(AlertCondition.atMost),
        ].compactMap { $0 }
        return given.count == 1 ? given.first : nil
    }
}
