/// Byte classes of RFC 9110 §5.6 and helpers the parser shares.
enum HTTPSyntax {
    /// tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    static let tokenTable = alphanumericTable(plus: "!#$%&'*+-.^_`|~")

    /// A lookup table: ASCII letters and digits plus the given punctuation.
    private static func alphanumericTable(plus extra: String) -> [Bool] {
        (0..<256).map { value in
            let byte = UInt8(value)
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return true
            default:
                return extra.utf8.contains(byte)
            }
        }
    }

    static func isTokenByte(_ byte: UInt8) -> Bool { tokenTable[Int(byte)] }

    /// field-vchar / SP / HTAB; obs-text is allowed, controls (NUL, bare CR, DEL …) are not.
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Bytes of RFC 3986 host / port: unreserved, pct-encoded, sub-delims, ":" and IP-literal brackets.
    static let hostTable = alphanumericTable(plus: "-._~%!$&'()*+,;=:[]")

    static func isHostByte(_ byte: UInt8) -> Bool { hostTable[Int(byte)] }

    static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Exact comparison of bytes with a literal (methods are case-sensitive, RFC 9110 §9.1).
    static func equals(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { expected in
            var index = 0
            for byte in bytes {
                if byte != expected[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// ASCII case-insensitive comparison of bytes with a lowercase literal.
    static func equalsLowercased(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { expected in
            var index = 0
            for byte in bytes {
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if lowered != expected[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// Elements of a comma-separated list with surrounding whitespace removed (RFC 9110 §5.6.1).
    static func listElements(_ bytes: ArraySlice<UInt8>, keepingEmpty: Bool = false) -> [ArraySlice<UInt8>] {
        var elements: [ArraySlice<UInt8>] = []
        for element in bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            var trimmed = element
            while let first = trimmed.first, isWhitespace(first) { trimmed.removeFirst() }
            while let last = trimmed.last, isWhitespace(last) { trimmed.removeLast() }
            if !trimmed.isEmpty || keepingEmpty { elements.append(trimmed) }
        }
        return elements
    }
}
