/// The members of a JSON object, in input order, with unique names.
///
/// Order is kept because error pointers and problem lists should follow the input. Lookup is a
/// linear scan, which is faster than hashing for the small objects of the wire format.
/// Names are unique by Swift `String` equality (canonical equivalence), which is stricter than
/// RFC 8259 §8.3's code-unit comparison: a lookup by name can never be ambiguous.
public struct JSONObject: Sendable, Equatable, RandomAccessCollection {
    /// One `"name": value` pair.
    public struct Member: Sendable, Equatable {
        /// The member name, unescaped.
        public var key: String
        /// The member value.
        public var value: JSONValue

        /// Makes a member.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in order.
    public private(set) var members: [Member]

    /// An empty object.
    public init() {
        members = []
    }

    /// An object from members whose names the caller guarantees to be unique (the reader checks).
    package init(uniqueMembers: [Member]) {
        members = uniqueMembers
    }

    /// An object from `(key, value)` pairs; a later pair with an existing key replaces its value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        members = []
        for (key, value) in pairs {
            self[key] = value
        }
    }

    /// The position of the first member.
    public var startIndex: Int { members.startIndex }
    /// The position after the last member.
    public var endIndex: Int { members.endIndex }

    /// The member at `position`.
    public subscript(position: Int) -> Member {
        members[position]
    }

    /// The value named `key`, or `nil`; setting replaces in place or appends, setting `nil` removes.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key {
                return member.value
            }
            return nil
        }
        set {
            let position = members.firstIndex { $0.key == key }
            switch (position, newValue) {
            case (let position?, let value?): members[position].value = value
            case (let position?, nil): members.remove(at: position)
            case (nil, let value?): members.append(Member(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The member names in order.
    public var keys: [String] {
        members.map(\.key)
    }
}
