internal import AttuneCore
internal import AttuneStore

/// Column lists and row decoders shared by the SQLite queries, so every query of one entity
/// reads the same columns in the same order.
enum Rows {
    static let practiceColumns = "id, name, created_at"
    static let therapistColumns = "practice_id, id, created_at, deactivated_at"
    static let keyColumns =
        "practice_id, id, role, therapist_id, label, created_at, last_used_at, revoked_at"
    static let auditColumns =
        "practice_id, id, at, key_id, role, action, resource_type, resource_id, outcome"

    static let questionnaireColumns =
        "practice_id, id, version, title, respondent, document, created_at, created_by"
    static let submissionColumns = """
        practice_id, id, client_id, therapist_id, questionnaire_id, questionnaire_version, respondent, session, \
        session_date, received_at, answers, scores, alerts, superseded_by, idempotency_key, created_by, flags
        """

    static func practice(_ row: SQLiteRow) throws(SQLiteError) -> Practice {
        Practice(id: try row.text(0), name: try row.text(1), createdAt: Timestamp.date(try row.int64(2)))
    }

    static func therapist(_ row: SQLiteRow) throws(SQLiteError) -> Therapist {
        Therapist(
            practiceID: try row.text(0),
            id: try row.text(1),
            createdAt: Timestamp.date(try row.int64(2)),
            deactivatedAt: Timestamp.date(row.optionalInt64(3))
        )
    }

    static func key(_ row: SQLiteRow) throws(SQLiteError) -> APIKey {
        APIKey(
            id: try row.text(1),
            practiceID: try row.text(0),
            role: try row.decode(Role.self, 2),
            therapistID: row.optionalText(3),
            label: row.optionalText(4),
            createdAt: Timestamp.date(try row.int64(5)),
            lastUsedAt: Timestamp.date(row.optionalInt64(6)),
            revokedAt: Timestamp.date(row.optionalInt64(7))
        )
    }

    static func auditEvent(_ row: SQLiteRow) throws(SQLiteError) -> AuditEvent {
        AuditEvent(
            id: try row.text(1),
            practiceID: try row.text(0),
            keyID: row.optionalText(3),
            role: row.isNull(4) ? nil : try row.decode(Role.self, 4),
            action: try row.text(5),
            resourceType: try row.text(6),
            resourceID: row.optionalText(7),
            outcome: try row.text(8),
            at: Timestamp.date(try row.int64(2))
        )
    }

    static func questionnaire(_ row: SQLiteRow) throws(SQLiteError) -> StoredQuestionnaire {
        StoredQuestionnaire(
            practiceID: try row.text(0),
            id: try row.text(1),
            version: Int(try row.int64(2)),
            title: try row.text(3),
            respondent: try row.decode(Respondent.self, 4),
            document: try row.bytes(5),
            createdAt: Timestamp.date(try row.int64(6)),
            createdBy: row.optionalText(7)
        )
    }

    static func submission(_ row: SQLiteRow) throws(SQLiteError) -> StoredSubmission {
        StoredSubmission(
            id: try row.text(1),
            practiceID: try row.text(0),
            clientID: try row.text(2),
            therapistID: try row.text(3),
            questionnaireID: try row.text(4),
            version: Int(try row.int64(5)),
            respondent: try row.decode(Respondent.self, 6),
            session: Int(try row.int64(7)),
            date: try row.text(8),
            receivedAt: Timestamp.date(try row.int64(9)),
            answers: try row.bytes(10),
            scores: try row.bytes(11),
            alerts: try row.bytes(12),
            supersededBy: row.optionalText(13),
            idempotencyKey: row.optionalText(14),
            createdBy: row.optionalText(15),
            flags: row.isNull(16) ? nil : try row.bytes(16)
        )
    }
}
