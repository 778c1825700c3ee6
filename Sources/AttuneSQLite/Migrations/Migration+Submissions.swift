internal import AttuneStore

extension Migration {
    /// Version 2: the practices' own questionnaire definitions, submissions and idempotency keys.
    ///
    /// JSON documents are `TEXT` (UTF-8), which both engines store as-is. Every key and index
    /// leads with `practice_id`, so each query stays inside one tenant's range (and, on a
    /// distributed engine, one tenant's shards).
    static let questionnairesAndSubmissions = Migration(
        version: 2,
        name: "questionnaires, submissions, idempotency keys",
        statements: [
            // Published versions never change: rows are only ever inserted.
            """
            CREATE TABLE questionnaires (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                id TEXT NOT NULL,
                version BIGINT NOT NULL CHECK (version >= 1),
                title TEXT NOT NULL,
                respondent TEXT NOT NULL CHECK (respondent IN ('client', 'therapist')),
                document TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT,
                PRIMARY KEY (practice_id, id, version)
            )
            """,
            // The therapist must be one of the practice's (composite foreign key); the questionnaire
            // has no foreign key because built-ins live in code, not in this table.
            """
            CREATE TABLE submissions (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                id TEXT NOT NULL,
                client_id TEXT NOT NULL,
                therapist_id TEXT NOT NULL,
                questionnaire_id TEXT NOT NULL,
                questionnaire_version BIGINT NOT NULL CHECK (questionnaire_version >= 1),
                respondent TEXT NOT NULL CHECK (respondent IN ('client', 'therapist')),
                session BIGINT NOT NULL CHECK (session >= 1),
                session_date TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                answers TEXT NOT NULL,
                scores TEXT NOT NULL,
                alerts TEXT NOT NULL,
                superseded_by TEXT,
                idempotency_key TEXT,
                created_by TEXT,
                PRIMARY KEY (practice_id, id),
                FOREIGN KEY (practice_id, therapist_id) REFERENCES therapists (practice_id, id)
            )
            """,
            // One current submission per client, questionnaire, respondent and session. The writer
            // checks first (to name the existing id); this partial index is the backstop when
            // several replicas write to one PostgreSQL.
            """
            CREATE UNIQUE INDEX submissions_current_session ON submissions
                (practice_id, client_id, questionnaire_id, respondent, session) WHERE superseded_by IS NULL
            """,
            // Newest-first lists: the whole practice, or one client, therapist or questionnaire.
            "CREATE INDEX submissions_by_time ON submissions (practice_id, received_at, id)",
            "CREATE INDEX submissions_by_client ON submissions (practice_id, client_id, received_at, id)",
            "CREATE INDEX submissions_by_therapist ON submissions (practice_id, therapist_id, received_at, id)",
            """
            CREATE INDEX submissions_by_questionnaire ON submissions
                (practice_id, questionnaire_id, received_at, id)
            """,
            """
            CREATE TABLE idempotency_keys (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                idempotency_key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
                response_status BIGINT,
                response_body TEXT,
                resource_id TEXT,
                created_at BIGINT NOT NULL,
                completed_at BIGINT,
                PRIMARY KEY (practice_id, idempotency_key),
                CHECK ((state = 'in_flight' AND response_status IS NULL AND response_body IS NULL)
                    OR (state = 'done' AND response_status IS NOT NULL AND response_body IS NOT NULL))
            )
            """,
            // The purge deletes by age, practice by practice.
            "CREATE INDEX idempotency_keys_by_age ON idempotency_keys (practice_id, created_at)",
        ]
    )
}
