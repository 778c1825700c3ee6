/// What kind of thing a store operation did not find, or found already there.
public enum StoreResource: String, Sendable, Hashable, CaseIterable {
    /// A practice (the tenant).
    case practice
    /// A therapist of the practice.
    case therapist
    /// An API key.
    case key
    /// A questionnaire definition or one of its versions.
    case questionnaire
    /// A submission.
    case submission
    /// A client: the practice's pseudonymous id, known through its submissions.
    case client
    /// The file a backup was asked to create.
    case backupFile = "backup file"
}

/// Why a store operation failed. Messages never contain bound values, answers or client ids.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An argument is unusable; `field` names it (`name`, `therapist`, `cursor`, ...).
    case invalid(field: String, reason: String)
    /// The resource does not exist in this practice. Another practice's row is reported exactly
    /// like a missing one.
    case notFound(StoreResource)
    /// The resource already exists.
    case conflict(StoreResource)
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
        case .notFound(let resource): "\(resource.rawValue) not found"
        case .conflict(let resource): "\(resource.rawValue) already exists"
        case .schemaTooNew(let database, let supported):
            "database schema version \(database) is newer than this attune supports (\(supported)); upgrade attune"
        case .closed: "the store is closed"
        case .busy: "the database is locked by another process"
        case .database(let message): "database error: \(message)"
        }
    }
}
