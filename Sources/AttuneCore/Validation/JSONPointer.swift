/// An RFC 6901 JSON pointer, built one reference token at a time.
struct JSONPointer: CustomStringConvertible, Sendable {
    private var tokens: [String]

    /// The whole document (`""`).
    static let root = JSONPointer(tokens: [])

    private init(tokens: [String]) { self.tokens = tokens }

    /// The pointer one object member deeper.
    func appending(_ key: String) -> JSONPointer { JSONPointer(tokens: tokens + [key]) }

    /// The pointer one array element deeper.
    func appending(_ index: Int) -> JSONPointer { JSONPointer(tokens: tokens + [String(index)]) }

    static func / (pointer: JSONPointer, key: String) -> JSONPointer { pointer.appending(key) }
    static func / (pointer: JSONPointer, index: Int) -> JSONPointer { pointer.appending(index) }

    /// `/a/b`, with `~` escaped as `~0` and `/` as `~1` (RFC 6901 §3; `~` first so `~1` is not re-escaped).
    var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }
}

extension String {
    /// Pure-Swift replacement so AttuneCore needs no Foundation for this.
    fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
