/// How to read one value of type `Value` out of a ``JSONValue``, reporting problems with pointers.
///
/// Fields compose: `.array(of: .int(in: 0...4))`, `.object { reader in … }`. Each returns `nil`
/// after appending at least one ``JSONProblem``, so a decoder keeps going and reports them all.
public struct JSONField<Value> {
    /// Reads the value at `pointer`, or appends problems and returns `nil`.
    public let read: (JSONValue, JSONPointer, inout [JSONProblem]) -> Value?

    /// A field from a reading function.
    public init(read: @escaping (JSONValue, JSONPointer, inout [JSONProblem]) -> Value?) {
        self.read = read
    }

    /// A field that refuses values for which `transform` returns `nil`, as `invalidValue`.
    ///
    /// `expected` completes "expected …" in the message, e.g. `"one of client, therapist"`.
    public func map<Other>(expected: String, _ transform: @escaping (Value) -> Other?) -> JSONField<Other> {
        JSONField<Other> { value, pointer, problems in
            guard let read = self.read(value, pointer, &problems) else { return nil }
            guard let mapped = transform(read) else {
                problems.append(JSONProblem(at: pointer, code: .invalidValue, message: "expected \(expected)"))
                return nil
            }
            return mapped
        }
    }

    package static func wrongType(_ expected: String, _ value: JSONValue, _ pointer: JSONPointer) -> JSONProblem {
        JSONProblem(at: pointer, code: .wrongType, message: "expected \(expected), found \(value.kind)")
    }
}

extension JSONField where Value == JSONValue {
    /// Any JSON value, as is.
    public static var any: Self { Self { value, _, _ in value } }
}

extension JSONField where Value == String {
    /// A string.
    public static var string: Self {
        Self { value, pointer, problems in
            guard case .string(let text) = value else {
                problems.append(wrongType("a string", value, pointer))
                return nil
            }
            return text
        }
    }
}

extension JSONField where Value == Bool {
    /// `true` or `false`.
    public static var bool: Self {
        Self { value, pointer, problems in
            guard case .bool(let flag) = value else {
                problems.append(wrongType("a boolean", value, pointer))
                return nil
            }
            return flag
        }
    }
}

extension JSONField where Value == Double {
    /// Any number.
    public static var double: Self { double(in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) }

    /// A number within `range`.
    public static func double(in range: ClosedRange<Double>) -> Self {
        Self { value, pointer, problems in
            guard case .number(let number) = value else {
                problems.append(wrongType("a number", value, pointer))
                return nil
            }
            guard range.contains(number.value) else {
                problems.append(JSONProblem(at: pointer, code: .outOfRange, message: "expected a number in \(range)"))
                return nil
            }
            return number.value
        }
    }
}

extension JSONField where Value == Int {
    /// An integer within ±(2^53 − 1) (RFC 8259 §6's interoperable range).
    public static var int: Self { int(in: -JSONNumber.maxExactInteger...JSONNumber.maxExactInteger) }

    /// An integer within `range` (and within ±(2^53 − 1)); `3.0` counts as an integer, `3.5` does not.
    public static func int(in range: ClosedRange<Int>) -> Self {
        Self { value, pointer, problems in
            guard case .number(let number) = value else {
                problems.append(wrongType("an integer", value, pointer))
                return nil
            }
            guard number.isIntegral else {
                problems.append(JSONProblem(at: pointer, code: .notInteger, message: "expected an integer"))
                return nil
            }
            guard let integer = number.int, range.contains(integer) else {
                problems.append(JSONProblem(at: pointer, code: .outOfRange, message: "expected an integer in \(range)"))
                return nil
            }
            return integer
        }
    }
}

extension JSONField {
    /// An array whose elements are all `element` (each problem at its element's pointer).
    public static func array<Element>(of element: JSONField<Element>) -> Self where Value == [Element] {
        Self { value, pointer, problems in
            guard case .array(let elements) = value else {
                problems.append(wrongType("an array", value, pointer))
                return nil
            }
            var result: [Element] = []
            result.reserveCapacity(elements.count)
            var isComplete = true
            for (index, item) in elements.enumerated() {
                if let read = element.read(item, pointer.appending(index: index), &problems) {
                    result.append(read)
                } else {
                    isComplete = false
                }
            }
            return isComplete ? result : nil
        }
    }

    /// An object read by `body`; members `body` does not read are reported as unknown.
    public static func object(_ body: @escaping (inout JSONObjectReader) -> Value?) -> Self {
        Self { value, pointer, problems in
            var reader = JSONObjectReader(value, at: pointer)
            let result = reader.isObject ? body(&reader) : nil
            problems.append(contentsOf: reader.finish())
            return reader.problems.isEmpty ? result : nil
        }
    }
}
