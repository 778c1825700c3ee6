internal import AttuneStore

extension StoreError {
    /// Wraps a SQLite failure; writes check for conflicts and missing rows themselves, so what
    /// reaches here is an engine failure, or a lock held elsewhere past the busy timeout.
    init(_ error: SQLiteError) {
        self = error.isBusy ? .busy : .database(error.description)
    }
}

/// Runs SQLite calls, turning their typed error into a `StoreError`.
func sqlite<T>(_ body: () throws(SQLiteError) -> T) throws(StoreError) -> T {
    do {
        return try body()
    } catch {
        throw StoreError(error)
    }
}
