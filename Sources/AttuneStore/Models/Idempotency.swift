/// The first response to an idempotent request, kept to answer its retries.
public struct IdempotentResponse: Sendable, Hashable {
    /// The HTTP status of the first response (201).
    public var status: Int
    /// Its body, byte for byte.
    public var body: [UInt8]
    /// The resource it created (a submission's or therapist's id, `id/versions/n` for a
    /// questionnaire version), from which the route rebuilds `Location`.
    public var resourceID: String?

    /// Creates a value.
    public init(status: Int, body: [UInt8], resourceID: String?) {
        self.status = status
        self.body = body
        self.resourceID = resourceID
    }
}

/// A request's `Idempotency-Key` and the hash of what it asks for, as the store checks them.
public struct IdempotencyClaim: Sendable, Hashable {
    /// The request's `Idempotency-Key` (1–255 visible ASCII characters).
    public var key: String
    /// SHA-256 of the request's method, path and canonical body (RFC 8785), 64 lowercase hex digits:
    /// the same JSON re-serialized hashes the same.
    public var requestHash: String

    /// Creates a claim.
    public init(key: String, requestHash: String) {
        self.key = key
        self.requestHash = requestHash
    }
}

/// An idempotent write: its claim, and how to build the response its retries will get, from what the
/// write created, inside the write's own transaction.
public struct IdempotentWrite<Value: Sendable>: Sendable {
    /// The key and the request hash.
    public var claim: IdempotencyClaim
    /// The response to keep for the created value.
    public var response: @Sendable (Value) -> IdempotentResponse

    /// Creates an idempotent write.
    public init(claim: IdempotencyClaim, response: @escaping @Sendable (Value) -> IdempotentResponse) {
        self.claim = claim
        self.response = response
    }
}

/// How an idempotent write ended.
public enum IdempotentOutcome<Value: Sendable>: Sendable {
    /// First use of the key (or no key): the write ran and committed with its record.
    case done(Value)
    /// The key was used before for the same request: answer with its response; nothing was written.
    case replay(IdempotentResponse)
    /// The key was used before for another request: refuse; nothing was written.
    case mismatch
}

extension IdempotentOutcome: Equatable where Value: Equatable {}
