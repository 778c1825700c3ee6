internal import AttuneCore
public import AttuneStore

/// The practices' own questionnaire definitions: versions are inserted, never updated.
extension SQLiteStore {
    /// Publishes a version (audited `questionnaire.create`, resource `id@version`).
    public func createQuestionnaireVersion(
        practiceID: String,
        _ definition: NewQuestionnaireVersion,
        actor: AuditActor,
        idempotency: IdempotentWrite<StoredQuestionnaire>?,
        completion: @escaping StoreCompletion<IdempotentOutcome<StoredQuestionnaire>>
    ) {
        let reserved = reservedQuestionnaireIDs
        if idempotency != nil { purgeIfDue() }
        submit(
            { context throws(StoreError) in
                try context.idempotently(practiceID: practiceID, idempotency) { () throws(StoreError) in
                    try context.insertQuestionnaireVersion(
                        practiceID: practiceID,
                        definition,
                        reserved: reserved,
                        actor: actor
                    )
                }
            },
            completion: completion
        )
    }
}

extension WriteContext {
    /// Checks and inserts a questionnaire version with its audit event.
    func insertQuestionnaireVersion(
        practiceID: String,
        _ definition: NewQuestionnaireVersion,
        reserved: Set<String>,
        actor: AuditActor
    ) throws(StoreError) -> StoredQuestionnaire {
        try Validation.pseudonymousID(definition.id, field: "id")
        guard !reserved.contains(definition.id) else {
            throw .invalid(field: "id", reason: "is the id of a built-in questionnaire")
        }
        try Validation.positive(definition.version, field: "version")
        try Validation.title(definition.title)
        let document = try Validation.utf8(definition.document, field: "document")
        try requirePractice(practiceID)
        let latest = try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT MAX(version) FROM questionnaires WHERE practice_id = ? AND id = ?",
                [.text(practiceID), .text(definition.id)]
            ) { row in row.optionalInt64(0) }
        }
        let current = Int((latest ?? nil) ?? 0)
        guard definition.version > current else { throw .conflict(.questionnaire) }
        guard definition.version == current + 1 else {
            throw .invalid(field: "version", reason: "must be \(current + 1), the next version")
        }
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO questionnaires
                    (practice_id, id, version, title, respondent, document, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(practiceID), .text(definition.id), .integer(Int64(definition.version)),
                    .text(definition.title), .text(definition.respondent.rawValue), .text(document),
                    .integer(now), .text(actor.keyID),
                ]
            )
        }
        try insertAudit(
            practiceID: practiceID,
            AuditRecord(
                actor: actor,
                action: "questionnaire.create",
                resourceType: "questionnaire",
                resourceID: "\(definition.id)@\(definition.version)",
                outcome: "success"
            )
        )
        return StoredQuestionnaire(
            practiceID: practiceID,
            id: definition.id,
            version: definition.version,
            title: definition.title,
            respondent: definition.respondent,
            document: definition.document,
            createdAt: Timestamp.date(now),
            createdBy: actor.keyID
        )
    }
}

extension SQLiteStore {

    /// One version of the practice's questionnaire, or nil (also for another practice's).
    public func questionnaireVersion(practiceID: String, id: String, version: Int) throws -> StoredQuestionnaire? {
        try read { connection throws(SQLiteError) in
            try connection.queryFirst(
                """
                SELECT \(Rows.questionnaireColumns) FROM questionnaires
                WHERE practice_id = ? AND id = ? AND version = ?
                """,
                [.text(practiceID), .text(id), .integer(Int64(version))],
                Rows.questionnaire
            )
        }
    }

    /// The highest version of the practice's questionnaire, or nil.
    public func latestQuestionnaire(practiceID: String, id: String) throws -> StoredQuestionnaire? {
        try read { connection throws(SQLiteError) in
            try connection.queryFirst(
                """
                SELECT \(Rows.questionnaireColumns) FROM questionnaires
                WHERE practice_id = ? AND id = ? ORDER BY version DESC LIMIT 1
                """,
                [.text(practiceID), .text(id)],
                Rows.questionnaire
            )
        }
    }

    /// The latest version of each of the practice's questionnaires, ordered by id.
    public func questionnaires(practiceID: String) throws -> [StoredQuestionnaire] {
        // A correlated MAX per id (served by the primary key) keeps to SQL both engines run.
        try read { connection throws(SQLiteError) in
            try connection.query(
                """
                SELECT \(Rows.questionnaireColumns) FROM questionnaires AS q
                WHERE q.practice_id = ? AND q.version = (
                    SELECT MAX(latest.version) FROM questionnaires AS latest
                    WHERE latest.practice_id = q.practice_id AND latest.id = q.id
                )
                ORDER BY q.id
                """,
                [.text(practiceID)],
                Rows.questionnaire
            )
        }
    }
}
