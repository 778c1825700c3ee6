public import AttuneStore

/// Lookups across practices, for the operator's command line (never reached from a request).
extension SQLiteStore {
    /// Every practice, oldest first.
    public func practices() throws -> [Practice] {
        try read { connection throws(SQLiteError) in
            try connection.query(
                "SELECT \(Rows.practiceColumns) FROM practices ORDER BY created_at, id",
                [],
                Rows.practice
            )
        }
    }

    /// The key with `id`, whichever practice holds it.
    public func keyInAnyPractice(id: String) throws -> APIKey? {
        try read { connection throws(SQLiteError) in
            try connection.queryFirst("SELECT \(Rows.keyColumns) FROM api_keys WHERE id = ?", [.text(id)], Rows.key)
        }
    }
}
