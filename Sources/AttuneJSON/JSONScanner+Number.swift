extension JSONScanner {
    /// RFC 8259 §6: `[ - ] int [ frac ] [ exp ]` at `index`, with `int = 0 / [1-9] *DIGIT`.
    ///
    /// Every malformed or out-of-range number is reported at the offset of its first byte.
    /// Conversion is exact: a fast path (Clinger's: an integer mantissa ≤ 2^53 times or divided by
    /// an exact power of ten ≤ 10^22 is one correctly rounded IEEE operation), else the standard
    /// library's correctly rounded `Double(_:)` on the validated text.
    package mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = index
        let isNegative = bytes[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }

        var digits = DigitAccumulator()
        guard index < bytes.count, isDigit(bytes[index]) else { throw JSONError(.invalidNumber, offset: start) }
        if bytes[index] == UInt8(ascii: "0") {
            digits.add(0)
            index += 1
            // RFC 8259 §6: leading zeros are not allowed.
            if index < bytes.count, isDigit(bytes[index]) { throw JSONError(.invalidNumber, offset: start) }
        } else {
            scanDigits(into: &digits)
        }

        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let before = digits.count
            scanDigits(into: &digits)
            fractionDigits = digits.count - before
            guard fractionDigits > 0 else { throw JSONError(.invalidNumber, offset: start) }
        }

        var exponent = 0
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var isNegativeExponent = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                isNegativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONError(.invalidNumber, offset: start) }
            while index < bytes.count, isDigit(bytes[index]) {
                // Saturate far beyond any input's digit count, so that integrality stays exact.
                exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1 << 40)
                index += 1
            }
            if isNegativeExponent { exponent = -exponent }
        }

        // The value is mantissa × 10^(exponent − fractionDigits); stripped of trailing zeros it
        // is an integer exactly when the remaining power of ten is not negative.
        let scale = exponent - fractionDigits
        let isIntegral = digits.isZero || scale + digits.trailingZeros >= 0
        let value: Double
        if let fast = digits.fastValue(scale: scale) {
            value = isNegative ? -fast : fast
        } else {
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let parsed = Double(text), parsed.isFinite else {
                throw JSONError(.numberOutOfRange, offset: start)
            }
            value = parsed
        }
        return JSONNumber(value: value, isIntegral: isIntegral)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private mutating func scanDigits(into digits: inout DigitAccumulator) {
        while index < bytes.count, isDigit(bytes[index]) {
            digits.add(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
    }
}

/// The decimal digits of a number's integer and fraction parts, as far as conversion needs them.
package struct DigitAccumulator {
    /// The digits as an integer, valid while `isExact`.
    package var mantissa: UInt64 = 0
    /// Whether `mantissa` holds all digits (at most 19 significant ones fit for sure).
    package var isExact = true
    /// How many digits were added (leading zeros included).
    package var count = 0
    /// How many significant digits were added (from the first non-zero one).
    package var significant = 0
    /// How many zeros end the digit string.
    package var trailingZeros = 0

    /// Whether every digit is zero.
    package var isZero: Bool { significant == 0 }

    @inline(__always)
    package mutating func add(_ digit: UInt8) {
        count += 1
        if digit == 0 { trailingZeros += 1 } else { trailingZeros = 0 }
        guard significant > 0 || digit != 0 else { return }
        significant += 1
        if significant <= 19 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
        } else {
            isExact = false
        }
    }

    /// Exact powers of ten representable in a double (10^22 is the largest, 5^22 < 2^53).
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }

    /// The correctly rounded value when one IEEE operation gives it (Clinger 1990); otherwise `nil`.
    package func fastValue(scale: Int) -> Double? {
        guard isExact, mantissa <= 1 << 53 else { return nil }
        let value = Double(mantissa)
        if scale == 0 || mantissa == 0 { return value }
        guard scale >= -22, scale <= 22 else { return nil }
        return scale < 0 ? value / Self.powersOfTen[-scale] : value * Self.powersOfTen[scale]
    }
}
