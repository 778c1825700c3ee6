public import AttuneJSON

/// One answer as it appears on the wire: a JSON number, string or boolean.
///
/// Which case is right depends on the item: `likert` and `scale` items take numbers, `choice` items take
/// the chosen option's `value` and `text` items free text (both strings), `boolean` items take booleans,
/// and an item with `allowNotApplicable` also takes the string ``notApplicable``. The type itself accepts
/// any of the three so that a wrong type can be reported with a pointer by the submission validator
/// instead of failing the whole decode.
public enum AnswerValue: Sendable, Equatable, Hashable {
    /// A JSON number, with whether its literal denoted an integer exactly (`3.0` does, `3.0000000001`
    /// and `1e-400` do not), so that likert answers are judged on the text as sent.
    case number(JSONNumber)
    /// A JSON string: a choice option's value, free text or ``notApplicable``.
    case string(String)
    /// A JSON boolean.
    case boolean(Bool)

    /// The answer that says an item's event did not happen (DESIGN.md: `"notApplicable"`).
    public static let notApplicable = "notApplicable"

    /// Whether this is the string ``notApplicable``.
    public var isNotApplicable: Bool {
        if case .string(let text) = self { return text == Self.notApplicable }
        return false
    }

    /// The JSON type name, for messages ("number", "string", "boolean").
    public var typeName: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        }
    }
}

extension AnswerValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral
{
    /// An integer literal is a number answer, so tests and fixtures read like the wire JSON.
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    /// A float literal is a number answer; it is integral when the double has no fraction.
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    /// A string literal is a string answer.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A boolean literal is a boolean answer.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}
