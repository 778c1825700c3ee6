/// Why a document was refused by ``JSONReader``, where (byte offset) and in which member (JSON pointer).
///
/// The ``message`` never contains bytes of the input: strings may be client data (answers, ids),
/// and messages end up in logs. The pointer is kept apart so the server can decide what to show.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, as a closed set a caller can switch over.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The input ended inside a value (or was empty).
        case unexpectedEndOfInput
        /// A byte that cannot start a value (RFC 8259 §3), e.g. `'`, `N`, `+`, `.`, a BOM.
        case expectedValue
        /// An object member name is not a string (RFC 8259 §4).
        case expectedKey
        /// A member name is not followed by `:` (RFC 8259 §4).
        case expectedColon
        /// A value inside a container is followed by neither `,` nor the closing bracket.
        case expectedCommaOrEnd
        /// A `,` directly before `]` or `}` (RFC 8259 §4, §5 allow none).
        case trailingComma
        /// Something other than whitespace after the top-level value (RFC 8259 §2).
        case trailingContent
        /// A literal other than `true`, `false` or `null` (RFC 8259 §3: lowercase only).
        case invalidLiteral
        /// A number not matching RFC 8259 §6: leading zero, missing digits, `-` alone.
        case invalidNumber
        /// A number whose magnitude overflows a Double to infinity (RFC 8259 §6 allows refusing it).
        case numberOutOfRange
        /// An unescaped control character U+0000–U+001F inside a string (RFC 8259 §7).
        case controlCharacterInString
        /// A backslash followed by anything but `" \ / b f n r t u` (RFC 8259 §7).
        case invalidEscape
        /// `\u` not followed by four hexadecimal digits (RFC 8259 §7).
        case invalidUnicodeEscape
        /// A `\u` surrogate escape without its partner (RFC 8259 §8.2: not a Unicode character).
        case unpairedSurrogate
        /// Bytes that are not well-formed UTF-8 (RFC 8259 §8.1, RFC 3629 §4).
        case invalidUTF8
        /// An object member name that occurs twice (RFC 8259 §4: names SHOULD be unique; we require it).
        case duplicateKey
        /// Containers nested deeper than ``JSONReader/Limits/maxDepth``.
        case depthLimitExceeded
        /// A string longer than ``JSONReader/Limits/maxStringLength`` bytes.
        case stringTooLong
        /// A container with more than ``JSONReader/Limits/maxElements`` elements or members.
        case tooManyElements
    }

    /// What is wrong.
    public var code: Code
    /// The offset in bytes from the start of the input where the problem was found.
    public var offset: Int
    /// The RFC 6901 pointer of the value in which the problem was found (`""` for the document).
    public var pointer: String

    /// Makes an error; parsers build the pointer from the inside out with ``prefixed(by:)``.
    public init(_ code: Code, offset: Int, pointer: String = "") {
        self.code = code
        self.offset = offset
        self.pointer = pointer
    }

    /// A sentence for people; never quotes the input.
    public var message: String {
        "\(code.summary) at byte \(offset)"
    }

    /// The message, followed by the pointer (for debugging; do not log pointers built from client keys).
    public var description: String {
        "\(message) (at \"\(pointer)\")"
    }

    /// The same error one level further out: `token` is the member name or index it occurred in.
    package func prefixed(by token: String) -> JSONError {
        var copy = self
        copy.pointer = "/" + JSONPointer.escape(token) + pointer
        return copy
    }

    /// The same error inside the array element at `index`.
    package func prefixed(byIndex index: Int) -> JSONError {
        var copy = self
        copy.pointer = "/" + String(index) + pointer
        return copy
    }
}

extension JSONError.Code {
    /// A short description without input bytes.
    public var summary: String {
        switch self {
        case .unexpectedEndOfInput: "unexpected end of input"
        case .expectedValue: "expected a JSON value"
        case .expectedKey: "expected a string as object member name"
        case .expectedColon: "expected ':' after object member name"
        case .expectedCommaOrEnd: "expected ',' or the end of the container"
        case .trailingComma: "trailing comma before the end of the container"
        case .trailingContent: "unexpected content after the JSON value"
        case .invalidLiteral: "invalid literal (expected true, false or null)"
        case .invalidNumber: "malformed number"
        case .numberOutOfRange: "number too large for a double"
        case .controlCharacterInString: "unescaped control character in string"
        case .invalidEscape: "invalid escape sequence in string"
        case .invalidUnicodeEscape: "invalid \\u escape (expected four hexadecimal digits)"
        case .unpairedSurrogate: "unpaired UTF-16 surrogate in \\u escape"
        case .invalidUTF8: "invalid UTF-8"
        case .duplicateKey: "duplicate object member name"
        case .depthLimitExceeded: "nesting too deep"
        case .stringTooLong: "string too long"
        case .tooManyElements: "too many elements in container"
        }
    }
}
