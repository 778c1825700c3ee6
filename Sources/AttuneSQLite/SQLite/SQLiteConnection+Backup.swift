internal import AttuneStore
import CSQLite

extension SQLiteConnection {
    /// Copies this connection's database into `destination` page by page (the online backup API).
    ///
    /// One `sqlite3_backup_step(-1)` copies everything inside one read transaction, so the copy is
    /// a consistent snapshot; in WAL mode the writer keeps committing meanwhile.
    func backup(into destination: SQLiteConnection) throws(SQLiteError) {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            // backup_init reports its failure on the destination connection.
            throw SQLiteError(code: SQLITE_ERROR, connection: destination.handle, operation: "backup_init")
        }
        let stepCode = sqlite3_backup_step(backup, -1)
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE else {
            throw SQLiteError(code: stepCode, connection: destination.handle, operation: "backup_step")
        }
        try destination.check(finishCode, "backup_finish")
    }
}
