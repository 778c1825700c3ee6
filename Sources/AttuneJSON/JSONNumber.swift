/// A JSON number: its Double value, and whether the literal denoted an integer exactly.
///
/// RFC 8259 §6 leaves precision to implementations and names IEEE 754 doubles as the
/// interoperable choice; integers are exact only within ±(2^53 − 1). The reader records whether
/// the literal's mathematical value is an integer (`60`, `60.0`, `6e1`, but not `60.5` or
/// `1.0000000000000000001`, which rounds to the double 1), so that ``int`` can refuse
/// non-integers that rounding would otherwise hide.
public struct JSONNumber: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// The largest integer a double holds exactly together with all smaller ones (2^53 − 1, RFC 8259 §6).
    public static let maxExactInteger: Int = (1 << 53) - 1

    /// The value, rounded to the nearest double (RFC 8259 §6).
    public let value: Double
    /// Whether the number is an integer: for parsed numbers, judged on the literal, not the rounded value.
    public let isIntegral: Bool

    /// A number from a double; it is integral when the double has no fractional part.
    ///
    /// Non-finite values can be held, but ``JSONWriter`` writes them as `null` (JSON has no NaN).
    public init(_ value: Double) {
        self.value = value
        self.isIntegral = value.isFinite && value.rounded(.towardZero) == value
    }

    /// A number from an integer (rounded to the nearest double beyond ±2^53).
    public init(_ value: Int) {
        self.value = Double(value)
        self.isIntegral = true
    }

    /// A number as the reader found it.
    package init(value: Double, isIntegral: Bool) {
        self.value = value
        self.isIntegral = isIntegral
    }

    /// Makes a number from an integer literal.
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// Makes a number from a float literal.
    public init(floatLiteral value: Double) {
        self.init(value)
    }

    /// The value as an `Int` when it is an integer within ±(2^53 − 1); otherwise `nil`.
    ///
    /// Beyond 2^53 distinct literals round to the same double, so an exact answer is impossible
    /// and the number is refused rather than silently changed (RFC 8259 §6).
    public var int: Int? {
        guard isIntegral, value.magnitude <= Double(Self.maxExactInteger) else { return nil }
        return Int(value)
    }

    /// Two numbers are equal when their double values are (`-0` equals `0`; the integral flag is not compared).
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.value == rhs.value
    }

    /// Hashes the value as `==` compares it (`-0` and `0` alike).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value == 0 ? 0 : value)
    }
}
