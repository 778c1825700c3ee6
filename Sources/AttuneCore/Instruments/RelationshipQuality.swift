/// The eight qualities of a strong therapeutic relationship that the built-in instruments measure
/// (DESIGN.md; seen through attachment theory). Raw values are the item and subscale ids.
public enum RelationshipQuality: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Therapy feels safe enough to explore what is hard.
    case secureBase = "secure_base"
    /// Empathy and emotional attunement: feelings are noticed and understood.
    case attunement
    /// Trust and reliability: the therapist is consistent and follows through.
    case trust
    /// Non-judgmental acceptance.
    case acceptance
    /// Ruptures are noticed, talked about and mended.
    case repair
    /// The therapist encourages independence and the client's own choices.
    case autonomy
    /// Cultural sensitivity and awareness: background and identity are respected.
    case culturalHumility = "cultural_humility"
    /// Openness and flexibility: the therapist adapts to the client.
    case flexibility

    /// A short title for charts and tables.
    public var title: String {
        switch self {
        case .secureBase: "Secure base"
        case .attunement: "Attunement"
        case .trust: "Trust"
        case .acceptance: "Acceptance"
        case .repair: "Repair"
        case .autonomy: "Autonomy"
        case .culturalHumility: "Cultural humility"
        case .flexibility: "Flexibility"
        }
    }
}
