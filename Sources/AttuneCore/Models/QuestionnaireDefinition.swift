/// Who fills in a questionnaire.
public enum Respondent: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The client answers about the relationship.
    case client
    /// The therapist rates the relationship.
    case therapist
}

/// A questionnaire definition: items, how they are scored into scales, and which results raise alerts.
///
/// A definition is identified by `id` + `version` and is immutable once published; a change is a new
/// version. Field names are the wire contract of DESIGN.md "Wire format". Construction does not validate:
/// call ``validate()`` and refuse the definition if it reports any problem.
public struct QuestionnaireDefinition: Sendable, Equatable {
    /// Stable identifier, e.g. `relationship-checkin`.
    public var id: String
    /// Version number, 1 or more.
    public var version: Int
    /// Title shown to the respondent.
    public var title: String
    /// Who answers it.
    public var respondent: Respondent
    /// Optional longer explanation for the respondent or the practice.
    public var description: String?
    /// Optional BCP 47 language tag of the texts, e.g. `en`.
    public var language: String?
    /// The items, in the order they are shown.
    public var items: [Item] {
        didSet { itemPositions = Self.positions(of: items) }
    }
    /// Item id → index of its first occurrence: scoring and validation look items up per answer.
    private var itemPositions: [String: Int] = [:]
    /// The scales computed from the items.
    public var scales: [Scale]
    /// Rules that flag a scale value or an item score for attention.
    public var alerts: [Alert]

    /// Creates a definition; nothing is checked until ``validate()``.
    public init(
        id: String,
        version: Int,
        title: String,
        respondent: Respondent,
        description: String? = nil,
        language: String? = nil,
        items: [Item],
        scales: [Scale] = [],
        alerts: [Alert] = []
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.respondent = respondent
        self.description = description
        self.language = language
        self.items = items
        self.scales = scales
        self.alerts = alerts
        itemPositions = Self.positions(of: items)
    }

    /// The item with this id, if any (the first one when ids are duplicated in an invalid definition).
    public func item(withID id: String) -> Item? {
        itemPositions[id].map { items[$0] }
    }

    private static func positions(of items: [Item]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(items.count)
        for (index, item) in items.enumerated() where positions[item.id] == nil { positions[item.id] = index }
        return positions
    }

    /// Equal when every published field is equal (the lookup table is derived from `items`).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.id == rhs.id && lhs.version == rhs.version && lhs.title == rhs.title && lhs.respondent == rhs.respondent
            && lhs.description == rhs.description && lhs.language == rhs.language && lhs.items == rhs.items
            && lhs.scales == rhs.scales && lhs.alerts == rhs.alerts
    }

    /// The scale with this id, if any.
    public func scale(withID id: String) -> Scale? {
        scales.first { $0.id == id }
    }
}
