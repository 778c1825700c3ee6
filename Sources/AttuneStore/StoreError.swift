/// Why a store operation failed. Messages never contain bound values, answers or client ids.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An argument is unusable; `field` names it (`name`, `therapist`, `cursor`, ...).
    case invalid(field: String, reason: String)
    /// The named resource (`practice`, `therapist`, `key`) does not exist in this practice.
    /// Another practice's row is reported exactly like a missing one.
    case notFound(String)
    /// The named resource already exists.
    case conflict(String)
    /// The database was written by a newer attune.
    case schemaTooNew(database: Int, supported: Int)
    /// The store was closed before the operation ran.
    case closed
    /// Another process held the database locked for longer than the busy timeout; nothing was
    /// changed, and retrying later may succeed.
    case busy
    /// The database failed (I/O, disk full, corruption); the text is the engine's own.
    case database(String)

    /// A sentence for logs and problem details.
    public var description: String {
        switch self {
        case .invalid(let field, let reason): "invalid \(field): \(reason)"
        case .notFound(let resource): "\(resource) not found"
        case .conflict(let resource): "\(resource) already exists"
        case .schemaTooNew(let database, let supported):
            "database schema version \(database) is newer than this attune supports (\(supported)); upgrade attune"
        case .closed: "the store is closed"
        case .busy: "the database is locked by another process"
        case .database(let message): "database error: \(message)"
        }
    }
}

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
