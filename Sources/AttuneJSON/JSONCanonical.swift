/// The JSON Canonicalization Scheme (RFC 8785): one byte sequence for every JSON text with the same
/// meaning, whatever its whitespace, member order, string escapes or number spelling.
///
/// Members are sorted by their names' UTF-16 code units (§3.2.3), strings use the fewest escapes
/// (§3.2.2.2, as ``JSONWriter/string(_:)`` writes them) and numbers are written as ECMAScript's
/// `Number.prototype.toString` writes a double (§3.2.2.3). A repeated member name cannot reach here:
/// ``JSONReader`` refuses it.
extension JSONValue {
    /// The canonical form of this value (RFC 8785).
    public var canonicalBytes: [UInt8] {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.canonical(self)
        return writer.bytes
    }
}

extension JSONWriter {
    /// Writes `value` in its RFC 8785 canonical form.
    package mutating func canonical(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): raw(Array(Self.ecmaScriptNumber(number.value).utf8))
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements { canonical(element) }
            endArray()
        case .object(let object):
            beginObject()
            // §3.2.3: sort by the UTF-16 code units of the names, not by Unicode scalars or UTF-8.
            let members = object.members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
            for member in members {
                key(member.key)
                canonical(member.value)
            }
            endObject()
        }
    }

    /// A double as ECMAScript's `Number::toString` writes it (ECMA-262 §6.1.6.1.20): the shortest
    /// digits that read back to the same double, in plain notation for exponents −6…21 and as
    /// `d.ddde±x` outside it; `-0` is `0`. Non-finite values are not JSON and never reach here.
    package static func ecmaScriptNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        let (digits, pointPosition) = shortestDigits(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let k = digits.count
        let n = pointPosition
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return sign + digits.prefix(n) + "." + digits.dropFirst(n)
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let exponent = n - 1
        let exponentText = exponent < 0 ? "-\(-exponent)" : "+\(exponent)"
        let mantissa = k == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
        return sign + mantissa + "e" + exponentText
    }

    /// The shortest round-trip decimal digits of a positive finite double (no leading or trailing
    /// zeros) and n, the position of the decimal point: value = 0.digits × 10^n.
    ///
    /// Swift's `description` already prints the shortest round-trip digits (SwiftDtoa), in either
    /// plain (`123.45`) or exponent (`1.2345e-07`) form; this only takes them apart.
    private static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let integerPart: Substring
        let fractionPart: Substring
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        } else {
            integerPart = mantissa
            fractionPart = ""
        }
        var digits = String(integerPart) + fractionPart
        var pointPosition = integerPart.count + exponent
        // Leading zeros (0.000123) move the point; trailing zeros (120.0) carry no digits.
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, pointPosition)
    }
}
