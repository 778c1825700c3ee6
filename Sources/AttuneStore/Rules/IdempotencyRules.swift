/// One stored idempotency record, as any backend reads it back.
public struct IdempotencyRecord: Sendable, Hashable {
    /// The request hash the key was first used with.
    public var requestHash: String
    /// The kept response; nil for a claim without one (rows an older attune left `in_flight`).
    public var response: IdempotentResponse?

    /// Creates a record.
    public init(requestHash: String, response: IdempotentResponse?) {
        self.requestHash = requestHash
        self.response = response
    }
}

/// What a write under an `Idempotency-Key` does about the record it finds.
public enum IdempotencyDecision: Sendable, Hashable {
    /// No usable record: run the write and keep its response.
    case proceed
    /// Answer with the first response; write nothing.
    case replay(IdempotentResponse)
    /// The key belongs to another request; write nothing.
    case mismatch

    /// The decision for a request hashing to `requestHash` that finds `record`.
    ///
    /// The check, the write and the record share one transaction on the single writer, so a second
    /// request with the same key always finds the first one's record committed (or, in the same
    /// batch, written): there is no "still in flight" state. A record without a response can only be
    /// a claim an older attune left behind, and counts as absent.
    public init(record: IdempotencyRecord?, requestHash: String) {
        guard let record, let response = record.response else {
            self = .proceed
            return
        }
        self = record.requestHash == requestHash ? .replay(response) : .mismatch
    }
}

/// The storage an idempotent write needs inside a backend's write transaction.
public protocol IdempotencyLedger: ~Copyable {
    /// The practice's record for `key`, if any.
    func idempotencyRecord(practiceID: String, key: String) throws(StoreError) -> IdempotencyRecord?
    /// Keeps `response` for the claim's key, replacing any record without a response.
    func keepIdempotentResponse(
        practiceID: String,
        claim: IdempotencyClaim,
        response: IdempotentResponse
    ) throws(StoreError)
}

extension IdempotencyLedger where Self: ~Copyable {
    /// Runs `body` unless `write`'s key was used before, and keeps its response in the same transaction.
    public func idempotently<Value: Sendable>(
        practiceID: String,
        _ write: IdempotentWrite<Value>?,
        _ body: () throws(StoreError) -> Value
    ) throws(StoreError) -> IdempotentOutcome<Value> {
        guard let write else { return .done(try body()) }
        try Validation.idempotencyKey(write.claim.key)
        try Validation.sha256Hex(write.claim.requestHash, field: "requestHash")
        let found = try idempotencyRecord(practiceID: practiceID, key: write.claim.key)
        switch IdempotencyDecision(record: found, requestHash: write.claim.requestHash) {
        case .replay(let response): return .replay(response)
        case .mismatch: return .mismatch
        case .proceed: break
        }
        let value = try body()
        try keepIdempotentResponse(practiceID: practiceID, claim: write.claim, response: write.response(value))
        return .done(value)
    }
}
