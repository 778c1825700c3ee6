/// Reads a model's fields out of a JSON object without `Codable`, collecting every problem.
///
/// ```swift
/// var reader = JSONObjectReader(value)                       // wrongType at "" unless an object
/// let client = reader.required("client", .string)            // missingField "/client" if absent
/// let session = reader.required("session", .int(in: 1...10_000))
/// let note = reader.optional("note", .string)                // absent or null: nil, no problem
/// let problems = reader.finish()                             // + unknownField for "/foo", …
/// ```
/// Problems follow the order in which fields are read; unknown members follow input order.
public struct JSONObjectReader {
    /// The pointer of the object being read.
    public let pointer: JSONPointer
    /// The problems found so far.
    public private(set) var problems: [JSONProblem] = []
    /// The members, or `nil` when the value is not an object.
    private let object: JSONObject?
    /// Which members were read, by position.
    private var isRead: [Bool]

    /// Starts reading `value`, which should be an object (otherwise a `wrongType` problem is recorded).
    public init(_ value: JSONValue, at pointer: JSONPointer = JSONPointer()) {
        self.pointer = pointer
        if case .object(let object) = value {
            self.object = object
            isRead = Array(repeating: false, count: object.count)
        } else {
            object = nil
            isRead = []
            problems.append(JSONField<JSONValue>.wrongType("an object", value, pointer))
        }
    }

    /// Whether the value is an object at all.
    public var isObject: Bool { object != nil }

    /// Reads a member that must be present (and not `null`, unless `field` accepts null).
    public mutating func required<Value>(_ key: String, _ field: JSONField<Value>) -> Value? {
        guard let object else { return nil }
        guard let position = lookUp(key, in: object) else {
            problems.append(JSONProblem(at: pointer.appending(key), code: .missingField, message: "required"))
            return nil
        }
        return field.read(object[position].value, pointer.appending(key), &problems)
    }

    /// Reads a member that may be absent; an explicit `null` counts as absent.
    public mutating func optional<Value>(_ key: String, _ field: JSONField<Value>) -> Value? {
        guard let object, let position = lookUp(key, in: object) else { return nil }
        let value = object[position].value
        if case .null = value { return nil }
        return field.read(value, pointer.appending(key), &problems)
    }

    /// Reads every member not read yet with `field`, in input order (for maps like `answers`).
    ///
    /// Members that fail `field` are left out of the result and reported; the rest are returned.
    public mutating func remaining<Value>(_ field: JSONField<Value>) -> [(key: String, value: Value)] {
        guard let object else { return [] }
        var result: [(key: String, value: Value)] = []
        for position in object.indices where !isRead[position] {
            isRead[position] = true
            let member = object[position]
            if let value = field.read(member.value, pointer.appending(member.key), &problems) {
                result.append((member.key, value))
            }
        }
        return result
    }

    /// Records a problem found by the caller's own validation, at member `key` (or the object itself).
    public mutating func report(_ code: JSONProblem.Code, at key: String? = nil, message: String) {
        let location = key.map { pointer.appending($0) } ?? pointer
        problems.append(JSONProblem(at: location, code: code, message: message))
    }

    /// Ends reading: reports members never read as `unknownField` (in input order) and returns all problems.
    public mutating func finish() -> [JSONProblem] {
        if let object {
            for position in object.indices where !isRead[position] {
                isRead[position] = true
                let location = pointer.appending(object[position].key)
                problems.append(JSONProblem(at: location, code: .unknownField, message: "unknown field"))
            }
        }
        return problems
    }

    /// The position of `key`, marked as read.
    private mutating func lookUp(_ key: String, in object: JSONObject) -> Int? {
        guard let position = object.firstIndex(where: { $0.key == key }) else { return nil }
        isRead[position] = true
        return position
    }
}
