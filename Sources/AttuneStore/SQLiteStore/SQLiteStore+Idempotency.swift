public import Foundation

/// `Idempotency-Key` records: claimed by `beginIdempotent`, completed in the same transaction as
/// the write they protect, replayed to retries, purged after the retention period.
///
/// States: absent → `in_flight` (claimed) → `done` (response kept), or `in_flight` → absent
/// (abandoned). An `in_flight` row older than the in-flight timeout counts as absent: a server
/// that crashed mid-request leaves one behind, and retries must not be blocked by it for ever.
extension SQLiteStore {
    /// Claims `key` through the writer (so concurrent claims are serialized and `.new` is
    /// answered to exactly one of them), or reports a replay, a mismatch or a live claim.
    public func beginIdempotent(
        practiceID: String,
        key: String,
        requestHash: String,
        completion: @escaping StoreCompletion<IdempotencyBegin>
    ) {
        let timeout = idempotencyPolicy.inFlightTimeoutMilliseconds
        submit(
            { context throws(StoreError) in
                try Validation.idempotencyKey(key)
                try Validation.sha256Hex(requestHash, field: "requestHash")
                try context.requirePractice(practiceID)
                let found = try context.idempotencyRecord(practiceID: practiceID, key: key)
                let verdict = found?.verdict(for: requestHash, now: context.now, timeout: timeout) ?? .new
                guard verdict == .new else { return verdict }
                // Absent or abandoned: (re)claim it for this request.
                try context.sql { connection throws(SQLiteError) in
                    try connection.execute(
                        "DELETE FROM idempotency_keys WHERE practice_id = ? AND idempotency_key = ?",
                        [.text(practiceID), .text(key)]
                    )
                    try connection.execute(
                        """
                        INSERT INTO idempotency_keys (practice_id, idempotency_key, request_hash, state, created_at)
                        VALUES (?, ?, ?, 'in_flight', ?)
                        """,
                        [.text(practiceID), .text(key), .text(requestHash), .integer(context.now)]
                    )
                }
                return .new
            },
            completion: completion
        )
        purgeIfDue()
    }

    /// Removes an in-flight claim; a completed record stays.
    public func abandonIdempotent(practiceID: String, key: String, completion: @escaping StoreCompletion<Bool>) {
        submit(
            { context throws(StoreError) in
                try Validation.idempotencyKey(key)
                return try context.deleteInFlight(practiceID: practiceID, key: key)
            },
            completion: completion
        )
    }

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

/// One stored idempotency record.
struct IdempotencyRecord {
    var requestHash: String
    var isDone: Bool
    var response: IdempotentResponse?
    var createdAt: Int64

    /// What a request with `requestHash` arriving at `now` should do about this record: `.new`
    /// when it is an abandoned claim, `.inFlight` for a live claim of the same request.
    func verdict(for requestHash: String, now: Int64, timeout: Int64) -> IdempotencyBegin {
        if let response, isDone {
            return self.requestHash == requestHash ? .replay(response) : .mismatch
        }
        if now - createdAt >= timeout { return .new }
        return self.requestHash == requestHash ? .inFlight : .mismatch
    }
}

extension WriteContext {
    /// The record for `key`, if any.
    func idempotencyRecord(practiceID: String, key: String) throws(StoreError) -> IdempotencyRecord? {
        try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                """
                SELECT request_hash, state, response_status, response_body, resource_id, created_at
                FROM idempotency_keys WHERE practice_id = ? AND idempotency_key = ?
                """,
                [.text(practiceID), .text(key)]
            ) { row throws(SQLiteError) in
                let isDone = try row.text(1) == "done"
                return IdempotencyRecord(
                    requestHash: try row.text(0),
                    isDone: isDone,
                    response: isDone
                        ? IdempotentResponse(
                            status: Int(try row.int64(2)),
                            body: try row.bytes(3),
                            resourceID: row.optionalText(4)
                        ) : nil,
                    createdAt: try row.int64(5)
                )
            }
        }
    }

    /// Deletes `key`'s in-flight claim; true when there was one.
    @discardableResult
    func deleteInFlight(practiceID: String, key: String) throws(StoreError) -> Bool {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                "DELETE FROM idempotency_keys WHERE practice_id = ? AND idempotency_key = ? AND state = 'in_flight'",
                [.text(practiceID), .text(key)]
            )
            return connection.changes > 0
        }
    }

    /// Records the response for `completion.key` as done, claimed or not (a request that never
    /// called `beginIdempotent`, or whose claim was taken over, still completes the key).
    func completeIdempotent(
        practiceID: String,
        _ completion: IdempotencyCompletion,
        resourceID: String
    ) throws(StoreError) {
        let body = try Validation.utf8Bytes(completion.responseBody, field: "responseBody")
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
                    .text(practiceID), .text(completion.key), .text(completion.requestHash),
                    .integer(Int64(completion.status)), .utf8Text(body), .text(resourceID), .integer(now),
                    .integer(now),
                ]
            )
        }
    }
}
