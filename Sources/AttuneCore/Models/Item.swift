/// How an item is answered and scored.
public enum ItemType: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Integers from `min` to `max`, usually with one label per point.
    case likert
    /// Numbers from `min` to `max`, in multiples of `step` from `min` when a step is given (visual analogue).
    case scale
    /// One of `options`; the chosen option's `score` counts.
    case choice
    /// `false` scores 0, `true` scores 1.
    case boolean
    /// Free text: stored, never scored, never logged.
    case text
}

/// One option of a `choice` item.
public struct ChoiceOption: Sendable, Equatable, Codable {
    /// The value a submission sends, unique within the item.
    public var value: String
    /// The text shown to the respondent.
    public var label: String
    /// The score the option counts for.
    public var score: Double

    /// Creates an option.
    public init(value: String, label: String, score: Double) {
        self.value = value
        self.label = label
        self.score = score
    }
}

/// One question of a questionnaire.
///
/// Which fields apply depends on ``type``: `min`/`max` for `likert` and `scale`, `step` for `scale`,
/// `labels` for `likert` (one per point) and `scale` (the two end anchors), `options` for `choice`.
/// The validator reports fields given for a type that does not use them.
public struct Item: Sendable, Equatable, Codable {
    /// Identifier, unique within the definition; answers are keyed by it.
    public var id: String
    /// The question, in plain language.
    public var text: String
    /// How the item is answered.
    public var type: ItemType
    /// Lowest answer (`likert`, `scale`).
    public var min: Double?
    /// Highest answer (`likert`, `scale`).
    public var max: Double?
    /// Granularity of a `scale` answer, counted from `min`; absent means any number in range.
    public var step: Double?
    /// Point labels: one per integer for `likert`, the two end anchors for `scale`.
    public var labels: [String]?
    /// The options of a `choice` item.
    public var options: [ChoiceOption]?
    /// Reverse keying: inside scales the score becomes `min + max − score`.
    public var reverse: Bool?
    /// Whether an answer must be given; see ``isRequired`` for the default.
    public var required: Bool?
    /// Whether the answer may be the string `"notApplicable"`: the item presupposes an event that may not have happened.
    public var allowNotApplicable: Bool?

    /// Longest accepted `text` answer, in Unicode scalars (a bound on storage, not on meaning).
    public static let maxTextLength = 4000

    /// Creates an item; nothing is checked until the definition is validated.
    public init(
        id: String,
        text: String,
        type: ItemType,
        min: Double? = nil,
        max: Double? = nil,
        step: Double? = nil,
        labels: [String]? = nil,
        options: [ChoiceOption]? = nil,
        reverse: Bool? = nil,
        required: Bool? = nil,
        allowNotApplicable: Bool? = nil
    ) {
        self.id = id
        self.text = text
        self.type = type
        self.min = min
        self.max = max
        self.step = step
        self.labels = labels
        self.options = options
        self.reverse = reverse
        self.required = required
        self.allowNotApplicable = allowNotApplicable
    }

    /// Whether the item is reverse-keyed (`reverse` defaults to false).
    public var isReversed: Bool { reverse ?? false }

    /// Whether an answer must be given.
    ///
    /// Defaults to true for scored types, because a missing answer silently weakens every scale that
    /// uses the item, and to false for `text`, because free text is an invitation, not a measurement.
    public var isRequired: Bool { required ?? (type != .text) }

    /// Whether answers to this item contribute to scores.
    public var isScored: Bool { type != .text }
}
