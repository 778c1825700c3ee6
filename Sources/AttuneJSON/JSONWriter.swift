/// Writes compact JSON (RFC 8259) into a byte buffer, append-only, without Foundation.
///
/// The writer inserts `,` and `:` itself; callers say what comes next:
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.key("total"); writer.number(2.75)
/// writer.key("band"); writer.null()
/// writer.endObject()                                // writer.bytes == {"total":2.75,"band":null}
/// ```
/// Non-finite numbers cannot be expressed in JSON (RFC 8259 §6); they are written as `null`, so a
/// NaN score yields a valid body rather than a crash or an invalid document.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8]
    /// Whether the next value or key needs a `,` before it.
    private var needsComma = false
    /// Open containers, to catch misuse in debug builds.
    private var depth = 0

    /// An empty writer with room for `capacity` bytes.
    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Starts an object: `{`.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        depth += 1
    }

    /// Ends the innermost object: `}`.
    public mutating func endObject() {
        assert(depth > 0, "endObject() without beginObject()")
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
        depth -= 1
    }

    /// Starts an array: `[`.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        depth += 1
    }

    /// Ends the innermost array: `]`.
    public mutating func endArray() {
        assert(depth > 0, "endArray() without beginArray()")
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
        depth -= 1
    }

    /// Writes a member name and its `:`; the member's value must follow.
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a member name that is ASCII and needs no escaping (a name in the wire format), and its `:`.
    package mutating func key(ascii name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendASCII(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Appends a piece of JSON that ends where a value must follow, such as `,"answered":`, as is: the
    /// caller guarantees it is well-formed here, its `,` included. One copy instead of one append per byte.
    package mutating func fragment(_ json: StaticString) {
        appendASCII(json)
        needsComma = false
    }

    /// Appends a piece of JSON that ends a value, such as `,"prorated":false` or `}` (closing an object
    /// its caller opened with ``open(_:)``), as is; the caller guarantees it is well-formed here.
    package mutating func valueFragment(_ json: StaticString) {
        appendASCII(json)
        needsComma = true
    }

    /// Starts a value with a piece of JSON that ends where a value must follow, such as `{"value":`, after
    /// the `,` it may need; the caller closes what it opens with ``valueFragment(_:)``.
    package mutating func open(_ json: StaticString) {
        separate()
        appendASCII(json)
        needsComma = false
    }

    /// Writes a member name already encoded the way ``key(_:)`` writes it (`"name":`), as is.
    package mutating func encodedKey(_ encoded: [UInt8]) {
        separate()
        bytes.append(contentsOf: encoded)
        needsComma = false
    }

    /// Writes one value that is already encoded JSON (a stored document), as is.
    /// The caller guarantees the bytes are one valid JSON value.
    public mutating func raw(_ encoded: [UInt8]) {
        separate()
        bytes.append(contentsOf: encoded)
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        appendASCII("null")
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        appendASCII(value ? "true" : "false")
    }

    /// Writes an integer in decimal.
    public mutating func number(_ value: Int) {
        separate()
        appendInteger(value)
    }

    /// Writes a double: integers within ±2^53 without a fraction (`60`), other values in the
    /// shortest form that reads back to the same double (`0.1`, `1e-05`, `1.5e+300`), `-0` as `0` (the
    /// one place that rule lives: nothing Attune writes is ever `-0`), and NaN or infinity as `null`.
    public mutating func number(_ value: Double) {
        separate()
        guard value.isFinite else {
            appendASCII("null")
            return
        }
        if value.magnitude <= 9_007_199_254_740_992, value.rounded(.towardZero) == value {
            // `Int(-0.0)` is 0.
            appendInteger(Int(value))
            return
        }
        // Scores rounded to a few decimals: the same digits as below, without formatting a `String`.
        if appendShortDecimal(value) { return }
        // Swift's description is the shortest round-trip form (SwiftDtoa) and valid JSON as is:
        // `1e-05`, `1e+20`, `2.75`; from 2^53 up it switches to exponent form
        // (`9.007199254740994e+15`), so the `.0` it puts on smaller integers never reaches here.
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Writes a non-integral `value` that some decimal with at most 6 fraction digits reads back as, in
    /// exactly the text `value.description` is; false, writing nothing, for any other value.
    ///
    /// Why it is the same text: for 0.001 ≤ |value| < 2^30 `description` writes plain decimal digits,
    /// the fewest that read back as `value`. A non-integral value never reads back from an integer, so
    /// the fewest digits are the fewest fraction digits d. Decimals with d ≤ 6 fraction digits are
    /// 10^-d apart, more than the ulp of any such value (≤ 2^-23), so at most one of them reads back as
    /// `value`, and it is `m / 10^d` with `m = round(|value| · 10^d)`: the product is below 2^50, so its
    /// rounding error plus the candidate's own distance stays far below ½. `m / 10^d` is one correctly
    /// rounded division of exact operands (m < 2^53, 10^d exact), which is how the value reads back.
    private mutating func appendShortDecimal(_ value: Double) -> Bool {
        let magnitude = value.magnitude
        guard magnitude >= 0.001, magnitude < 1_073_741_824 else { return false }
        var scale = 1.0
        var power: UInt64 = 1
        for digits in 1...6 {
            scale *= 10
            power *= 10
            let scaled = (magnitude * scale).rounded()
            guard scaled / scale == magnitude else { continue }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            let mantissa = UInt64(scaled)
            appendInteger(Int(mantissa / power))
            // The fraction, zero-padded to `digits`; it never ends in 0 (then fewer digits would do).
            var fraction = mantissa % power
            var text: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &text) { buffer in
                buffer[0] = UInt8(ascii: ".")
                for position in stride(from: digits, to: 0, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
                    fraction /= 10
                }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[...digits]))
            }
            return true
        }
        return false
    }

    /// Writes a string with the escapes RFC 8259 §7 requires: `"`, `\` and U+0000–U+001F
    /// (`\b \f \n \r \t` in short form, others as `\u00XX`). `/` and non-ASCII pass through.
    public mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        // Native and small strings are always contiguous; the copy is for exotic foreign strings.
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            Array(value.utf8).withUnsafeBufferPointer { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 with the escapes of ``string(_:)``, copying unescaped runs in one go.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Fast path: ids, dates and labels never need an escape, so one scan and one copy.
        guard let first = utf8.firstIndex(where: Self.needsEscape) else {
            bytes.append(contentsOf: utf8)
            return
        }
        var runStart = 0
        for position in first..<utf8.endIndex where Self.needsEscape(utf8[position]) {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
            appendEscape(utf8[position])
            runStart = position + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    /// RFC 8259 §7: `"`, `\` and the control characters must be escaped.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: bytes.append(UInt8(ascii: "\""))
        case 0x5C: bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            // Only U+0000–U+001F get here, so the first two hex digits are always 00.
            let hex: StaticString = "0123456789abcdef"
            appendASCII("u00")
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }

    private mutating func separate() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
        needsComma = true
    }

    private mutating func appendASCII(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Decimal digits without allocating a `String`.
    private mutating func appendInteger(_ value: Int) {
        // Most integers written are item answers and counts: one digit, one append.
        if value >= 0, value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }
}

extension JSONWriter {
    /// Writes a whole ``JSONValue``, members in order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): self.number(number.value)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements {
                self.value(element)
            }
            endArray()
        case .object(let object):
            beginObject()
            for member in object {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }
}

extension JSONValue {
    /// This value as compact JSON bytes.
    public func serialized() -> [UInt8] {
        var writer = JSONWriter()
        writer.value(self)
        return writer.bytes
    }
}
