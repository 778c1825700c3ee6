internal import AttuneCore
internal import AttuneStore

/// A `NewSubmission` checked and ready to insert: ids known, JSON checked to be UTF-8 text.
struct SubmissionRow {
    let practiceID: String
    let id: String
    let submission: NewSubmission
    let receivedAt: Int64
    let answers: [UInt8]
    let scores: [UInt8]
    let alerts: [UInt8]
    let flags: [UInt8]
    let createdBy: String?

    /// Validates `submission`; every error names the field, never the value.
    init(_ submission: NewSubmission, practiceID: String, actor: AuditActor, now: Int64) throws(StoreError) {
        if let id = submission.id {
            try Validation.generatedID(id, prefix: "sub_", field: "id")
        }
        try Validation.pseudonymousID(submission.clientID, field: "client")
        try Validation.pseudonymousID(submission.therapistID, field: "therapist")
        try Validation.pseudonymousID(submission.questionnaireID, field: "questionnaire")
        try Validation.positive(submission.version, field: "version")
        try Validation.positive(submission.session, field: "session")
        try Validation.date(submission.date, field: "date")
        self.practiceID = practiceID
        self.id = submission.id ?? Identifiers.submission()
        self.submission = submission
        self.receivedAt = submission.receivedAt.map(Timestamp.milliseconds) ?? now
        self.answers = try Validation.utf8Bytes(submission.answers, field: "answers")
        self.scores = try Validation.utf8Bytes(submission.scores, field: "scores")
        self.alerts = try Validation.utf8Bytes(submission.alerts, field: "alerts")
        self.flags = try Validation.utf8Bytes(submission.flags, field: "flags")
        self.createdBy = actor.keyID
    }

    /// The row as `submission(practiceID:id:)` will read it back.
    func stored(idempotencyKey: String?) -> StoredSubmission {
        StoredSubmission(
            id: id,
            practiceID: practiceID,
            clientID: submission.clientID,
            therapistID: submission.therapistID,
            questionnaireID: submission.questionnaireID,
            version: submission.version,
            respondent: submission.respondent,
            session: submission.session,
            date: submission.date,
            receivedAt: Timestamp.date(receivedAt),
            answers: submission.answers,
            scores: submission.scores,
            alerts: submission.alerts,
            supersededBy: nil,
            idempotencyKey: idempotencyKey,
            createdBy: createdBy,
            flags: submission.flags
        )
    }
}

extension WriteContext: SubmissionTransaction {
    /// Validates and inserts a submission; see ``SubmissionRow``.
    func insertSubmission(
        practiceID: String,
        _ submission: NewSubmission,
        actor: AuditActor,
        idempotencyKey: String?
    ) throws(StoreError) -> StoredSubmission {
        let row = try SubmissionRow(submission, practiceID: practiceID, actor: actor, now: now)
        try insert(row, idempotencyKey: idempotencyKey)
        return row.stored(idempotencyKey: idempotencyKey)
    }

    /// Throws `.notFound(.therapist)` unless the practice has that therapist, `.invalid` when it is deactivated.
    func requireTherapist(practiceID: String, id: String) throws(StoreError) {
        try requireActiveTherapist(practiceID: practiceID, id: id)
    }

    /// The current submission for the client, questionnaire, respondent and session, if any.
    func currentSubmissionID(practiceID: String, of submission: NewSubmission) throws(StoreError) -> String? {
        try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                """
                SELECT id FROM submissions
                WHERE practice_id = ? AND client_id = ? AND questionnaire_id = ? AND respondent = ? AND session = ?
                    AND superseded_by IS NULL
                """,
                [
                    .text(practiceID), .text(submission.clientID), .text(submission.questionnaireID),
                    .text(submission.respondent.rawValue), .integer(Int64(submission.session)),
                ]
            ) { row throws(SQLiteError) in try row.text(0) }
        }
    }

    /// Marks submission `id` as replaced by `replacement`; it stays stored.
    func markSuperseded(practiceID: String, id: String, by replacement: String) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                "UPDATE submissions SET superseded_by = ? WHERE practice_id = ? AND id = ? AND superseded_by IS NULL",
                [.text(replacement), .text(practiceID), .text(id)]
            )
        }
    }

    /// Inserts `row`; a taken id is `.conflict(.submission)`.
    func insert(_ row: SubmissionRow, idempotencyKey: String?) throws(StoreError) {
        let taken = try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT 1 FROM submissions WHERE practice_id = ? AND id = ?",
                [.text(row.practiceID), .text(row.id)]
            ) { _ in true }
        }
        guard taken == nil else { throw .conflict(.submission) }
        let submission = row.submission
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO submissions (
                    practice_id, id, client_id, therapist_id, questionnaire_id, questionnaire_version, respondent,
                    session, session_date, received_at, answers, scores, alerts, superseded_by, idempotency_key,
                    created_by, flags
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
                """,
                [
                    .text(row.practiceID), .text(row.id), .text(submission.clientID), .text(submission.therapistID),
                    .text(submission.questionnaireID), .integer(Int64(submission.version)),
                    .text(submission.respondent.rawValue), .integer(Int64(submission.session)),
                    .text(submission.date), .integer(row.receivedAt), .utf8Text(row.answers), .utf8Text(row.scores),
                    .utf8Text(row.alerts), .text(idempotencyKey), .text(row.createdBy), .utf8Text(row.flags),
                ]
            )
        }
    }
}
