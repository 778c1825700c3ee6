/// An HTTP response: status, header fields and a body sent with `Content-Length`.
///
/// The server adds `Date`, `Content-Length`, `Connection` and `X-Request-Id`; a handler sets the rest.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// Header fields set by the handler.
    public var headers: HTTPHeaders
    /// The body bytes. Arrays are copy-on-write, so a pre-encoded body is shared, not copied.
    public var body: [UInt8]

    /// A response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
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
