internal import AttuneStore

extension Migration {
    /// Version 8: the rollups aggregates are answered from (docs/analytics.md, "Aggregates").
    ///
    /// Each row holds a compact binary value (``RollupCodec``; BYTEA in PostgreSQL) with every scale of
    /// the questionnaire, so one submission writes one day row, one month row and one client-month row,
    /// whatever its number of scales; the baseline row changes only with a client's first or earliest
    /// session. `WITHOUT ROWID` keeps each row inside its primary key's tree (PostgreSQL has no such
    /// clause and needs none: its tables and indexes differ anyway).
    ///
    /// Existing submissions are rolled up once, in Swift, by the same rules as new ones.
    static let rollups = Migration(
        version: 8,
        name: "rollups: day, month, client-month and baseline rows",
        statements: [
            """
            CREATE TABLE rollup_days (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                questionnaire_id TEXT NOT NULL,
                respondent TEXT NOT NULL,
                day TEXT NOT NULL,
                therapist_id TEXT NOT NULL,
                stats BLOB NOT NULL,
                PRIMARY KEY (practice_id, questionnaire_id, respondent, day, therapist_id)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE rollup_months (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                questionnaire_id TEXT NOT NULL,
                respondent TEXT NOT NULL,
                month TEXT NOT NULL,
                therapist_id TEXT NOT NULL,
                stats BLOB NOT NULL,
                PRIMARY KEY (practice_id, questionnaire_id, respondent, month, therapist_id)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE rollup_client_months (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                questionnaire_id TEXT NOT NULL,
                respondent TEXT NOT NULL,
                month TEXT NOT NULL,
                therapist_id TEXT NOT NULL,
                client_id TEXT NOT NULL,
                sessions BLOB NOT NULL,
                PRIMARY KEY (practice_id, questionnaire_id, respondent, month, therapist_id, client_id)
            ) WITHOUT ROWID
            """,
            // A client's months, when an earlier session moves its baseline (and for erasure).
            """
            CREATE INDEX rollup_client_months_by_client ON rollup_client_months
                (practice_id, questionnaire_id, respondent, client_id)
            """,
            """
            CREATE TABLE rollup_clients (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                questionnaire_id TEXT NOT NULL,
                respondent TEXT NOT NULL,
                client_id TEXT NOT NULL,
                baseline BLOB NOT NULL,
                PRIMARY KEY (practice_id, questionnaire_id, respondent, client_id)
            ) WITHOUT ROWID
            """,
        ],
        backfill: { connection throws(SQLiteError) in try RollupRebuild.run(on: connection) }
    )
}
