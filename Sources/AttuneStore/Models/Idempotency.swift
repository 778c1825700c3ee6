/// The first response to an idempotent request, kept to answer its retries.
public struct IdempotentResponse: Sendable, Hashable {
    /// The HTTP status of the first response (201).
    public var status: Int
    /// Its body, byte for byte.
    public var body: [UInt8]
    /// The resource it created (`sub_…`), if any.
    public var resourceID: String?

    /// Creates a value.
    public init(status: Int, body: [UInt8], resourceID: String?) {
        self.status = status
        self.body = body
        self.resourceID = resourceID
    }
}

/// What `beginIdempotent` found for a practice's `Idempotency-Key`.
public enum IdempotencyBegin: Sendable, Hashable {
    /// First use (or the earlier attempt was abandoned): an in-flight record now holds the key.
    /// Go on, and finish with `createSubmission(…, idempotency:)` or `abandonIdempotent`.
    case new
    /// Done before with the same body: answer with this response and do nothing else.
    case replay(IdempotentResponse)
    /// The key was used with another body: refuse (422).
    case mismatch
    /// The same request is being handled right now: ask the client to retry later (409).
    case inFlight
}

/// The idempotency record to complete in the same transaction as a write.
public struct IdempotencyCompletion: Sendable, Hashable {
    /// The request's `Idempotency-Key`.
    public var key: String
    /// SHA-256 of the request body, 64 lowercase hex digits.
    public var requestHash: String
    /// The status to replay (default 201).
    public var status: Int
    /// The response body to replay, built before the write.
    public var responseBody: [UInt8]

    /// Creates a completion.
    public init(key: String, requestHash: String, status: Int = 201, responseBody: [UInt8]) {
        self.key = key
        self.requestHash = requestHash
        self.status = status
        self.responseBody = responseBody
    }
}
