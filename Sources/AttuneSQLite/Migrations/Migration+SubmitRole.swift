extension Migration {
    /// Version 6: the `submit` role (posts submissions, reads nothing: for keys inside a browser form).
    ///
    /// SQLite can't change a CHECK constraint in place, so the key table is copied into its new shape.
    static let submitRole = Migration(
        version: 6,
        name: "submit role for api keys",
        statements: [
            """
            CREATE TABLE api_keys_v4 (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                id TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'intake', 'clinician', 'supervisor', 'submit')),
                therapist_id TEXT,
                label TEXT,
                secret_sha256 TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT,
                revoked_at BIGINT,
                PRIMARY KEY (practice_id, id),
                FOREIGN KEY (practice_id, therapist_id) REFERENCES therapists (practice_id, id),
                CHECK ((role = 'clinician' AND therapist_id IS NOT NULL)
                    OR (role <> 'clinician' AND therapist_id IS NULL))
            )
            """,
            """
            INSERT INTO api_keys_v4
                (practice_id, id, role, therapist_id, label, secret_sha256, created_at, last_used_at, revoked_at)
            SELECT practice_id, id, role, therapist_id, label, secret_sha256, created_at, last_used_at, revoked_at
            FROM api_keys
            """,
            // Takes api_keys_by_id with it.
            "DROP TABLE api_keys",
            "ALTER TABLE api_keys_v4 RENAME TO api_keys",
            "CREATE UNIQUE INDEX api_keys_by_id ON api_keys (id)",
        ]
    )
}
