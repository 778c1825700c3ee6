public import AttuneJSON

extension JSONField {
    /// `field`, or `null` (read as `.some(nil)`): for members the wire always writes, `null` when unset.
    public static func nullable<Wrapped>(_ field: JSONField<Wrapped>) -> Self where Value == Wrapped? {
        Self { value, pointer, problems in
            if case .null = value { return .some(nil) }
            return field.read(value, pointer, &problems).map { .some($0) }
        }
    }

    /// An object whose every member is read by `field`, in input order (a map such as `bands`).
    public static func map<Element>(of field: JSONField<Element>) -> Self where Value == [(String, Element)] {
        .object { reader in reader.remaining(field).map { ($0.key, $0.value) } }
    }
}

extension JSONWriter {
    /// Writes the number or `null`.
    mutating func numberOrNull(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    /// Writes the integer or `null`.
    mutating func numberOrNull(_ value: Int?) {
        if let value { number(value) } else { null() }
    }

    /// Writes `key` and the string, when there is one.
    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// Writes `key` and the number, when there is one.
    mutating func member(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    /// Writes `key` and the integer, when there is one.
    mutating func member(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    /// Writes `key` and the Boolean, when there is one.
    mutating func member(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    /// Writes each element of `values` through `element`, as an array.
    mutating func array<Element>(_ values: [Element], _ element: (Element, inout JSONWriter) -> Void) {
        beginArray()
        for value in values { element(value, &self) }
        endArray()
    }
}
