internal import AttuneCore
internal import AttuneStore

/// The rollup rows in SQLite: one statement per read or write, every one inside one practice.
struct SQLiteRollupLedger {
    let connection: SQLiteConnection

    /// One rollup table's statements, built once: the statement cache then finds them by identity.
    struct Table {
        let select: String
        let upsert: String
        let delete: String

        init(_ name: String, value: String, keys: [String]) {
            let filter = keys.map { " AND \($0) = ?" }.joined()
            select = "SELECT \(value) FROM \(name) WHERE practice_id = ?\(filter)"
            delete = "DELETE FROM \(name) WHERE practice_id = ?\(filter)"
            let names = (["practice_id"] + keys + [value]).joined(separator: ", ")
            let marks = Array(repeating: "?", count: keys.count + 2).joined(separator: ", ")
            upsert = """
                INSERT INTO \(name) (\(names)) VALUES (\(marks)) \
                ON CONFLICT (practice_id, \(keys.joined(separator: ", "))) DO UPDATE SET \(value) = excluded.\(value)
                """
        }

        static let days = Table(
            "rollup_days",
            value: "stats",
            keys: ["questionnaire_id", "respondent", "day", "therapist_id"]
        )
        static let months = Table(
            "rollup_months",
            value: "stats",
            keys: ["questionnaire_id", "respondent", "month", "therapist_id"]
        )
        static let clientMonths = Table(
            "rollup_client_months",
            value: "sessions",
            keys: ["questionnaire_id", "respondent", "month", "therapist_id", "client_id"]
        )
        static let clients = Table(
            "rollup_clients",
            value: "baseline",
            keys: ["questionnaire_id", "respondent", "client_id"]
        )
    }

    /// The table of a row and its bound key values, `practice_id` first.
    private static func locate(_ key: RollupKey, practiceID: String) -> (table: Table, values: [SQLiteValue]) {
        switch key {
        case .day(let questionnaireID, let respondent, let therapistID, let day):
            (
                .days,
                [.text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(day), .text(therapistID)]
            )
        case .month(let questionnaireID, let respondent, let therapistID, let month):
            (
                .months,
                [
                    .text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(month),
                    .text(therapistID),
                ]
            )
        case .clientMonth(let questionnaireID, let respondent, let month, let therapistID, let clientID):
            (
                .clientMonths,
                [
                    .text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(month),
                    .text(therapistID), .text(clientID),
                ]
            )
        case .client(let questionnaireID, let respondent, let clientID):
            (.clients, [.text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(clientID)])
        }
    }

    func row(practiceID: String, _ key: RollupKey) throws(SQLiteError) -> [UInt8]? {
        let (table, values) = Self.locate(key, practiceID: practiceID)
        return try connection.queryFirst(table.select, values) { row throws(SQLiteError) in try row.bytes(0) }
    }

    func store(practiceID: String, _ key: RollupKey, _ bytes: [UInt8]?) throws(SQLiteError) {
        let (table, values) = Self.locate(key, practiceID: practiceID)
        if let bytes {
            try connection.execute(table.upsert, values + [.blob(bytes)])
        } else {
            try connection.execute(table.delete, values)
        }
    }

    func clientMonths(
        practiceID: String,
        questionnaireID: String,
        respondent: Respondent,
        clientID: String
    ) throws(SQLiteError) -> [(key: RollupKey, bytes: [UInt8])] {
        // Without statistics SQLite prefers the primary key's three leading columns and scans every
        // client-month of the questionnaire; the client's own index reads only its rows.
        try connection.query(
            """
            SELECT month, therapist_id, sessions FROM rollup_client_months INDEXED BY rollup_client_months_by_client
            WHERE practice_id = ? AND questionnaire_id = ? AND respondent = ? AND client_id = ?
            """,
            [.text(practiceID), .text(questionnaireID), .text(respondent.rawValue), .text(clientID)]
        ) { row throws(SQLiteError) in
            (
                RollupKey.clientMonth(
                    questionnaireID: questionnaireID,
                    respondent: respondent,
                    month: try row.text(0),
                    therapistID: try row.text(1),
                    clientID: clientID
                ),
                try row.bytes(2)
            )
        }
    }

    func submission(practiceID: String, id: String) throws(SQLiteError) -> RollupSubmission? {
        try connection.queryFirst(
            "SELECT \(Rows.submissionColumns) FROM submissions WHERE practice_id = ? AND id = ?",
            [.text(practiceID), .text(id)]
        ) { row throws(SQLiteError) in RollupSubmission(try Rows.submission(row)) }
    }
}

extension WriteContext: RollupLedger {
    func rollupRow(practiceID: String, _ key: RollupKey) throws(StoreError) -> [UInt8]? {
        try sql { connection throws(SQLiteError) in
            try SQLiteRollupLedger(connection: connection).row(practiceID: practiceID, key)
        }
    }

    func storeRollupRow(practiceID: String, _ key: RollupKey, _ bytes: [UInt8]?) throws(StoreError) {
        try sql { connection throws(SQLiteError) in
            try SQLiteRollupLedger(connection: connection).store(practiceID: practiceID, key, bytes)
        }
    }

    func clientMonthRows(
        practiceID: String,
        questionnaireID: String,
        respondent: Respondent,
        clientID: String
    ) throws(StoreError) -> [(key: RollupKey, bytes: [UInt8])] {
        try sql { connection throws(SQLiteError) in
            try SQLiteRollupLedger(connection: connection).clientMonths(
                practiceID: practiceID,
                questionnaireID: questionnaireID,
                respondent: respondent,
                clientID: clientID
            )
        }
    }

    func rollupSubmission(practiceID: String, id: String) throws(StoreError) -> RollupSubmission? {
        try sql { connection throws(SQLiteError) in
            try SQLiteRollupLedger(connection: connection).submission(practiceID: practiceID, id: id)
        }
    }
}
