internal import AttuneCore
public import AttuneStore

/// Submissions: written with their audit events and idempotency record, read back by id or in
/// newest-first pages, optionally restricted to one therapist.
extension SQLiteStore {
    /// Stores a submission in one savepoint with its audit events and its idempotency record, if
    /// any, by the backend-independent ``SubmissionWriteRules``.
    public func createSubmission(
        practiceID: String,
        idempotency: IdempotencyClaim?,
        actor: AuditActor,
        prepare: @escaping @Sendable () -> PreparedSubmission?,
        completion: @escaping StoreCompletion<SubmissionWrite>
    ) {
        if idempotency != nil { purgeIfDue() }
        submit(
            { context throws(StoreError) in
                try SubmissionWriteRules.write(
                    in: context,
                    practiceID: practiceID,
                    claim: idempotency,
                    actor: actor,
                    prepare: prepare
                )
            },
            completion: completion
        )
    }

    /// The practice's submission, or nil when missing, another practice's, or outside
    /// `therapistScope`. With `actor`, a `submission.read` event is queued without waiting.
    public func submission(
        practiceID: String,
        id: String,
        therapistScope: String?,
        auditAs actor: AuditActor?
    ) throws -> StoredSubmission? {
        var sql = "SELECT \(Rows.submissionColumns) FROM submissions WHERE practice_id = ? AND id = ?"
        var values: [SQLiteValue] = [.text(practiceID), .text(id)]
        if let therapistScope {
            sql += " AND therapist_id = ?"
            values.append(.text(therapistScope))
        }
        let found = try read { [sql, values] connection throws(SQLiteError) in
            try connection.queryFirst(sql, values, Rows.submission)
        }
        if let actor {
            auditLater(
                practiceID: practiceID,
                .submissionRead(id, found: found != nil, by: actor)
            )
        }
        return found
    }

    /// A page of the practice's submissions, newest first (`received_at DESC, id DESC`).
    /// With `actor`, a `submission.list` event is queued without waiting.
    public func submissions(
        practiceID: String,
        query: SubmissionQuery,
        auditAs actor: AuditActor?
    ) throws -> SubmissionPage {
        guard (1...SubmissionQuery.maxLimit).contains(query.limit) else {
            throw StoreError.invalid(field: "limit", reason: "must be between 1 and \(SubmissionQuery.maxLimit)")
        }
        // The SQL is assembled from fixed fragments only; every value is bound.
        var sql = "SELECT \(Rows.submissionColumns) FROM submissions WHERE practice_id = ?"
        var values: [SQLiteValue] = [.text(practiceID)]
        let equalities: [(column: String, value: String?)] = [
            ("therapist_id", query.therapistScope), ("therapist_id", query.therapistID),
            ("client_id", query.clientID), ("questionnaire_id", query.questionnaireID),
        ]
        for (column, value) in equalities {
            guard let value else { continue }
            sql += " AND \(column) = ?"
            values.append(.text(value))
        }
        if let from = query.from {
            try Validation.date(from, field: "from")
            sql += " AND session_date >= ?"
            values.append(.text(from))
        }
        if let to = query.to {
            try Validation.date(to, field: "to")
            sql += " AND session_date <= ?"
            values.append(.text(to))
        }
        if !query.includeSuperseded {
            sql += " AND superseded_by IS NULL"
        }
        if let text = query.cursor {
            let cursor = try SubmissionCursor(text, query: query, practiceID: practiceID, signer: cursors)
            // The redundant `received_at <= ?` lets the index seek to the cursor instead of
            // walking every earlier page's rows again.
            sql += " AND received_at <= ? AND (received_at < ? OR (received_at = ? AND id < ?))"
            values += [
                .integer(cursor.receivedAt), .integer(cursor.receivedAt), .integer(cursor.receivedAt), .text(cursor.id),
            ]
        }
        // One row more than asked tells whether another page follows.
        sql += " ORDER BY received_at DESC, id DESC LIMIT ?"
        values.append(.integer(Int64(query.limit + 1)))
        var rows = try read { [sql, values] connection throws(SQLiteError) in
            try connection.query(sql, values, Rows.submission)
        }
        var next: String?
        if rows.count > query.limit {
            rows.removeLast(rows.count - query.limit)
            next = rows.last.map {
                SubmissionCursor(after: $0).text(query: query, practiceID: practiceID, signer: cursors)
            }
        }
        if let actor {
            auditLater(
                practiceID: practiceID,
                .submissionsListed(client: query.clientID, by: actor)
            )
        }
        return SubmissionPage(submissions: rows, nextCursor: next)
    }

    /// Queues an audit event and returns at once: the read it describes does not wait for the
    /// commit. If the process dies in the few milliseconds before it commits, the event is lost;
    /// callers that must not lose one use `recordAudit(practiceID:_:completion:)` and wait.
    func auditLater(practiceID: String, _ record: AuditRecord) {
        submit(
            { context throws(StoreError) in try context.insertAudit(practiceID: practiceID, record) },
            completion: { _ in }
        )
    }
}
