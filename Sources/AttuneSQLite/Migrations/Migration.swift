internal import AttuneStore

/// One numbered step of the schema. Versions start at 1 and increase by one; a step is never
/// edited once released: a change is a new step.
///
/// The SQL keeps to what SQLite and PostgreSQL both run (and PostgreSQL-compatible distributed
/// engines): `TEXT` and `BIGINT` columns, composite primary keys with `practice_id` first, plain
/// CHECK and FOREIGN KEY constraints. Timestamps are `BIGINT` milliseconds since the Unix epoch, UTC.
struct Migration: Sendable {
    /// The schema version this step produces.
    var version: Int
    /// A short name, recorded in `schema_version`.
    var name: String
    /// Statements run in order, inside one transaction with the version bump.
    var statements: [String]
    /// Work in Swift after the statements, in the same transaction (filling a new table by rules
    /// that SQL cannot express); nil for most steps.
    var backfill: (@Sendable (SQLiteConnection) throws(SQLiteError) -> Void)? = nil
}

extension Migration {
    /// Every step this build knows, in order. A new table means appending one entry here.
    static let all: [Migration] = [
        initialSchema, questionnairesAndSubmissions, leanerIndexes, submissionFlags, storeSettings, submitRole,
        therapistDeactivation, rollups, erasedIdempotencyKeys, clientActivity, ruptureEpisodes, episodesByDate,
    ]

    /// The newest schema version this build can read and write.
    static var latestVersion: Int { all.last?.version ?? 0 }

    /// Bookkeeping table, created before any step runs: one row per applied step.
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version BIGINT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )
        """

    /// Version 1: practices, therapists, API keys and the audit trail.
    static let initialSchema = Migration(
        version: 1,
        name: "practices, therapists, api keys, audit events",
        statements: [
            """
            CREATE TABLE practices (
                id TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE therapists (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (practice_id, id)
            )
            """,
            // A clinician key names a therapist of the SAME practice (composite foreign key), and
            // only a clinician key names one.
            """
            CREATE TABLE api_keys (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                id TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'intake', 'clinician', 'supervisor')),
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
            // The one index without practice_id first: authentication starts from the key id in
            // the bearer token and learns the practice from this row.
            "CREATE UNIQUE INDEX api_keys_by_id ON api_keys (id)",
            """
            CREATE TABLE audit_events (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                id TEXT NOT NULL,
                at BIGINT NOT NULL,
                key_id TEXT,
                role TEXT,
                action TEXT NOT NULL,
                resource_type TEXT NOT NULL,
                resource_id TEXT,
                outcome TEXT NOT NULL,
                PRIMARY KEY (practice_id, id)
            )
            """,
            "CREATE INDEX audit_events_by_time ON audit_events (practice_id, at, id)",
        ]
    )
}
