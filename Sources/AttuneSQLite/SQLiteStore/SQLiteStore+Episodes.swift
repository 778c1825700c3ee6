public import AttuneCore
public import AttuneStore

/// Reads of the rupture episodes kept by ``EpisodeRules``.
extension SQLiteStore {
    /// The client's stored episodes, by questionnaire, respondent, scale and first session.
    public func ruptureEpisodes(practiceID: String, clientID: String) throws -> [SeriesEpisode] {
        try read { connection throws(SQLiteError) in
            try connection.query(
                """
                SELECT questionnaire_id, respondent, scale_id, kind, first_session, first_date, therapist_id,
                    last_low_session, last_low_date, baseline_mean, sigma, depth, repair_session, repair_date,
                    latency_sessions, latency_days, sessions_after_last_low
                FROM rupture_episodes WHERE practice_id = ? AND client_id = ?
                ORDER BY questionnaire_id, respondent, scale_id, first_session
                """,
                [.text(practiceID), .text(clientID)]
            ) { row throws(SQLiteError) in
                // The rules wrote these dates from validated session dates.
                guard let firstDate = CalendarDate(try row.text(5)), let lastLowDate = CalendarDate(try row.text(8))
                else { throw SQLiteError(code: 20, message: "episode date is not a date", operation: "read") }
                return SeriesEpisode(
                    series: SeriesKey(
                        clientID: clientID,
                        questionnaireID: try row.text(0),
                        respondent: try row.decode(Respondent.self, 1)
                    ),
                    episode: RuptureEpisode(
                        scaleID: try row.text(2),
                        kind: try row.decode(RuptureEpisode.Kind.self, 3),
                        firstSession: Int(clamping: try row.int64(4)),
                        firstDate: firstDate,
                        therapistID: try row.text(6),
                        lastLowSession: Int(clamping: try row.int64(7)),
                        lastLowDate: lastLowDate,
                        baselineMean: row.optionalDouble(9),
                        sigma: row.optionalDouble(10),
                        depth: row.optionalDouble(11),
                        repairSession: row.optionalInt64(12).map { Int(clamping: $0) },
                        repairDate: row.optionalText(13).flatMap(CalendarDate.init),
                        latencySessions: row.optionalInt64(14).map { Int(clamping: $0) },
                        latencyDays: row.optionalInt64(15).map { Int(clamping: $0) },
                        sessionsAfterLastLow: Int(clamping: try row.int64(16))
                    )
                )
            }
        }
    }

    /// Each client's current submission with the lowest session of the questionnaire and respondent.
    public func firstSubmissions(practiceID: String, questionnaireID: String, respondent: Respondent) throws
        -> [StoredSubmission]
    {
        try read { connection throws(SQLiteError) in
            try connection.query(
                """
                SELECT \(Rows.submissionColumns) FROM submissions AS s
                WHERE practice_id = ? AND questionnaire_id = ? AND respondent = ? AND superseded_by IS NULL
                    AND session = (
                        SELECT MIN(m.session) FROM submissions AS m
                        WHERE m.practice_id = s.practice_id AND m.client_id = s.client_id
                            AND m.questionnaire_id = s.questionnaire_id AND m.respondent = s.respondent
                            AND m.superseded_by IS NULL
                    )
                """,
                [.text(practiceID), .text(questionnaireID), .text(respondent.rawValue)],
                Rows.submission
            )
        }
    }

    /// The latest session date among the client's current submissions.
    public func latestSessionDate(practiceID: String, clientID: String) throws -> String? {
        try read { connection throws(SQLiteError) in
            try connection.queryFirst(
                """
                SELECT MAX(session_date) FROM submissions
                WHERE practice_id = ? AND client_id = ? AND superseded_by IS NULL
                """,
                [.text(practiceID), .text(clientID)]
            ) { row in row.optionalText(0) } ?? nil
        }
    }
}
