public import AttuneStore

/// Many prepared submissions in one transaction, by the same ``SubmissionWriteRules`` as one.
extension SQLiteStore {
    /// Stores `batch` in one transaction on the writer's queue (between group commits), each
    /// submission by ``SubmissionWriteRules`` with no idempotency key: rollups, client activity and
    /// audit events exactly as for a request. All or nothing: the first submission the rules do not
    /// create (a taken session, an unknown therapist) rolls the whole batch back and is the error.
    public func createSubmissions(
        practiceID: String,
        _ batch: [PreparedSubmission],
        actor: AuditActor
    ) throws -> Int {
        try writer.withConnection { connection throws(StoreError) in
            try sqlite { () throws(SQLiteError) in try connection.execute("BEGIN IMMEDIATE") }
            do throws(StoreError) {
                let context = WriteContext(connection: connection, now: Timestamp.now())
                for prepared in batch {
                    let write = try SubmissionWriteRules.write(
                        in: context,
                        practiceID: practiceID,
                        claim: nil,
                        actor: actor,
                        prepare: { prepared }
                    )
                    guard case .created = write else {
                        throw StoreError.invalid(
                            field: "batch",
                            reason: "a submission of the batch was refused or its session is taken"
                        )
                    }
                }
                try sqlite { () throws(SQLiteError) in try connection.execute("COMMIT") }
                writer.record(commits: 1, writes: batch.count)
                return batch.count
            } catch {
                if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
                throw error
            }
        }
    }
}
