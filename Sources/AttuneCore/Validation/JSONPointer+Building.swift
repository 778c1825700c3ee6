internal import AttuneJSON

/// Shorthand the validators use to build pointers: `.root / "items" / 3 / "id"`.
extension JSONPointer {
    /// The whole document (`""`).
    static let root = JSONPointer()

    static func / (pointer: JSONPointer, key: String) -> JSONPointer { pointer.appending(key) }
    static func / (pointer: JSONPointer, index: Int) -> JSONPointer { pointer.appending(index: index) }
}
