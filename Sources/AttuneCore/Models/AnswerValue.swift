/// One answer as it appears on the wire: a JSON number, string or boolean.
///
/// Which case is right depends on the item: `likert` and `scale` items take numbers, `choice` items take
/// the chosen option's `value` and `text` items free text (both strings), `boolean` items take booleans.
/// The type itself accepts any of the three so that a wrong type can be reported with a pointer by the
/// submission validator instead of failing the whole decode.
public enum AnswerValue: Sendable, Equatable, Hashable {
    /// A JSON number.
    case number(Double)
    /// A JSON string: a choice option's value or free text.
    case string(String)
    /// A JSON boolean.
    case boolean(Bool)

    /// The JSON type name, for messages ("number", "string", "boolean").
    public var typeName: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        }
    }
}

extension AnswerValue: Codable {
    /// Decodes a JSON number, string or boolean; anything else is a type mismatch.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Bool first: some decoders would otherwise read `true` as the number 1.
        if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            throw DecodingError.typeMismatch(
                AnswerValue.self,
                .init(codingPath: decoder.codingPath, debugDescription: "An answer must be a number, string or boolean")
            )
        }
    }

    /// Encodes the bare JSON value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        }
    }
}

extension AnswerValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral
{
    /// An integer literal is a number answer, so tests and fixtures read like the wire JSON.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A float literal is a number answer.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A string literal is a string answer.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A boolean literal is a boolean answer.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}
