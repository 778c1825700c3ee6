internal import AttuneCore
internal import AttuneStore

/// The attention list's rows, moved forward in the submission's transaction (``ClientActivityRules``).
extension WriteContext {
    /// Upserts the client's row and its questionnaire's row; see ``ClientActivityRules`` for the rule.
    ///
    /// In an `ON CONFLICT DO UPDATE`, every column on the right-hand side is the row's value before this
    /// update (both engines), so each CASE compares with the old session.
    func recordClientActivity(practiceID: String, _ activity: ClientActivityUpdate) throws(StoreError) {
        let session = Int64(activity.session)
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO client_activity (practice_id, client_id, therapist_id, last_session, last_session_date)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (practice_id, client_id) DO UPDATE SET
                    therapist_id = CASE WHEN excluded.last_session >= client_activity.last_session
                        THEN excluded.therapist_id ELSE client_activity.therapist_id END,
                    last_session = CASE WHEN excluded.last_session > client_activity.last_session
                        THEN excluded.last_session ELSE client_activity.last_session END,
                    last_session_date = CASE WHEN excluded.last_session_date > client_activity.last_session_date
                        THEN excluded.last_session_date ELSE client_activity.last_session_date END
                """,
                [
                    .text(practiceID), .text(activity.clientID), .text(activity.therapistID), .integer(session),
                    .text(activity.date),
                ]
            )
            try connection.execute(
                """
                INSERT INTO client_questionnaire_activity (
                    practice_id, client_id, questionnaire_id, respondent, first_session, first_submission_id,
                    last_session, last_submission_id
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (practice_id, client_id, questionnaire_id, respondent) DO UPDATE SET
                    first_submission_id = CASE WHEN excluded.first_session <= client_questionnaire_activity.first_session
                        THEN excluded.first_submission_id ELSE client_questionnaire_activity.first_submission_id END,
                    first_session = CASE WHEN excluded.first_session <= client_questionnaire_activity.first_session
                        THEN excluded.first_session ELSE client_questionnaire_activity.first_session END,
                    last_submission_id = CASE WHEN excluded.last_session >= client_questionnaire_activity.last_session
                        THEN excluded.last_submission_id ELSE client_questionnaire_activity.last_submission_id END,
                    last_session = CASE WHEN excluded.last_session >= client_questionnaire_activity.last_session
                        THEN excluded.last_session ELSE client_questionnaire_activity.last_session END
                """,
                [
                    .text(practiceID), .text(activity.clientID), .text(activity.questionnaireID),
                    .text(activity.respondent.rawValue), .integer(session), .text(activity.submissionID),
                    .integer(session), .text(activity.submissionID),
                ]
            )
        }
    }

    /// Whether an erasure left a tombstone for the key hash.
    func hasErasedKeyTombstone(practiceID: String, keyHash: String) throws(StoreError) -> Bool {
        try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                "SELECT 1 FROM erased_idempotency_keys WHERE practice_id = ? AND key_sha256 = ?",
                [.text(practiceID), .text(keyHash)]
            ) { _ in true } ?? false
        }
    }
}
