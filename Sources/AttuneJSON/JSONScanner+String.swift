/// A scanned string: where its unescaped UTF-8 is (the input slice, or the scanner's `scratch`).
package struct StringToken {
    /// The input offsets between the quotes.
    package var start: Int
    package var end: Int
    /// Whether the string had escapes, so that its unescaped bytes are in `scratch`.
    package var isEscaped: Bool
    /// Whether the unescaped string is pure ASCII.
    package var isASCII: Bool
}

extension JSONScanner {
    /// RFC 8259 §7: a string at `index` (on its opening quote), unescaped.
    package mutating func parseString() throws(JSONError) -> String {
        // Two statements on purpose: in `makeString(try scanString())` Swift would capture `self`
        // for `makeString` before `scanString` fills `scratch`, and read the stale scratch.
        let token = try scanString()
        return makeString(token)
    }

    /// The `String` for a scanned token; the input was validated, so decoding never repairs.
    package func makeString(_ token: StringToken) -> String {
        withUnescapedBytes(of: token) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the unescaped UTF-8 of a token: a slice of the input, or `scratch`.
    package func withUnescapedBytes<Result>(
        of token: StringToken,
        _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        guard token.isEscaped else {
            return body(UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]))
        }
        return scratch.withUnsafeBytes(body)
    }

    /// Validates the string at `index` (on its opening quote) and moves past its closing quote.
    ///
    /// Fast path: without escapes the bytes stay in the input and nothing is copied.
    package mutating func scanString() throws(JSONError) -> StringToken {
        let open = index
        index += 1
        let start = index
        var isASCII = true
        skipPlainASCII()
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                try checkLength(from: start, to: index, open: open)
                index += 1
                return StringToken(start: start, end: index - 1, isEscaped: false, isASCII: isASCII)
            } else if byte == UInt8(ascii: "\\") {
                return try scanEscapedString(open: open, start: start)
            } else if byte < 0x20 {
                throw JSONError(.controlCharacterInString, offset: index)
            } else if byte < 0x80 {
                index += 1
            } else {
                isASCII = false
                try skipUTF8Sequence()
            }
        }
        throw JSONError(.unexpectedEndOfInput, offset: index)
    }

    /// Moves `index` past whole 8-byte words of plain ASCII (no quote, backslash, control character or
    /// byte ≥ 0x80): the byte loop then only sees the last few bytes and anything special.
    @inline(__always)
    private mutating func skipPlainASCII() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while bytes.count - index >= 8 {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // Per byte, bit 7 set where the byte is below 0x20, is `"` or `\` (the classic "has zero byte"
            // test, exact for whether any byte matches), or is itself ≥ 0x80.
            let control = (word &- 0x20 &* ones) & ~word
            let quote = word ^ (0x22 &* ones)
            let backslash = word ^ (0x5C &* ones)
            let special = control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | word
            if special & highBits != 0 { return }
            index += 8
        }
    }

    /// The rest of a string that contains escapes, unescaped into `scratch`.
    private mutating func scanEscapedString(open: Int, start: Int) throws(JSONError) -> StringToken {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                try checkLength(from: start, to: index, open: open)
                index += 1
                let isASCII = !scratch.contains { $0 >= 0x80 }
                return StringToken(start: start, end: index - 1, isEscaped: true, isASCII: isASCII)
            } else if byte == UInt8(ascii: "\\") {
                try appendEscape()
            } else if byte < 0x20 {
                throw JSONError(.controlCharacterInString, offset: index)
            } else if byte < 0x80 {
                scratch.append(byte)
                index += 1
            } else {
                let sequenceStart = index
                try skipUTF8Sequence()
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[sequenceStart..<index]))
            }
        }
        throw JSONError(.unexpectedEndOfInput, offset: index)
    }

    private func checkLength(from start: Int, to end: Int, open: Int) throws(JSONError) {
        guard end - start <= limits.maxStringLength else { throw JSONError(.stringTooLong, offset: open) }
    }

    /// RFC 8259 §7: the escape at `index` (on the backslash), appended to `scratch` as UTF-8.
    private mutating func appendEscape() throws(JSONError) {
        let backslash = index
        guard index + 1 < bytes.count else { throw JSONError(.unexpectedEndOfInput, offset: bytes.count) }
        let decoded: UInt8
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            index += 2
            try appendUnicodeEscape(backslash: backslash)
            return
        default: throw JSONError(.invalidEscape, offset: backslash)
        }
        scratch.append(decoded)
        index += 2
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00` (RFC 8259 §7); `index` is after the `u`.
    private mutating func appendUnicodeEscape(backslash: Int) throws(JSONError) {
        let unit = try readHex4(escapeAt: backslash)
        var scalar = UInt32(unit)
        if (0xDC00...0xDFFF).contains(unit) {
            throw JSONError(.unpairedSurrogate, offset: backslash)
        }
        if (0xD800...0xDBFF).contains(unit) {
            // RFC 8259 §7: a character outside the BMP is a pair of escapes, high then low.
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw JSONError(.unpairedSurrogate, offset: backslash) }
            let lowBackslash = index
            index += 2
            let low = try readHex4(escapeAt: lowBackslash)
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONError(.unpairedSurrogate, offset: backslash) }
            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        }
        appendUTF8(scalar)
    }

    /// Four hexadecimal digits at `index`, either case.
    private mutating func readHex4(escapeAt backslash: Int) throws(JSONError) -> UInt16 {
        guard bytes.count - index >= 4 else { throw JSONError(.invalidUnicodeEscape, offset: backslash) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONError(.invalidUnicodeEscape, offset: backslash)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// RFC 3629 §3: the UTF-8 form of a scalar (never a surrogate here).
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Steps over one multi-byte UTF-8 sequence at `index`, refusing any that RFC 3629 §4 rules out:
    /// stray continuation bytes, overlong forms (C0, C1, E0 80–9F, F0 80–8F), UTF-16 surrogates
    /// (ED A0–BF), code points above U+10FFFF (F4 90+, F5–FF) and truncated sequences.
    /// The error offset is the sequence's first byte.
    package mutating func skipUTF8Sequence() throws(JSONError) {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: throw JSONError(.invalidUTF8, offset: index)
        }
        guard bytes.count - index >= length, secondRange.contains(bytes[index + 1]) else {
            throw JSONError(.invalidUTF8, offset: index)
        }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            throw JSONError(.invalidUTF8, offset: index)
        }
        index += length
    }
}
