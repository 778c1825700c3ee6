public import AttuneStore

/// Deactivating a therapist: the row and its history stay, its clinician keys are revoked.
extension SQLiteStore {
    /// Deactivates a therapist and revokes its live clinician keys in one transaction (audited).
    public func deactivateTherapist(
        practiceID: String,
        id: String,
        actor: AuditActor,
        completion: @escaping StoreCompletion<TherapistDeactivation>
    ) {
        submit(
            { context throws(StoreError) in
                let found = try context.sql { connection throws(SQLiteError) in
                    try connection.queryFirst(
                        "SELECT \(Rows.therapistColumns) FROM therapists WHERE practice_id = ? AND id = ?",
                        [.text(practiceID), .text(id)],
                        Rows.therapist
                    )
                }
                guard var therapist = found, !therapist.isDeactivated else { throw .notFound(.therapist) }
                let revoked = try context.sql { connection throws(SQLiteError) in
                    let live = try connection.query(
                        """
                        SELECT id FROM api_keys
                        WHERE practice_id = ? AND therapist_id = ? AND role = 'clinician' AND revoked_at IS NULL
                        ORDER BY id
                        """,
                        [.text(practiceID), .text(id)]
                    ) { row throws(SQLiteError) in try row.text(0) }
                    try connection.execute(
                        """
                        UPDATE api_keys SET revoked_at = ?
                        WHERE practice_id = ? AND therapist_id = ? AND role = 'clinician' AND revoked_at IS NULL
                        """,
                        [.integer(context.now), .text(practiceID), .text(id)]
                    )
                    try connection.execute(
                        "UPDATE therapists SET deactivated_at = ? WHERE practice_id = ? AND id = ?",
                        [.integer(context.now), .text(practiceID), .text(id)]
                    )
                    return live
                }
                for keyID in revoked {
                    try context.insertAudit(practiceID: practiceID, .keyRevoked(keyID, by: actor))
                }
                try context.insertAudit(practiceID: practiceID, .therapistDeactivated(id, by: actor))
                therapist.deactivatedAt = Timestamp.date(context.now)
                return TherapistDeactivation(therapist: therapist, revokedKeyIDs: revoked)
            },
            completion: completion
        )
    }
}

extension WriteContext {
    /// Throws `.notFound(.therapist)` unless the practice has that therapist, and
    /// `.invalid(field: "therapist", …)` when it is deactivated.
    func requireActiveTherapist(practiceID: String, id: String) throws(StoreError) {
        let found = try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT deactivated_at FROM therapists WHERE practice_id = ? AND id = ?",
                [.text(practiceID), .text(id)]
            ) { row in row.optionalInt64(0) }
        }
        guard let deactivatedAt = found else { throw .notFound(.therapist) }
        guard deactivatedAt == nil else { throw .invalid(field: "therapist", reason: Self.deactivatedReason) }
    }

    /// Why a submission or key naming a deactivated therapist is refused.
    static let deactivatedReason =
        "this therapist is deactivated; reactivate it with POST /v1/therapists or name an active therapist"
}
