internal import AttuneStore
import CSQLite

/// Fills the rollup tables from the stored submissions by the same rules the write path applies:
/// when the tables are created, and to check that the stored rows equal a full recomputation.
enum RollupRebuild {
    /// Every practice's rollups recomputed in memory from its current submissions.
    static func recompute(on connection: SQLiteConnection) throws(SQLiteError) -> MemoryRollupLedger {
        let submissions = try connection.query(
            """
            SELECT \(Rows.submissionColumns) FROM submissions WHERE superseded_by IS NULL
            ORDER BY practice_id, session
            """
        ) { row throws(SQLiteError) in (try row.text(0), RollupSubmission(try Rows.submission(row))) }
        let ledger = MemoryRollupLedger()
        do throws(StoreError) {
            for (practiceID, submission) in submissions { try ledger.apply(practiceID: practiceID, [submission]) }
        } catch {
            throw SQLiteError(code: SQLITE_ERROR, message: "rollup rebuild: \(error)", operation: "rollups")
        }
        return ledger
    }

    /// Writes the recomputed rows into the (empty) rollup tables.
    static func run(on connection: SQLiteConnection) throws(SQLiteError) {
        let ledger = try recompute(on: connection)
        let writer = SQLiteRollupLedger(connection: connection)
        for (practiceID, rows) in ledger.rows {
            for (key, bytes) in rows { try writer.store(practiceID: practiceID, key, bytes) }
        }
    }
}
