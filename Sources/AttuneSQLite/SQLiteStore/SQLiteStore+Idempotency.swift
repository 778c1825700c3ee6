public import AttuneStore
public import Foundation

/// `Idempotency-Key` records: checked and written in the same transaction as the write they protect
/// (``IdempotencyLedger``), replayed to retries, purged after the retention period. Every record is
/// `done`; an `in_flight` row (written by an older attune) has no response and counts as absent.
extension SQLiteStore {
    /// Deletes records created before `cutoff`, practice by practice (each delete walks the
    /// `(practice_id, created_at)` index).
    public func purgeIdempotencyKeys(olderThan cutoff: Date, completion: @escaping StoreCompletion<Int>) {
        let cutoff = Timestamp.milliseconds(cutoff)
        submit(
            { context throws(StoreError) in
                try context.sql { connection throws(SQLiteError) in
                    let practices = try connection.query("SELECT id FROM practices") { row throws(SQLiteError) in
                        try row.text(0)
                    }
                    var deleted = 0
                    for practiceID in practices {
                        try connection.execute(
                            "DELETE FROM idempotency_keys WHERE practice_id = ? AND created_at < ?",
                            [.text(practiceID), .integer(cutoff)]
                        )
                        deleted += connection.changes
                    }
                    return deleted
                }
            },
            completion: completion
        )
    }

    /// Queues a purge of records past the retention period, at most once per purge interval.
    func purgeIfDue() {
        let now = Timestamp.now()
        guard idempotencyPolicy.shouldPurge(now: now) else { return }
        let cutoff = Timestamp.date(now - idempotencyPolicy.retentionMilliseconds)
        purgeIdempotencyKeys(olderThan: cutoff) { _ in }
    }
}

extension WriteContext: IdempotencyLedger {
    /// The record for `key`, if any.
    func idempotencyRecord(practiceID: String, key: String) throws(StoreError) -> IdempotencyRecord? {
        try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                """
                SELECT request_hash, state, response_status, response_body, resource_id
                FROM idempotency_keys WHERE practice_id = ? AND idempotency_key = ?
                """,
                [.text(practiceID), .text(key)]
            ) { row throws(SQLiteError) in
                let isDone = try row.text(1) == "done"
                return IdempotencyRecord(
                    requestHash: try row.text(0),
                    response: isDone
                        ? IdempotentResponse(
                            status: Int(try row.int64(2)),
                            body: try row.bytes(3),
                            resourceID: row.optionalText(4)
                        ) : nil
                )
            }
        }
    }

    /// Keeps the response for the claim's key as `done`, replacing a row without a response.
    func keepIdempotentResponse(
        practiceID: String,
        claim: IdempotencyClaim,
        response: IdempotentResponse
    ) throws(StoreError) {
        let body = try Validation.utf8Bytes(response.body, field: "responseBody")
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO idempotency_keys (
                    practice_id, idempotency_key, request_hash, state, response_status, response_body, resource_id,
                    created_at, completed_at
                ) VALUES (?, ?, ?, 'done', ?, ?, ?, ?, ?)
                ON CONFLICT (practice_id, idempotency_key) DO UPDATE SET
                    request_hash = excluded.request_hash, state = 'done', response_status = excluded.response_status,
                    response_body = excluded.response_body, resource_id = excluded.resource_id,
                    completed_at = excluded.completed_at
                """,
                [
                    .text(practiceID), .text(claim.key), .text(claim.requestHash),
                    .integer(Int64(response.status)), .utf8Text(body), .text(response.resourceID), .integer(now),
                    .integer(now),
                ]
            )
        }
    }
}
