/// Header fields in the order received, duplicates kept; names compare case-insensitively.
///
/// Same shape as swift-http-types' `HTTPFields` (ordered, duplicates preserved so that the parser
/// can reject conflicting framing fields) but stored as plain string pairs: the parser builds one per
/// request on the hot path, and a flat array of small strings costs the fewest allocations.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field line.
    public struct Field: Sendable, Equatable {
        /// The field name as sent.
        public var name: String
        /// The field value with surrounding whitespace removed.
        public var value: String

        /// A field line.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    private var fields: [Field]

    /// Empty header fields.
    public init() { fields = [] }

    /// Empty header fields with room for `count` (the parser knows how many lines it read).
    init(minimumCapacity count: Int) {
        fields = []
        fields.reserveCapacity(count)
    }

    /// Header fields from name/value pairs, in order.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The number of field lines.
    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of the field named `name` (case-insensitive), if any.
    public subscript(name: String) -> String? {
        get {
            for field in fields where field.name.equalsIgnoringASCIICase(name) { return field.value }
            return nil
        }
        set {
            removeAll(name)
            if let newValue { fields.append(Field(name: name, value: newValue)) }
        }
    }

    /// Every value of the field named `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }

    /// Whether a field named `name` is present.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field line, keeping any existing one with the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field named `name`.
    public mutating func removeAll(_ name: String) {
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }
}

extension String {
    /// ASCII case-insensitive comparison, as field names and tokens need (RFC 9110 §5.1).
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        // Native strings know their UTF-8 length: most mismatches end here.
        guard utf8.count == other.utf8.count else { return false }
        // Usually spelled alike (`Authorization`): a plain comparison is a memcmp, the loop below is not.
        if self == other { return true }
        var lhs = utf8.makeIterator()
        var rhs = other.utf8.makeIterator()
        while true {
            switch (lhs.next(), rhs.next()) {
            case (nil, nil): return true
            case (let a?, let b?):
                if a == b { continue }
                if a | 0x20 == b | 0x20, (a | 0x20) >= 0x61, (a | 0x20) <= 0x7A { continue }
                return false
            default: return false
            }
        }
    }
}
