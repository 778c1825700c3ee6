public import AttuneStore

/// The audit trail: events written with the changes they describe, read back page by page.
extension SQLiteStore {
    /// Records an event that has no change of its own (a read, a refusal).
    public func recordAudit(
        practiceID: String,
        _ record: AuditRecord,
        completion: @escaping StoreCompletion<AuditEvent>
    ) {
        submit(
            { context throws(StoreError) in
                try context.requirePractice(practiceID)
                return try context.insertAudit(practiceID: practiceID, record)
            },
            completion: completion
        )
    }

    /// A page of the practice's events between `query.from` (inclusive) and `query.to`
    /// (exclusive), newest first unless `query.order` says otherwise; ties in time are ordered
    /// by event id so pages never skip or repeat an event.
    public func auditEvents(practiceID: String, query: AuditQuery) throws -> AuditPage {
        guard (1...1000).contains(query.limit) else {
            throw StoreError.invalid(field: "limit", reason: "must be between 1 and 1000")
        }
        let newestFirst = query.order == .newestFirst
        // The SQL is assembled from fixed fragments only; every value is bound.
        var sql = "SELECT \(Rows.auditColumns) FROM audit_events WHERE practice_id = ?"
        var values: [SQLiteValue] = [.text(practiceID)]
        if let from = query.from {
            sql += " AND at >= ?"
            values.append(.integer(Timestamp.milliseconds(from)))
        }
        if let to = query.to {
            sql += " AND at < ?"
            values.append(.integer(Timestamp.milliseconds(to)))
        }
        if let text = query.cursor {
            let cursor = try AuditCursor(text, query: query, practiceID: practiceID, signer: cursors)
            sql += newestFirst ? " AND (at < ? OR (at = ? AND id < ?))" : " AND (at > ? OR (at = ? AND id > ?))"
            values += [.integer(cursor.at), .integer(cursor.at), .text(cursor.id)]
        }
        sql += newestFirst ? " ORDER BY at DESC, id DESC LIMIT ?" : " ORDER BY at ASC, id ASC LIMIT ?"
        // One row more than asked tells whether another page follows.
        values.append(.integer(Int64(query.limit + 1)))
        var events = try read { [sql, values] connection throws(SQLiteError) in
            try connection.query(sql, values, Rows.auditEvent)
        }
        var next: String?
        if events.count > query.limit {
            events.removeLast(events.count - query.limit)
            next = events.last.map {
                AuditCursor(after: $0).text(query: query, practiceID: practiceID, signer: cursors)
            }
        }
        return AuditPage(events: events, nextCursor: next)
    }
}
