/// One thing wrong with a decoded document, at a JSON pointer: what a model decoder collects so
/// that a client learns about every problem at once (RFC 9457 problem details list them).
public struct JSONProblem: Sendable, Equatable, CustomStringConvertible {
    /// A machine-readable kind of problem; open, so model decoders can add their own.
    public struct Code: RawRepresentable, Sendable, Hashable {
        /// The code as it appears in problem bodies, e.g. `"wrongType"`.
        public var rawValue: String

        /// Makes a code.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// A required member is absent.
        public static let missingField = Code(rawValue: "missingField")
        /// A member the model does not know (refused, so typos do not pass silently).
        public static let unknownField = Code(rawValue: "unknownField")
        /// A value of another JSON type than expected.
        public static let wrongType = Code(rawValue: "wrongType")
        /// A number with a fractional part where an integer is expected.
        public static let notInteger = Code(rawValue: "notInteger")
        /// A value outside the allowed range (or beyond ±(2^53 − 1) for integers).
        public static let outOfRange = Code(rawValue: "outOfRange")
        /// A value of the right type that the model refuses (unknown enum case, bad format, …).
        public static let invalidValue = Code(rawValue: "invalidValue")
    }

    /// The RFC 6901 pointer of the offending value (or of the missing member).
    public var pointer: String
    /// What kind of problem it is.
    public var code: Code
    /// A sentence for people; by convention it never quotes string values (they may be client data).
    public var message: String

    /// Makes a problem.
    public init(pointer: String, code: Code, message: String) {
        self.pointer = pointer
        self.code = code
        self.message = message
    }

    /// Makes a problem at a ``JSONPointer``.
    public init(at pointer: JSONPointer, code: Code, message: String) {
        self.init(pointer: pointer.string, code: code, message: message)
    }

    /// `pointer: message`, for logs and test failures.
    public var description: String {
        "\(pointer.isEmpty ? "/" : pointer): \(message) [\(code.rawValue)]"
    }
}
