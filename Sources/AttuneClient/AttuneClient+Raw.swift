/// A request outside the typed methods: any path of the API, with the client's key, timeouts and
/// retry rules.
public struct RawRequest: Sendable {
    /// `GET`, `POST` or `DELETE`.
    public enum Method: String, Sendable {
        /// `GET`
        case get = "GET"
        /// `POST`
        case post = "POST"
        /// `DELETE`
        case delete = "DELETE"
    }

    /// The method.
    public var method: Method
    /// The path from the base URL, such as `/v1/me`, already percent-encoded.
    public var path: String
    /// Query parameters, encoded by the client.
    public var query: [(name: String, value: String)]
    /// A JSON body.
    public var body: [UInt8]?
    /// Extra header fields (`Accept` defaults to JSON; `Authorization` is the client's own).
    public var headers: [(name: String, value: String)]
    /// The `Idempotency-Key`; a `POST` without one is never retried.
    public var idempotencyKey: IdempotencyKey?

    /// A request.
    public init(
        _ method: Method,
        _ path: String,
        query: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        headers: [(name: String, value: String)] = [],
        idempotencyKey: IdempotencyKey? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.headers = headers
        self.idempotencyKey = idempotencyKey
    }
}

/// Any HTTP answer, error statuses included.
public struct RawResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields, names lowercased, in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// The first field named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }
}

extension AttuneClient {
    /// Sends `request` and returns whatever the server answered; throws only for transport failures,
    /// timeouts and cancellation.
    public func send(_ request: RawRequest) async throws(AttuneClientError) -> RawResponse {
        guard request.path.hasPrefix("/") else { throw .invalidArgument("a path starts with /") }
        var call = Call(
            method: TransportRequest.Method(rawValue: request.method.rawValue) ?? .get,
            path: request.path,
            query: request.query,
            body: request.body,
            idempotencyKey: request.idempotencyKey
        )
        var headers = request.headers
        if let accept = headers.firstIndex(where: { $0.name.lowercased() == "accept" }) {
            call.accept = headers.remove(at: accept).value
        }
        call.headers = headers.filter { $0.name.lowercased() != "authorization" }
        let response = try await exchange(call)
        return RawResponse(status: response.status, headers: response.headers, body: response.body)
    }
}
