/// An RFC 6901 JSON pointer such as `/answers/q3`, built one reference token at a time.
///
/// The empty pointer `""` denotes the whole document (RFC 6901 §5). Tokens are escaped on the
/// way in (`~` becomes `~0`, `/` becomes `~1`, RFC 6901 §3), so any key can be appended safely.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The pointer in its string form (RFC 6901 §5), e.g. `"/items/0/id"`.
    public private(set) var string: String

    /// The pointer to the whole document (`""`).
    public init() {
        string = ""
    }

    /// A pointer built from unescaped reference tokens, e.g. `["answers", "q3"]`.
    public init(tokens: some Sequence<String>) {
        string = ""
        for token in tokens {
            append(token)
        }
    }

    /// Parses a pointer in string form; `nil` when it is not valid RFC 6901 syntax.
    ///
    /// RFC 6901 §3: a non-empty pointer starts with `/`, and `~` must be followed by `0` or `1`.
    public init?(parsing text: String) {
        guard text.isEmpty || text.utf8.first == UInt8(ascii: "/") else { return nil }
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "~") {
                guard let next = bytes.next(), next == UInt8(ascii: "0") || next == UInt8(ascii: "1") else {
                    return nil
                }
            }
        }
        string = text
    }

    /// The unescaped reference tokens, e.g. `["a/b", "0"]` for `"/a~1b/0"`.
    public var tokens: [String] {
        guard !string.isEmpty else { return [] }
        // RFC 6901 §4: unescape `~1` before `~0`, so that `~01` becomes `~1` and not `/`.
        return string.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().map {
            String(decoding: $0, as: UTF8.self).replacing("~1", with: "/").replacing("~0", with: "~")
        }
    }

    /// Appends an object member name (escaped as RFC 6901 §3 requires).
    public mutating func append(_ token: String) {
        string.append("/")
        string.append(Self.escape(token))
    }

    /// Appends an array index.
    public mutating func append(index: Int) {
        string.append("/")
        string.append(String(index))
    }

    /// This pointer with one more member name.
    public func appending(_ token: String) -> JSONPointer {
        var copy = self
        copy.append(token)
        return copy
    }

    /// This pointer with one more array index.
    public func appending(index: Int) -> JSONPointer {
        var copy = self
        copy.append(index: index)
        return copy
    }

    /// The pointer in its string form.
    public var description: String { string }

    /// Escapes one reference token: `~` as `~0`, `/` as `~1` (RFC 6901 §3).
    public static func escape(_ token: String) -> String {
        // Fast path: most keys contain neither character, so they are returned without copying.
        // Scanned through contiguous storage when there is some: the generic UTF-8 view walk showed up on
        // every decoded member in callgrind.
        let needsEscaping =
            token.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.contains { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }
            } ?? token.utf8.contains { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }
        guard needsEscaping else { return token }
        var escaped = ""
        escaped.reserveCapacity(token.utf8.count + 2)
        for character in token.unicodeScalars {
            switch character {
            case "~": escaped.append("~0")
            case "/": escaped.append("~1")
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
