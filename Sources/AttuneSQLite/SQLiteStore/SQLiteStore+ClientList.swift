public import AttuneCore
public import AttuneStore

/// The attention list (`GET /v1/clients`), read from the client activity rows.
extension SQLiteStore {
    /// A page of the practice's clients: by client id, or with `attentionOnly` only those that need
    /// attention, most urgent first (``ClientActivityRules/isMoreUrgent(_:than:)``).
    ///
    /// By client id, a page reads its own rows through the key (or the by-therapist index). The
    /// attention order depends on every client's state, so that mode reads the whole scope and sorts;
    /// a clinician's caseload is some tens of clients, a practice's some thousands.
    public func clients(
        practiceID: String,
        query: ClientListQuery,
        definition: @escaping @Sendable (String, Int) -> QuestionnaireDefinition?
    ) throws -> ClientPage {
        guard (1...ClientListQuery.maxLimit).contains(query.limit) else {
            throw StoreError.invalid(field: "limit", reason: "must be between 1 and \(ClientListQuery.maxLimit)")
        }
        let scope = PageCursorScope(
            listing: "clients",
            practiceID: practiceID,
            filters: [query.therapistScope, query.therapistID, query.attentionOnly ? "attention" : "all"]
        )
        let position = try query.cursor.map { text throws(StoreError) in
            guard let position = cursors.verify(text, scope: scope) else { throw PageCursorSigner.invalid }
            return position
        }
        if let scoped = query.therapistScope, let asked = query.therapistID, scoped != asked {
            return ClientPage(clients: [], nextCursor: nil)
        }
        let therapist = query.therapistScope ?? query.therapistID
        var summaries: [ClientSummary]
        var hasMore = false
        if query.attentionOnly {
            let after = try position.map { text throws(StoreError) in
                guard let key = ClientActivityRules.UrgencyKey(text: text) else { throw PageCursorSigner.invalid }
                return key
            }
            let activities = try read { connection throws(SQLiteError) in
                try Self.activities(
                    practiceID: practiceID,
                    therapist: therapist,
                    after: nil,
                    limit: nil,
                    on: connection
                )
            }
            summaries = activities.map {
                ClientActivityRules.summary(of: $0, today: query.today, definition: definition)
            }
            .filter(\.needsAttention)
            summaries.sort(by: ClientActivityRules.isMoreUrgent)
            if let after { summaries.removeAll { ClientActivityRules.urgencyKey($0) <= after } }
            if summaries.count > query.limit {
                summaries.removeLast(summaries.count - query.limit)
                hasMore = true
            }
        } else {
            let activities = try read { connection throws(SQLiteError) in
                try Self.activities(
                    practiceID: practiceID,
                    therapist: therapist,
                    after: position,
                    limit: query.limit + 1,
                    on: connection
                )
            }
            hasMore = activities.count > query.limit
            summaries = activities.prefix(query.limit).map {
                ClientActivityRules.summary(of: $0, today: query.today, definition: definition)
            }
        }
        let next =
            hasMore
            ? summaries.last.map { last in
                cursors.sign(
                    query.attentionOnly ? ClientActivityRules.urgencyKey(last).text : last.clientID,
                    scope: scope
                )
            } : nil
        return ClientPage(clients: summaries, nextCursor: next)
    }

    /// Client rows in client id order, each with its questionnaires' first and last submissions.
    private static func activities(
        practiceID: String,
        therapist: String?,
        after: String?,
        limit: Int?,
        on connection: SQLiteConnection
    ) throws(SQLiteError) -> [ClientActivity] {
        // Assembled from fixed fragments only; every value is bound.
        var sql = """
            SELECT client_id, therapist_id, last_session, last_session_date FROM client_activity
            WHERE practice_id = ?
            """
        var values: [SQLiteValue] = [.text(practiceID)]
        if let therapist {
            sql += " AND therapist_id = ?"
            values.append(.text(therapist))
        }
        if let after {
            sql += " AND client_id > ?"
            values.append(.text(after))
        }
        sql += " ORDER BY client_id"
        if let limit {
            sql += " LIMIT ?"
            values.append(.integer(Int64(limit)))
        }
        let rows = try connection.query(sql, values) { row throws(SQLiteError) in
            (try row.text(0), try row.text(1), Int(try row.int64(2)), try row.text(3))
        }
        var activities: [ClientActivity] = []
        activities.reserveCapacity(rows.count)
        for (client, therapistID, lastSession, lastDate) in rows {
            activities.append(
                ClientActivity(
                    clientID: client,
                    therapistID: therapistID,
                    lastSession: lastSession,
                    lastSessionDate: lastDate,
                    questionnaires: try questionnaires(practiceID: practiceID, client: client, on: connection),
                    openEpisodes: try openEpisodes(practiceID: practiceID, client: client, on: connection)
                )
            )
        }
        return activities
    }

    private static func questionnaires(
        practiceID: String,
        client: String,
        on connection: SQLiteConnection
    ) throws(SQLiteError) -> [ClientActivity.Questionnaire] {
        let pointers = try connection.query(
            """
            SELECT first_submission_id, last_submission_id FROM client_questionnaire_activity
            WHERE practice_id = ? AND client_id = ? ORDER BY questionnaire_id, respondent
            """,
            [.text(practiceID), .text(client)]
        ) { row throws(SQLiteError) in (try row.text(0), try row.text(1)) }
        var result: [ClientActivity.Questionnaire] = []
        for (firstID, lastID) in pointers {
            let submission = "SELECT \(Rows.submissionColumns) FROM submissions WHERE practice_id = ? AND id = ?"
            guard let last = try connection.queryFirst(submission, [.text(practiceID), .text(lastID)], Rows.submission)
            else { continue }
            let first =
                firstID == lastID
                ? last : try connection.queryFirst(submission, [.text(practiceID), .text(firstID)], Rows.submission)
            result.append(ClientActivity.Questionnaire(first: first ?? last, last: last))
        }
        return result
    }

    /// The client's unrepaired rupture episodes: the one place the attention list reads the episode rows.
    private static func openEpisodes(
        practiceID: String,
        client: String,
        on connection: SQLiteConnection
    ) throws(SQLiteError) -> [OpenRuptureEpisode] {
        try connection.query(
            """
            SELECT questionnaire_id, respondent, scale_id, kind, first_session, first_date, last_low_date,
                sessions_after_last_low
            FROM rupture_episodes WHERE practice_id = ? AND client_id = ? AND status = 'open'
            ORDER BY questionnaire_id, respondent, scale_id, first_session
            """,
            [.text(practiceID), .text(client)]
        ) { row throws(SQLiteError) -> OpenRuptureEpisode? in
            guard let respondent = Respondent(rawValue: try row.text(1)) else { return nil }
            return OpenRuptureEpisode(
                questionnaireID: try row.text(0),
                respondent: respondent,
                scaleID: try row.text(2),
                kind: try row.text(3),
                firstSession: Int(try row.int64(4)),
                firstDate: try row.text(5),
                lastLowDate: try row.text(6),
                sessionsAfterLastLow: Int(clamping: try row.int64(7))
            )
        }.compactMap { $0 }
    }
}
