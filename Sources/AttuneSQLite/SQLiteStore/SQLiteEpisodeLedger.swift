internal import AttuneCore
internal import AttuneStore

/// The series points and rupture episode rows in SQLite; every statement inside one practice.
extension WriteContext: EpisodeLedger {
    private static let seriesFilter =
        "practice_id = ? AND client_id = ? AND questionnaire_id = ? AND respondent = ?"

    private static func keyValues(_ practiceID: String, _ series: SeriesKey) -> [SQLiteValue] {
        [.text(practiceID), .text(series.clientID), .text(series.questionnaireID), .text(series.respondent.rawValue)]
    }

    func seriesPoints(practiceID: String, _ series: SeriesKey) throws(StoreError) -> [SeriesPoint] {
        try sql { connection throws(SQLiteError) in
            try connection.query(
                """
                SELECT session, session_date, therapist_id, scale_values, felt, discussed FROM series_points
                WHERE \(Self.seriesFilter) ORDER BY session
                """,
                Self.keyValues(practiceID, series)
            ) { row throws(SQLiteError) in
                let felt = row.optionalInt64(4)
                return SeriesPoint(
                    session: Int(clamping: try row.int64(0)),
                    date: try row.text(1),
                    therapistID: try row.text(2),
                    values: SeriesPoint.decodeValues(try row.text(3)),
                    report: felt.map {
                        DirectRuptureReport(
                            felt: $0 != 0,
                            discussed: row.optionalText(5).flatMap(DirectRuptureReport.Discussed.init(rawValue:))
                        )
                    }
                )
            }
        }
    }

    func storeSeriesPoint(practiceID: String, _ series: SeriesKey, _ point: SeriesPoint) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO series_points (practice_id, client_id, questionnaire_id, respondent, session,
                    session_date, therapist_id, scale_values, felt, discussed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (practice_id, client_id, questionnaire_id, respondent, session) DO UPDATE SET
                    session_date = excluded.session_date, therapist_id = excluded.therapist_id,
                    scale_values = excluded.scale_values, felt = excluded.felt, discussed = excluded.discussed
                """,
                Self.keyValues(practiceID, series) + [
                    .integer(Int64(point.session)), .text(point.date), .text(point.therapistID),
                    .text(point.encodedValues), .integer(point.report.map { $0.felt ? 1 : 0 }),
                    .text(point.report?.discussed?.rawValue),
                ]
            )
        }
    }

    func seriesHasOtherSubmissions(practiceID: String, _ series: SeriesKey, excluding id: String) throws(StoreError)
        -> Bool
    {
        try sql { connection throws(SQLiteError) in
            try connection.queryFirst(
                """
                SELECT 1 FROM submissions WHERE \(Self.seriesFilter) AND superseded_by IS NULL AND id <> ? LIMIT 1
                """,
                Self.keyValues(practiceID, series) + [.text(id)]
            ) { _ in true }
        } ?? false
    }

    func rebuildSeriesPoints(
        practiceID: String,
        _ series: SeriesKey,
        excluding id: String,
        scales: [RuptureScale]
    ) throws(StoreError) -> [SeriesPoint] {
        try sql { connection throws(SQLiteError) in
            try connection.query(
                """
                SELECT session, session_date, therapist_id, scores, alerts, answers FROM submissions
                WHERE \(Self.seriesFilter) AND superseded_by IS NULL AND id <> ? ORDER BY session
                """,
                Self.keyValues(practiceID, series) + [.text(id)]
            ) { row throws(SQLiteError) in
                let facts =
                    SubmissionFacts(
                        scoresJSON: try row.bytes(3),
                        alertsJSON: try row.bytes(4),
                        answersJSON: try row.bytes(5)
                    )
                    ?? SubmissionFacts(scales: [], alertCount: 0)
                var values: [String: Double] = [:]
                for scale in scales {
                    if let value = facts.scale(scale.id)?.value, value.isFinite { values[scale.id] = value }
                }
                return SeriesPoint(
                    session: Int(clamping: try row.int64(0)),
                    date: try row.text(1),
                    therapistID: try row.text(2),
                    values: values,
                    report: facts.directReport
                )
            }
        }
    }

    func deleteEpisode(practiceID: String, _ series: SeriesKey, scaleID: String, firstSession: Int) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                "DELETE FROM rupture_episodes WHERE \(Self.seriesFilter) AND scale_id = ? AND first_session = ?",
                Self.keyValues(practiceID, series) + [.text(scaleID), .integer(Int64(firstSession))]
            )
        }
    }

    func deleteEpisodes(practiceID: String, _ series: SeriesKey) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                "DELETE FROM rupture_episodes WHERE \(Self.seriesFilter)",
                Self.keyValues(practiceID, series)
            )
        }
    }

    func deleteClientSeries(practiceID: String, clientID: String) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            for table in ["rupture_episodes", "series_points"] {
                try connection.execute(
                    "DELETE FROM \(table) WHERE practice_id = ? AND client_id = ?",
                    [.text(practiceID), .text(clientID)]
                )
            }
        }
    }

    func insertEpisode(practiceID: String, _ series: SeriesKey, _ episode: RuptureEpisode) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO rupture_episodes (practice_id, client_id, questionnaire_id, respondent, scale_id,
                    first_session, therapist_id, first_date, last_low_session, last_low_date, kind, baseline_mean,
                    sigma, depth, repair_session, repair_date, latency_sessions, latency_days, status,
                    sessions_after_last_low)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                Self.keyValues(practiceID, series) + [
                    .text(episode.scaleID), .integer(Int64(episode.firstSession)), .text(episode.therapistID),
                    .text(episode.firstDate.description), .integer(Int64(episode.lastLowSession)),
                    .text(episode.lastLowDate.description), .text(episode.kind.rawValue), .real(episode.baselineMean),
                    .real(episode.sigma), .real(episode.depth), .integer(episode.repairSession.map(Int64.init)),
                    .text(episode.repairDate?.description), .integer(episode.latencySessions.map(Int64.init)),
                    .integer(episode.latencyDays.map(Int64.init)), .text(episode.isRepaired ? "repaired" : "open"),
                    .integer(Int64(episode.sessionsAfterLastLow)),
                ]
            )
        }
    }
}
