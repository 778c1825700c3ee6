public import AttuneStore

/// API keys: creation, listing, revocation and authentication.
extension SQLiteStore {
    /// Creates a key (audited); the plaintext token exists only in the result.
    public func createKey(
        practiceID: String,
        _ request: NewAPIKey,
        actor: AuditActor,
        completion: @escaping StoreCompletion<CreatedAPIKey>
    ) {
        submit(
            { context throws(StoreError) in
                try context.requirePractice(practiceID)
                return try context.insertKey(practiceID: practiceID, request, actor: actor)
            },
            completion: completion
        )
    }

    /// The practice's key with `id`, or nil (also for another practice's key).
    public func key(practiceID: String, id: String) throws -> APIKey? {
        try read { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT \(Rows.keyColumns) FROM api_keys WHERE practice_id = ? AND id = ?",
                [.text(practiceID), .text(id)],
                Rows.key
            )
        }
    }

    /// The practice's keys, oldest first.
    public func keys(practiceID: String) throws -> [APIKey] {
        try read { connection throws(SQLiteError) in
            try connection.query(
                "SELECT \(Rows.keyColumns) FROM api_keys WHERE practice_id = ? ORDER BY created_at, id",
                [.text(practiceID)],
                Rows.key
            )
        }
    }

    /// Revokes a key (audited); `.notFound(.key)` for a missing key or another practice's.
    public func revokeKey(
        practiceID: String,
        id: String,
        actor: AuditActor,
        completion: @escaping StoreCompletion<APIKey>
    ) {
        submit(
            { context throws(StoreError) in
                let found = try context.sql { connection throws(SQLiteError) in
                    try connection.queryFirst(
                        "SELECT \(Rows.keyColumns) FROM api_keys WHERE practice_id = ? AND id = ?",
                        [.text(practiceID), .text(id)],
                        Rows.key
                    )
                }
                guard var key = found else { throw .notFound(.key) }
                if key.revokedAt == nil {
                    try context.sql { connection throws(SQLiteError) in
                        try connection.execute(
                            "UPDATE api_keys SET revoked_at = ? WHERE practice_id = ? AND id = ? AND revoked_at IS NULL",
                            [.integer(context.now), .text(practiceID), .text(id)]
                        )
                    }
                    key.revokedAt = Timestamp.date(context.now)
                }
                try context.insertAudit(
                    practiceID: practiceID,
                    .keyRevoked(id, by: actor)
                )
                return key
            },
            completion: completion
        )
    }

    /// The live key `token` belongs to, or nil for a malformed, unknown, wrong or revoked token.
    ///
    /// The returned `lastUsedAt` is the stored one; this use is written afterwards, off the
    /// caller's path, at most once a minute per key.
    public func authenticate(token: String) throws -> APIKey? {
        guard let keyID = APIKeyToken.keyID(in: token) else { return nil }
        let presented = APIKeyToken.hash(token)
        // The only lookup without a practice id: the practice is what this row tells us.
        let found = try read { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT \(Rows.keyColumns), secret_sha256 FROM api_keys WHERE id = ?",
                [.text(keyID)]
            ) { row throws(SQLiteError) in (try Rows.key(row), try row.text(8)) }
        }
        guard let (key, stored) = found,
            APIKeyToken.constantTimeEquals(presented.utf8, stored.utf8),
            !key.isRevoked
        else { return nil }
        recordUse(of: key)
        return key
    }

    /// Queues a `lastUsedAt` update without waiting for it, at most once per interval per key.
    private func recordUse(of key: APIKey) {
        let now = Timestamp.now()
        guard keyUsage.shouldRecord(keyID: key.id, now: now) else { return }
        submit(
            { context throws(StoreError) in
                try context.sql { connection throws(SQLiteError) in
                    try connection.execute(
                        "UPDATE api_keys SET last_used_at = ? WHERE practice_id = ? AND id = ?",
                        [.integer(now), .text(key.practiceID), .text(key.id)]
                    )
                }
            },
            completion: { _ in }
        )
    }
}

extension WriteContext {
    /// Validates and inserts a key with its `key.create` audit event; returns it with its token.
    func insertKey(practiceID: String, _ request: NewAPIKey, actor: AuditActor) throws(StoreError) -> CreatedAPIKey {
        let label = try Validation.label(request.label)
        switch (request.role, request.therapistID) {
        case (.clinician, nil):
            throw .invalid(field: "therapist", reason: "is required for a clinician key")
        case (.clinician, let therapistID?):
            try Validation.pseudonymousID(therapistID, field: "therapist")
            try requireActiveTherapist(practiceID: practiceID, id: therapistID)
        case (_, .some):
            throw .invalid(field: "therapist", reason: "is allowed only for a clinician key")
        case (_, nil):
            break
        }
        let id = Identifiers.key()
        let token = APIKeyToken.make(keyID: id)
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO api_keys (practice_id, id, role, therapist_id, label, secret_sha256, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(practiceID), .text(id), .text(request.role.rawValue), .text(request.therapistID),
                    .text(label), .text(APIKeyToken.hash(token)), .integer(now),
                ]
            )
        }
        try insertAudit(
            practiceID: practiceID,
            .keyCreated(id, by: actor)
        )
        let key = APIKey(
            id: id,
            practiceID: practiceID,
            role: request.role,
            therapistID: request.therapistID,
            label: label,
            createdAt: Timestamp.date(now),
            lastUsedAt: nil,
            revokedAt: nil
        )
        return CreatedAPIKey(key: key, token: token)
    }
}
