internal import AttuneStore

extension Migration {
    /// Version 11: rupture episodes (docs/analytics.md "Ruptures and repairs") and the compact series points
    /// they are recomputed from in each submission's transaction.
    ///
    /// `series_points` holds one row per current submission of a series: its date, therapist, the judged
    /// scales' values as `total=2.75;trust=3` and the direct report, so a write reads numbers instead of
    /// parsing earlier submissions' JSON. A series written before this step has no points; its first
    /// write rebuilds them once from the stored JSON.
    static let ruptureEpisodes = Migration(
        version: 11,
        name: "rupture episodes and series points",
        statements: [
            """
            CREATE TABLE series_points (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                client_id TEXT NOT NULL,
                questionnaire_id TEXT NOT NULL,
                respondent TEXT NOT NULL,
                session BIGINT NOT NULL,
                session_date TEXT NOT NULL,
                therapist_id TEXT NOT NULL,
                scale_values TEXT NOT NULL,
                felt BIGINT,
                discussed TEXT,
                PRIMARY KEY (practice_id, client_id, questionnaire_id, respondent, session)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE rupture_episodes (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                client_id TEXT NOT NULL,
                questionnaire_id TEXT NOT NULL,
                respondent TEXT NOT NULL,
                scale_id TEXT NOT NULL,
                first_session BIGINT NOT NULL,
                therapist_id TEXT NOT NULL,
                first_date TEXT NOT NULL,
                last_low_session BIGINT NOT NULL,
                last_low_date TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('detected', 'reported')),
                baseline_mean REAL,
                sigma REAL,
                depth REAL,
                repair_session BIGINT,
                repair_date TEXT,
                latency_sessions BIGINT,
                latency_days BIGINT,
                status TEXT NOT NULL CHECK (status IN ('repaired', 'open')),
                sessions_after_last_low BIGINT NOT NULL,
                PRIMARY KEY (practice_id, client_id, questionnaire_id, respondent, scale_id, first_session)
            )
            """,
            "CREATE INDEX rupture_episodes_by_therapist ON rupture_episodes (practice_id, therapist_id, first_date)",
        ]
    )
}
