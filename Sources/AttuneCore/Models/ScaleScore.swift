/// The computed result of one scale, as stored and returned:
/// `{"value": 2.75, "answered": 8, "of": 8, "prorated": false, "band": "strong"}`.
public struct ScaleScore: Sendable, Equatable {
    /// The value, or nil when fewer than `minAnswered` of the items were answered.
    public var value: Double?
    /// How many of the scale's items were answered.
    public var answered: Int
    /// How many items the scale has.
    public var of: Int
    /// Whether a `sum` was scaled up for missing items.
    public var prorated: Bool
    /// The label of the band the value falls in, if any.
    public var band: String?
    /// Whether the value is on the clinical side of the cut-off; nil without a cut-off or a value.
    public var cutoffCrossed: Bool?

    /// Creates a score.
    public init(
        value: Double?,
        answered: Int,
        of: Int,
        prorated: Bool,
        band: String? = nil,
        cutoffCrossed: Bool? = nil
    ) {
        self.value = value
        self.answered = answered
        self.of = of
        self.prorated = prorated
        self.band = band
        self.cutoffCrossed = cutoffCrossed
    }
}

extension ScaleScore: Codable {
    private enum CodingKeys: String, CodingKey {
        case value, answered, of, prorated, band, cutoffCrossed
    }

    /// Decodes a score; a missing `value` reads as null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        answered = try container.decode(Int.self, forKey: .answered)
        of = try container.decode(Int.self, forKey: .of)
        prorated = try container.decode(Bool.self, forKey: .prorated)
        band = try container.decodeIfPresent(String.self, forKey: .band)
        cutoffCrossed = try container.decodeIfPresent(Bool.self, forKey: .cutoffCrossed)
    }

    /// Encodes a score; `value` is always present (DESIGN.md: an unscored scale is `"value": null`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let value {
            try container.encode(value, forKey: .value)
        } else {
            try container.encodeNil(forKey: .value)
        }
        try container.encode(answered, forKey: .answered)
        try container.encode(of, forKey: .of)
        try container.encode(prorated, forKey: .prorated)
        try container.encodeIfPresent(band, forKey: .band)
        try container.encodeIfPresent(cutoffCrossed, forKey: .cutoffCrossed)
    }
}
