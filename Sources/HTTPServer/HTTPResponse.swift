/// An HTTP response: status, header fields and a body sent with `Content-Length`.
///
/// The server adds `Date`, `Content-Length`, `Connection` and `X-Request-Id`; a handler sets the rest.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// Header fields set by the handler.
    public var headers: HTTPHeaders
    /// Header fields encoded ahead of time, sent after ``headers``: for a response served many times
    /// with the same fields (an `ETag` of immutable bytes), encoding them per request costs more than
    /// copying them.
    public var encodedHeaders: EncodedHeaderFields
    /// The body bytes. Arrays are copy-on-write, so a pre-encoded body is shared, not copied.
    public var body: [UInt8]

    /// A response.
    public init(
        status: HTTPStatus = .ok,
        headers: HTTPHeaders = [:],
        encodedHeaders: EncodedHeaderFields = EncodedHeaderFields(),
        body: [UInt8] = []
    ) {
        self.status = status
        self.headers = headers
        self.encodedHeaders = encodedHeaders
        self.body = body
    }

    /// A response with a JSON body that is already encoded.
    public static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    /// A response with a JSON body given as a string.
    public static func json(_ body: String, status: HTTPStatus = .ok) -> HTTPResponse {
        json(Array(body.utf8), status: status)
    }

    /// A plain-text response.
    public static func text(_ body: String, status: HTTPStatus = .ok, contentType: String = "text/plain; charset=utf-8")
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(body.utf8))
    }
}

/// Header field lines encoded once, to be copied into many responses (see ``HTTPResponse/encodedHeaders``).
///
/// Built only from ``HTTPHeaders``, with the same rule as ``HTTPResponse/headers``: the fields the server
/// owns (`Date`, `Content-Length`, `Connection`, `Transfer-Encoding`, `X-Request-Id`) are left out, so
/// pre-encoded fields can't break framing or connection management either.
public struct EncodedHeaderFields: Sendable, Equatable {
    /// The field lines, each `name: value` and CRLF, in the order given.
    public let bytes: [UInt8]
    /// Whether every name is a token and no value holds CR, LF or NUL (checked once, here, not per response).
    let isSendable: Bool

    /// No fields.
    public init() {
        bytes = []
        isSendable = true
    }

    /// Encodes `headers` in order, leaving out the fields the server owns.
    public init(_ headers: HTTPHeaders) {
        var bytes: [UInt8] = []
        ResponseEncoder.appendFields(headers, to: &bytes)
        self.bytes = bytes
        isSendable = HeaderRules.areSendable(HTTPResponse(headers: headers))
    }
}

/// An error that knows the HTTP response it stands for (the shape of Hummingbird's `HTTPResponseError`).
///
/// Anything a handler throws that does not conform becomes a 500 problem with an opaque error id, and the
/// error itself goes to the log only.
public protocol HTTPResponseConvertible: Error {
    /// The status the error maps to.
    var status: HTTPStatus { get }
    /// The full response, usually an RFC 9457 problem.
    func makeResponse() -> HTTPResponse
}
