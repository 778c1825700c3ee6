/// A parsed JSON document (RFC 8259 §3): null, a boolean, a number, a string, an array or an object.
///
/// Build one with ``JSONReader``, with literals (`["a": [1, "x", nil]]`) or case by case;
/// write one with ``JSONWriter``. Reading typed models out of it is ``JSONObjectReader``'s job.
public enum JSONValue: Sendable, Equatable {
    /// `null`
    case null
    /// `true` or `false`
    case bool(Bool)
    /// A number; see ``JSONNumber`` for integers and precision.
    case number(JSONNumber)
    /// A string, unescaped.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with members in input order.
    case object(JSONObject)

    /// The name of this value's type as JSON Schema spells it, for messages: `"string"`, `"object"`, ….
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.isIntegral ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The boolean, if this is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The number's double value, if this is a number.
    public var doubleValue: Double? {
        if case .number(let number) = self { number.value } else { nil }
    }

    /// The number as an exact `Int` (see ``JSONNumber/int``), if this is an integer within ±(2^53 − 1).
    public var intValue: Int? {
        if case .number(let number) = self { number.int } else { nil }
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { value } else { nil }
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The member named `key` when this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index` when this is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` is `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    /// A float literal.
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal, keeping its order; a repeated key is a programmer error.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        let object = JSONObject(elements)
        precondition(object.count == elements.count, "duplicate key in JSONValue dictionary literal")
        self = .object(object)
    }
}
