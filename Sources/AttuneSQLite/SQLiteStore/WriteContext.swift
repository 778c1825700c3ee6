internal import AttuneStore

/// What a write sees inside the writer's transaction: the write connection, a timestamp, and the
/// audit helper. Only the writer's queue creates one, and only for the duration of one write.
struct WriteContext: ~Copyable {
    /// The write connection, inside a savepoint of the batch's transaction.
    let connection: SQLiteConnection
    /// The write's timestamp (milliseconds), shared by the change and its audit event.
    let now: Int64

    /// Runs SQLite calls, mapping failures to `StoreError`.
    func sql<T>(_ body: (SQLiteConnection) throws(SQLiteError) -> T) throws(StoreError) -> T {
        try sqlite { () throws(SQLiteError) -> T in try body(connection) }
    }

    /// Throws `.notFound(.practice)` unless the practice exists.
    func requirePractice(_ practiceID: String) throws(StoreError) {
        let exists = try sql { connection throws(SQLiteError) in
            try connection.queryFirst("SELECT 1 FROM practices WHERE id = ?", [.text(practiceID)]) { _ in true }
        }
        guard exists == true else { throw .notFound(.practice) }
    }

    /// Inserts an audit event inside the current write, so it commits or rolls back with it.
    @discardableResult
    func insertAudit(practiceID: String, _ record: AuditRecord) throws(StoreError) -> AuditEvent {
        let event = AuditEvent(
            id: Identifiers.auditEvent(),
            practiceID: practiceID,
            keyID: record.actor.keyID,
            role: record.actor.role,
            action: record.action,
            resourceType: record.resourceType,
            resourceID: record.resourceID,
            outcome: record.outcome,
            at: Timestamp.date(now)
        )
        try sql { connection throws(SQLiteError) in
            try connection.execute(
                """
                INSERT INTO audit_events
                    (practice_id, id, at, key_id, role, action, resource_type, resource_id, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(practiceID), .text(event.id), .integer(now), .text(event.keyID),
                    .text(event.role?.rawValue), .text(event.action), .text(event.resourceType),
                    .text(event.resourceID), .text(event.outcome),
                ]
            )
        }
        return event
    }
}
