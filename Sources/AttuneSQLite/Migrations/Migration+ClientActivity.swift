extension Migration {
    /// Version 10: each client's latest activity, kept in the submission transaction, so the attention
    /// list (`GET /v1/clients`) reads one row per client and two per questionnaire instead of replaying
    /// submissions.
    ///
    /// `client_activity`: one row per client: the highest session number and the latest session date
    /// of any questionnaire, and the therapist of the highest session (whose caseload the client is in).
    /// `client_questionnaire_activity`: per client, questionnaire and respondent, the first submission
    /// (the baseline of reliable change) and the last one, by session number. Both are only ever moved
    /// forward by a submission (a backfilled earlier session leaves "last" alone), and deleted by an
    /// erasure.
    static let clientActivity = Migration(
        version: 10,
        name: "client activity for the attention list",
        statements: [
            """
            CREATE TABLE client_activity (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                client_id TEXT NOT NULL,
                therapist_id TEXT NOT NULL,
                last_session BIGINT NOT NULL,
                last_session_date TEXT NOT NULL,
                PRIMARY KEY (practice_id, client_id)
            )
            """,
            "CREATE INDEX client_activity_by_therapist ON client_activity (practice_id, therapist_id, client_id)",
            """
            CREATE TABLE client_questionnaire_activity (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                client_id TEXT NOT NULL,
                questionnaire_id TEXT NOT NULL,
                respondent TEXT NOT NULL CHECK (respondent IN ('client', 'therapist')),
                first_session BIGINT NOT NULL,
                first_submission_id TEXT NOT NULL,
                last_session BIGINT NOT NULL,
                last_submission_id TEXT NOT NULL,
                PRIMARY KEY (practice_id, client_id, questionnaire_id, respondent)
            )
            """,
        ]
    )
}
