internal import AttuneCore
internal import Crypto

/// What erasing a client removed.
public struct ClientErasure: Sendable, Hashable {
    /// Submissions deleted (superseded ones included).
    public var submissions: Int
    /// Idempotency keys of those submissions, now tombstones answering `410 Gone`.
    public var idempotencyKeys: Int
    /// Whether the write-ahead log was checkpointed and truncated afterwards, so no copy of the erased
    /// pages is left in it. False only when readers kept it busy past the busy timeout; the next
    /// checkpoint then overwrites them.
    public var walCheckpointed: Bool

    /// Creates a value.
    public init(submissions: Int, idempotencyKeys: Int, walCheckpointed: Bool = false) {
        self.submissions = submissions
        self.idempotencyKeys = idempotencyKeys
        self.walCheckpointed = walCheckpointed
    }
}

/// What a backend's erasure transaction offers the erasure rules; it stores, it does not decide.
public protocol ErasureTransaction: RollupLedger, EpisodeLedger, ~Copyable {
    /// Every submission of the client, superseded ones too, in session order.
    func clientSubmissions(practiceID: String, clientID: String) throws(StoreError) -> [StoredSubmission]
    /// Deletes every submission of the client.
    func deleteClientSubmissions(practiceID: String, clientID: String) throws(StoreError)
    /// Deletes the idempotency records (with their stored response bodies) of these keys.
    func deleteIdempotencyRecords(practiceID: String, keys: [String]) throws(StoreError)
    /// Keeps a content-free tombstone for a key of an erased client (``ErasureRules/tombstone(practiceID:key:)``).
    func insertErasedKeyTombstone(practiceID: String, keyHash: String) throws(StoreError)
    /// Removes the client's rows of the attention list (``ClientActivityRules``).
    func deleteClientActivity(practiceID: String, clientID: String) throws(StoreError)
    /// Clears `resource_id` of every audit event naming one of `resourceIDs`; action, actor, time and
    /// outcome stay.
    func forgetAuditResources(practiceID: String, resourceIDs: [String]) throws(StoreError)
    /// Inserts an audit event that commits or rolls back with the erasure.
    @discardableResult
    func insertAudit(practiceID: String, _ record: AuditRecord) throws(StoreError) -> AuditEvent
}

/// Erasing a client (`DELETE /v1/clients/{client}`), once for every backend: everything the store
/// holds about the client goes in one transaction, its old idempotency keys become tombstones, and the
/// audit keeps what happened without naming whom.
public enum ErasureRules {
    /// Erases the client in `transaction`; `.notFound(.client)` when the practice has no submission of it
    /// (a second erasure, another practice's client, an id that was never used).
    public static func erase<Transaction: ErasureTransaction & ~Copyable>(
        in transaction: borrowing Transaction,
        practiceID: String,
        clientID: String,
        actor: AuditActor
    ) throws(StoreError) -> ClientErasure {
        let submissions = try transaction.clientSubmissions(practiceID: practiceID, clientID: clientID)
        guard !submissions.isEmpty else { throw .notFound(.client) }
        try retractRollups(of: submissions, practiceID: practiceID, in: transaction)
        try removeRuptureEpisodes(of: clientID, practiceID: practiceID, in: transaction)
        var keys: [String] = []
        var seen: Set<String> = []
        for key in submissions.compactMap(\.idempotencyKey) where seen.insert(key).inserted { keys.append(key) }
        for key in keys {
            try transaction.insertErasedKeyTombstone(
                practiceID: practiceID,
                keyHash: tombstone(practiceID: practiceID, key: key)
            )
        }
        try transaction.deleteIdempotencyRecords(practiceID: practiceID, keys: keys)
        try transaction.deleteClientSubmissions(practiceID: practiceID, clientID: clientID)
        try transaction.deleteClientActivity(practiceID: practiceID, clientID: clientID)
        // Events name the client (a list of its submissions, a trajectory read) or one of its submissions.
        try transaction.forgetAuditResources(practiceID: practiceID, resourceIDs: [clientID] + submissions.map(\.id))
        try transaction.insertAudit(practiceID: practiceID, .clientErased(by: actor))
        return ClientErasure(submissions: submissions.count, idempotencyKeys: keys.count)
    }

    /// The erasure's share of the rollups: each current submission is retracted as a supersession
    /// retracts the replaced one (superseded submissions were retracted when they were replaced).
    static func retractRollups<Transaction: ErasureTransaction & ~Copyable>(
        of submissions: [StoredSubmission],
        practiceID: String,
        in transaction: borrowing Transaction
    ) throws(StoreError) {
        let current = submissions.filter(\.isCurrent).map(RollupSubmission.init)
        try RollupRules.retract(in: transaction, practiceID: practiceID, current)
    }

    /// The erasure's share of the rupture episodes: every episode of the client is deleted, with the series
    /// points they were computed from.
    static func removeRuptureEpisodes<Transaction: ErasureTransaction & ~Copyable>(
        of clientID: String,
        practiceID: String,
        in transaction: borrowing Transaction
    ) throws(StoreError) {
        try transaction.deleteClientSeries(practiceID: practiceID, clientID: clientID)
    }

    /// The tombstone of an idempotency key: SHA-256 of the practice id, a zero byte and the key, in hex.
    /// Hashed because a key is the sender's text and may embed a client id; the hash still recognises a
    /// retry (keys should be random, such as UUIDs, or the hash of a guessable key could be guessed back).
    public static func tombstone(practiceID: String, key: String) -> String {
        Identifiers.hex(SHA256.hash(data: Array(practiceID.utf8) + [0] + Array(key.utf8)))
    }
}

extension AuditRecord {
    /// A client was erased. The event names no client: after an erasure nothing may.
    public static func clientErased(by actor: AuditActor) -> AuditRecord {
        AuditRecord(actor: actor, action: "client.erase", resourceType: "client", resourceID: nil, outcome: "success")
    }
}
