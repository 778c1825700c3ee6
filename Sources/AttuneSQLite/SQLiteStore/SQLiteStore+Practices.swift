public import AttuneStore

/// Practices and therapists.
extension SQLiteStore {
    /// Creates a practice and its first admin key in one transaction (both audited).
    public func createPractice(
        name: String,
        actor: AuditActor,
        completion: @escaping StoreCompletion<CreatedPractice>
    ) {
        submit(
            { context throws(StoreError) in
                let practice = Practice(
                    id: Identifiers.practice(),
                    name: try Validation.practiceName(name),
                    createdAt: Timestamp.date(context.now)
                )
                try context.sql { connection throws(SQLiteError) in
                    try connection.execute(
                        "INSERT INTO practices (id, name, created_at) VALUES (?, ?, ?)",
                        [.text(practice.id), .text(practice.name), .integer(context.now)]
                    )
                }
                try context.insertAudit(
                    practiceID: practice.id,
                    .practiceCreated(practice.id, by: actor)
                )
                let key = try context.insertKey(
                    practiceID: practice.id,
                    NewAPIKey(role: .admin, label: "first admin key"),
                    actor: actor
                )
                return CreatedPractice(practice: practice, adminKey: key)
            },
            completion: completion
        )
    }

    /// The practice with `id`, or nil.
    public func practice(id: String) throws -> Practice? {
        try read { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT \(Rows.practiceColumns) FROM practices WHERE id = ?",
                [.text(id)],
                Rows.practice
            )
        }
    }

    /// Adds a therapist to a practice (audited), under an idempotency key when given.
    public func createTherapist(
        practiceID: String,
        id: String,
        actor: AuditActor,
        idempotency: IdempotentWrite<Therapist>?,
        completion: @escaping StoreCompletion<IdempotentOutcome<Therapist>>
    ) {
        if idempotency != nil { purgeIfDue() }
        submit(
            { context throws(StoreError) in
                try Validation.pseudonymousID(id, field: "id")
                try context.requirePractice(practiceID)
                return try context.idempotently(practiceID: practiceID, idempotency) { () throws(StoreError) in
                    try context.insertTherapist(practiceID: practiceID, id: id, actor: actor)
                }
            },
            completion: completion
        )
    }

    /// The practice's therapist with `id`, or nil (also for another practice's therapist).
    public func therapist(practiceID: String, id: String) throws -> Therapist? {
        try read { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT \(Rows.therapistColumns) FROM therapists WHERE practice_id = ? AND id = ?",
                [.text(practiceID), .text(id)],
                Rows.therapist
            )
        }
    }

    /// The practice's therapists ordered by id.
    public func therapists(practiceID: String) throws -> [Therapist] {
        try read { connection throws(SQLiteError) in
            try connection.query(
                "SELECT \(Rows.therapistColumns) FROM therapists WHERE practice_id = ? ORDER BY id",
                [.text(practiceID)],
                Rows.therapist
            )
        }
    }
}

extension WriteContext {
    /// Inserts a therapist and its audit event; `.conflict(.therapist)` when the id is taken by an
    /// active therapist. A deactivated one with that id is reactivated instead (audited
    /// `therapist.reactivate`): its history was kept, and its revoked keys stay revoked.
    func insertTherapist(practiceID: String, id: String, actor: AuditActor) throws(StoreError) -> Therapist {
        let found = try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT \(Rows.therapistColumns) FROM therapists WHERE practice_id = ? AND id = ?",
                [.text(practiceID), .text(id)],
                Rows.therapist
            )
        }
        if var existing = found {
            guard existing.isDeactivated else { throw .conflict(.therapist) }
            try sql { connection throws(SQLiteError) in
                try connection.execute(
                    "UPDATE therapists SET deactivated_at = NULL WHERE practice_id = ? AND id = ?",
                    [.text(practiceID), .text(id)]
                )
            }
            try insertAudit(practiceID: practiceID, .therapistReactivated(id, by: actor))
            existing.deactivatedAt = nil
            return existing
        }
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                "INSERT INTO therapists (practice_id, id, created_at) VALUES (?, ?, ?)",
                [.text(practiceID), .text(id), .integer(now)]
            )
        }
        try insertAudit(
            practiceID: practiceID,
            .therapistCreated(id, by: actor)
        )
        return Therapist(practiceID: practiceID, id: id, createdAt: Timestamp.date(now))
    }
}
