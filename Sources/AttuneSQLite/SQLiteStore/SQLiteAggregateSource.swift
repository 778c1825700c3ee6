internal import AttuneCore
public import AttuneStore

/// The rollup rows of one practice on a read connection, inside one read transaction.
struct SQLiteAggregateSource {
    let connection: SQLiteConnection
    let practiceID: String

    func periodRows(
        _ level: AggregateLevel,
        questionnaireID: String,
        respondent: Respondent,
        therapistID: String?,
        from: String,
        to: String,
        scaleID: String?
    ) throws(StoreError) -> [(therapistID: String, period: String, row: GroupRollup)] {
        let (table, column) = level == .day ? ("rollup_days", "day") : ("rollup_months", "month")
        var sql = """
            SELECT therapist_id, \(column), stats FROM \(table)
            WHERE practice_id = ? AND questionnaire_id = ? AND respondent = ? AND \(column) >= ? AND \(column) <= ?
            """
        var values: [SQLiteValue] = [
            .text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(from), .text(to),
        ]
        if let therapistID {
            sql += " AND therapist_id = ?"
            values.append(.text(therapistID))
        }
        let raw = try sqlite { () throws(SQLiteError) in
            try connection.query(sql, values) { row throws(SQLiteError) in
                (try row.text(0), try row.text(1), try row.bytes(2))
            }
        }
        var rows: [(therapistID: String, period: String, row: GroupRollup)] = []
        rows.reserveCapacity(raw.count)
        for (therapist, period, bytes) in raw {
            rows.append((therapist, period, try RollupCodec.decodeGroup(bytes, scale: scaleID)))
        }
        return rows
    }

    func clientMonthRows(
        questionnaireID: String,
        respondent: Respondent,
        therapistID: String?,
        fromMonth: String,
        toMonth: String
    ) throws(StoreError) -> [(therapistID: String, month: String, clientID: String, row: ClientMonthRollup)] {
        var sql = """
            SELECT therapist_id, month, client_id, sessions FROM rollup_client_months
            WHERE practice_id = ? AND questionnaire_id = ? AND respondent = ? AND month >= ? AND month <= ?
            """
        var values: [SQLiteValue] = [
            .text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(fromMonth), .text(toMonth),
        ]
        if let therapistID {
            sql += " AND therapist_id = ?"
            values.append(.text(therapistID))
        }
        let raw = try sqlite { () throws(SQLiteError) in
            try connection.query(sql, values) { row throws(SQLiteError) in
                (try row.text(0), try row.text(1), try row.text(2), try row.bytes(3))
            }
        }
        var rows: [(therapistID: String, month: String, clientID: String, row: ClientMonthRollup)] = []
        rows.reserveCapacity(raw.count)
        for (therapist, month, client, bytes) in raw {
            rows.append((therapist, month, client, try RollupCodec.decodeClientMonth(bytes)))
        }
        return rows
    }

    func distinctClients(
        questionnaireID: String,
        respondent: Respondent,
        therapistID: String?,
        fromMonth: String,
        toMonth: String
    ) throws(StoreError) -> Set<String> {
        // The by-client index holds the primary key's columns too, so this walks it alone, in client order.
        var sql = """
            SELECT DISTINCT client_id FROM rollup_client_months INDEXED BY rollup_client_months_by_client
            WHERE practice_id = ? AND questionnaire_id = ? AND respondent = ? AND month >= ? AND month <= ?
            """
        var values: [SQLiteValue] = [
            .text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(fromMonth), .text(toMonth),
        ]
        if let therapistID {
            sql += " AND therapist_id = ?"
            values.append(.text(therapistID))
        }
        let clients = try sqlite { () throws(SQLiteError) in
            try connection.query(sql, values) { row throws(SQLiteError) in try row.text(0) }
        }
        return Set(clients)
    }

    func ruptureEpisodes(
        questionnaireID: String,
        respondent: Respondent,
        therapistID: String?,
        scaleID: String?,
        from: String,
        to: String
    ) throws(StoreError) -> [RuptureEpisodeRow] {
        var sql = """
            SELECT client_id, scale_id, therapist_id, first_date, last_low_date, status, latency_sessions,
                latency_days, sessions_after_last_low
            FROM rupture_episodes INDEXED BY rupture_episodes_by_date
            WHERE practice_id = ? AND questionnaire_id = ? AND respondent = ? AND first_date >= ? AND first_date <= ?
            """
        var values: [SQLiteValue] = [
            .text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(from), .text(to),
        ]
        if let therapistID {
            sql += " AND therapist_id = ?"
            values.append(.text(therapistID))
        }
        if let scaleID {
            sql += " AND scale_id = ?"
            values.append(.text(scaleID))
        }
        let rows = try sqlite { () throws(SQLiteError) in
            try connection.query(sql, values) { row throws(SQLiteError) -> RuptureEpisodeRow? in
                guard let first = CalendarDate(try row.text(3)), let lastLow = CalendarDate(try row.text(4)) else {
                    return nil
                }
                return RuptureEpisodeRow(
                    clientID: try row.text(0),
                    scaleID: try row.text(1),
                    therapistID: try row.text(2),
                    firstDate: first,
                    lastLowDate: lastLow,
                    isRepaired: try row.text(5) == "repaired",
                    latencySessions: row.optionalInt64(6),
                    latencyDays: row.optionalInt64(7),
                    sessionsAfterLastLow: try row.int64(8)
                )
            }
        }
        return rows.compactMap { $0 }
    }

    func firstSessionDate(clientID: String, after date: String) throws(StoreError) -> String? {
        try sqlite { () throws(SQLiteError) in
            try connection.queryFirst(
                """
                SELECT MIN(session_date) FROM submissions
                WHERE practice_id = ? AND client_id = ? AND session_date > ? AND superseded_by IS NULL
                """,
                [.text(practiceID), .text(clientID), .text(date)]
            ) { row throws(SQLiteError) in row.optionalText(0) } ?? nil
        }
    }
}

extension SQLiteAggregateSource: AggregateSource {}

extension SQLiteStore {
    /// Answers an aggregate from the rollups, all of it from one snapshot of the database.
    public func aggregate(practiceID: String, _ query: AggregateQuery) throws -> AggregateResult {
        try readers.withConnection { connection throws(StoreError) in
            try sqlite { () throws(SQLiteError) in try connection.execute("BEGIN") }
            defer { try? sqlite { () throws(SQLiteError) in try connection.execute("COMMIT") } }
            let source = SQLiteAggregateSource(connection: connection, practiceID: practiceID)
            return try AggregateRules.compute(query, from: source)
        }
    }
}
