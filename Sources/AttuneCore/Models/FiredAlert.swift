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

extension FiredAlert: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, scale, item, value
    }

    /// Decodes a fired alert; exactly one of `scale` and `item` must be present.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        value = try container.decode(Double.self, forKey: .value)
        let scale = try container.decodeIfPresent(String.self, forKey: .scale)
        let item = try container.decodeIfPresent(String.self, forKey: .item)
        switch (scale, item) {
        case (let scale?, nil): target = .scale(scale)
        case (nil, let item?): target = .item(item)
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: container.codingPath, debugDescription: "Exactly one of scale and item")
            )
        }
    }

    /// Encodes the wire shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        switch target {
        case .scale(let scale): try container.encode(scale, forKey: .scale)
        case .item(let item): try container.encode(item, forKey: .item)
        }
        try container.encode(value, forKey: .value)
    }
}

/// Everything the scoring engine computes for one set of answers.
public struct ScoringResult: Sendable, Equatable, Codable {
    /// Scores keyed by scale id; every scale of the definition has an entry.
    public var scores: [String: ScaleScore]
    /// Alerts that fired, in definition order.
    public var alerts: [FiredAlert]

    /// Creates a result.
    public init(scores: [String: ScaleScore], alerts: [FiredAlert]) {
        self.scores = scores
        self.alerts = alerts
    }
}
