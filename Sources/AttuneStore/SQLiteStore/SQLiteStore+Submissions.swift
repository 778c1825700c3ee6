internal import AttuneCore

/// Submissions: written with their audit events and idempotency record, read back by id or in
/// newest-first pages, optionally restricted to one therapist.
extension SQLiteStore {
    /// Stores a submission in one savepoint with its audit events (`submission.create`, and
    /// `submission.supersede` for a replaced one) and its idempotency record, if any.
    public func createSubmission(
        practiceID: String,
        _ submission: NewSubmission,
        idempotency: IdempotencyCompletion?,
        actor: AuditActor,
        completion: @escaping StoreCompletion<SubmissionWrite>
    ) {
        let inFlightTimeout = idempotencyPolicy.inFlightTimeoutMilliseconds
        submit(
            { context throws(StoreError) in
                let row = try SubmissionRow(submission, practiceID: practiceID, actor: actor, now: context.now)
                if let idempotency {
                    try Validation.idempotencyKey(idempotency.key)
                    try Validation.sha256Hex(idempotency.requestHash, field: "requestHash")
                }
                try context.requirePractice(practiceID)
                if let idempotency {
                    let found = try context.idempotencyRecord(practiceID: practiceID, key: idempotency.key)
                    switch found?.verdict(for: idempotency.requestHash, now: context.now, timeout: inFlightTimeout) {
                    case nil, .new?, .inFlight?: break  // absent, abandoned, or this request's own claim
                    case .replay(let response)?: return .replay(response)
                    case .mismatch?: return .idempotencyMismatch
                    }
                }
                try context.requireTherapist(practiceID: practiceID, id: submission.therapistID)
                let existing = try context.currentSubmissionID(of: row)
                if let existing, !submission.supersedes {
                    // Nothing to store: release this request's claim too, so its retry meets the
                    // same conflict instead of a stale "in flight".
                    if let idempotency {
                        try context.deleteInFlight(practiceID: practiceID, key: idempotency.key)
                    }
                    try context.insertAudit(
                        practiceID: practiceID,
                        AuditRecord(
                            actor: actor,
                            action: "submission.create",
                            resourceType: "submission",
                            resourceID: existing,
                            outcome: "conflict"
                        )
                    )
                    return .conflict(existingID: existing)
                }
                if let existing {
                    try context.markSuperseded(practiceID: practiceID, id: existing, by: row.id)
                }
                try context.insert(row, idempotencyKey: idempotency?.key)
                if let idempotency {
                    try context.completeIdempotent(practiceID: practiceID, idempotency, resourceID: row.id)
                }
                if let existing {
                    try context.insertAudit(
                        practiceID: practiceID,
                        AuditRecord(
                            actor: actor,
                            action: "submission.supersede",
                            resourceType: "submission",
                            resourceID: existing,
                            outcome: "success"
                        )
                    )
                }
                try context.insertAudit(
                    practiceID: practiceID,
                    AuditRecord(
                        actor: actor,
                        action: "submission.create",
                        resourceType: "submission",
                        resourceID: row.id,
                        outcome: "success"
                    )
                )
                return .created(row.stored(idempotencyKey: idempotency?.key), superseded: existing)
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
                AuditRecord(
                    actor: actor,
                    action: "submission.read",
                    resourceType: "submission",
                    resourceID: id,
                    outcome: found == nil ? "not_found" : "success"
                )
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
                AuditRecord(
                    actor: actor,
                    action: "submission.list",
                    resourceType: query.clientID == nil ? "submission" : "client",
                    resourceID: query.clientID,
                    outcome: "success"
                )
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
