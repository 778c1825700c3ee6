/// Why a request could not be parsed. Every case is answered with a problem and `Connection: close`.
public enum HTTPParseError: Error, Equatable, Sendable {
    /// The request line is not `method SP request-target SP HTTP-version` (RFC 9112 §3).
    case invalidRequestLine
    /// The method is not a token (RFC 9110 §9.1).
    case invalidMethod
    /// The request-target has bytes outside the allowed set or a form the method can't use.
    case invalidTarget
    /// The HTTP-version is malformed.
    case invalidVersion
    /// A well-formed version other than HTTP/1.x.
    case unsupportedVersion
    /// The request line exceeds its limit.
    case requestLineTooLong
    /// The header section exceeds its byte limit.
    case headerSectionTooLarge
    /// More header fields than the limit.
    case tooManyHeaderFields
    /// A field line starts with whitespace (obs-fold, RFC 9112 §5.2).
    case obsoleteLineFolding
    /// A field line has no colon, an empty or invalid name, or whitespace before the colon (RFC 9112 §5.1).
    case invalidHeaderField
    /// A field value holds a control byte, NUL or a bare CR (RFC 9110 §5.5).
    case invalidHeaderValue
    /// A line ends in LF without CR, or a CR is not followed by LF.
    case invalidLineEnding
    /// HTTP/1.1 without exactly one Host field (RFC 9112 §3.2).
    case invalidHost
    /// A Content-Length that is not a decimal number, or several that differ (RFC 9112 §6.3).
    case invalidContentLength
    /// Both Content-Length and Transfer-Encoding (RFC 9112 §6.3: a smuggling vector).
    case contentLengthWithTransferEncoding
    /// A transfer coding other than chunked (RFC 9112 §6.1).
    case unsupportedTransferCoding
    /// Transfer-Encoding that is malformed, not ending in chunked, or sent with HTTP/1.0.
    case invalidTransferEncoding
    /// Malformed chunked framing (RFC 9112 §7.1).
    case invalidChunk
    /// The body exceeds its limit.
    case contentTooLarge
    /// An `Expect` value other than `100-continue` (RFC 9110 §10.1.1).
    case unsupportedExpectation

    /// The status this error is answered with.
    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headerSectionTooLarge, .tooManyHeaderFields: .requestHeaderFieldsTooLarge
        case .contentTooLarge: .contentTooLarge
        case .unsupportedTransferCoding: .notImplemented
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedExpectation: .expectationFailed
        default: .badRequest
        }
    }

    /// A human explanation for the problem body.
    public var detail: String {
        switch self {
        case .invalidRequestLine: "The request line must be 'METHOD SP target SP HTTP/1.1'."
        case .invalidMethod: "The method is not a valid token."
        case .invalidTarget: "The request target is malformed."
        case .invalidVersion: "The HTTP version is malformed."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .requestLineTooLong: "The request line is longer than the server accepts."
        case .headerSectionTooLarge: "The header section is larger than the server accepts."
        case .tooManyHeaderFields: "The request has more header fields than the server accepts."
        case .obsoleteLineFolding: "Header fields must not be folded over several lines."
        case .invalidHeaderField:
            "A header field line is malformed (missing colon, invalid name or space before the colon)."
        case .invalidHeaderValue: "A header field value contains a control character."
        case .invalidLineEnding: "Lines must end with CRLF."
        case .invalidHost: "An HTTP/1.1 request needs exactly one valid Host header field."
        case .invalidContentLength: "Content-Length is malformed or repeated with different values."
        case .contentLengthWithTransferEncoding: "A request must not carry both Content-Length and Transfer-Encoding."
        case .unsupportedTransferCoding: "Only the chunked transfer coding is supported."
        case .invalidTransferEncoding: "Transfer-Encoding is malformed or does not end in chunked."
        case .invalidChunk: "The chunked body is malformed."
        case .contentTooLarge: "The request body is larger than the server accepts."
        case .unsupportedExpectation: "Only 'Expect: 100-continue' is supported."
        }
    }
}
