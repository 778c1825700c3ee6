public import AttuneStore
internal import Dispatch

/// Erasing a client: one transaction with `secure_delete` on, then a truncating WAL checkpoint, so the
/// erased bytes are overwritten in the database file and no copy of them is left in the log.
extension SQLiteStore {
    /// Erases every trace of a client by ``ErasureRules``; `.notFound(.client)` when it has no submission.
    ///
    /// Runs on the writer's queue between batches, in a transaction of its own: `secure_delete` must be
    /// on for exactly this transaction (it zeroes freed cells and pages, which costs every other write),
    /// and the checkpoint must run outside any transaction.
    public func eraseClient(
        practiceID: String,
        clientID: String,
        actor: AuditActor,
        completion: @escaping StoreCompletion<ClientErasure>
    ) {
        DispatchQueue.global(qos: .userInitiated).async { [writer] in
            let result: Result<ClientErasure, StoreError>
            do throws(StoreError) {
                result = .success(
                    try writer.withConnection { connection throws(StoreError) in
                        try Self.erase(practiceID: practiceID, clientID: clientID, actor: actor, on: connection)
                    }
                )
            } catch {
                result = .failure(error)
            }
            completion(result)
        }
    }

    private static func erase(
        practiceID: String,
        clientID: String,
        actor: AuditActor,
        on connection: SQLiteConnection
    ) throws(StoreError) -> ClientErasure {
        try sqlite { () throws(SQLiteError) in try connection.executeScript("PRAGMA secure_delete = ON") }
        defer { try? connection.executeScript("PRAGMA secure_delete = OFF") }
        var erasure = try sqlite { () throws(SQLiteError) -> Result<ClientErasure, StoreError> in
            try connection.execute("BEGIN IMMEDIATE")
            let outcome: Result<ClientErasure, StoreError>
            do throws(StoreError) {
                let context = WriteContext(connection: connection, now: Timestamp.now())
                outcome = .success(
                    try ErasureRules.erase(in: context, practiceID: practiceID, clientID: clientID, actor: actor)
                )
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success: try connection.execute("COMMIT")
            case .failure: if !connection.isAutocommit { try connection.execute("ROLLBACK") }
            }
            return outcome
        }.get()
        erasure.walCheckpointed = checkpoint(connection)
        return erasure
    }

    /// Copies the log into the database file and truncates it to zero bytes; false when a reader kept
    /// it from finishing (tried three times, each waiting up to the busy timeout).
    private static func checkpoint(_ connection: SQLiteConnection) -> Bool {
        for _ in 0..<3 {
            let busy = try? connection.queryFirst("PRAGMA wal_checkpoint(TRUNCATE)") { row in row.optionalInt64(0) }
            if case .some(.some(0)) = busy { return true }
        }
        return false
    }
}

extension WriteContext: ErasureTransaction {
    /// Every submission of the client, superseded ones too, in session order.
    func clientSubmissions(practiceID: String, clientID: String) throws(StoreError) -> [StoredSubmission] {
        try sql { connection throws(SQLiteError) in
            try connection.query(
                """
                SELECT \(Rows.submissionColumns) FROM submissions WHERE practice_id = ? AND client_id = ?
                ORDER BY session, received_at, id
                """,
                [.text(practiceID), .text(clientID)],
                Rows.submission
            )
        }
    }

    func deleteClientSubmissions(practiceID: String, clientID: String) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                "DELETE FROM submissions WHERE practice_id = ? AND client_id = ?",
                [.text(practiceID), .text(clientID)]
            )
        }
    }

    func deleteIdempotencyRecords(practiceID: String, keys: [String]) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            for key in keys {
                try connection.execute(
                    "DELETE FROM idempotency_keys WHERE practice_id = ? AND idempotency_key = ?",
                    [.text(practiceID), .text(key)]
                )
            }
        }
    }

    func insertErasedKeyTombstone(practiceID: String, keyHash: String) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO erased_idempotency_keys (practice_id, key_sha256, erased_at) VALUES (?, ?, ?)
                ON CONFLICT (practice_id, key_sha256) DO NOTHING
                """,
                [.text(practiceID), .text(keyHash), .integer(now)]
            )
        }
    }

    func deleteClientActivity(practiceID: String, clientID: String) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                "DELETE FROM client_activity WHERE practice_id = ? AND client_id = ?",
                [.text(practiceID), .text(clientID)]
            )
            try connection.execute(
                "DELETE FROM client_questionnaire_activity WHERE practice_id = ? AND client_id = ?",
                [.text(practiceID), .text(clientID)]
            )
        }
    }

    /// One pass over the practice's audit trail, which has no index by resource: the ids go into a
    /// connection-private temporary table (kept in memory, `temp_store=MEMORY`) that the update joins.
    func forgetAuditResources(practiceID: String, resourceIDs: [String]) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.executeScript("CREATE TEMP TABLE IF NOT EXISTS erased_resources (id TEXT PRIMARY KEY)")
            for id in resourceIDs {
                try connection.execute(
                    "INSERT INTO temp.erased_resources (id) VALUES (?) ON CONFLICT (id) DO NOTHING",
                    [.text(id)]
                )
            }
            try connection.execute(
                """
                UPDATE audit_events SET resource_id = NULL
                WHERE practice_id = ? AND resource_id IN (SELECT id FROM temp.erased_resources)
                """,
                [.text(practiceID)]
            )
            try connection.executeScript("DELETE FROM temp.erased_resources")
        }
    }
}
