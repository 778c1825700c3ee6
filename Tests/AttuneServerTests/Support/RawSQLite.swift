import CSQLite

/// A bare SQLite connection, for what the store's API must not allow: planting a future schema version.
final class RawSQLite {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let db: OpaquePointer

    init(path: String) throws {
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE, nil)
        guard rc == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            throw Failure(description: "open failed: \(rc)")
        }
        db = handle
        sqlite3_busy_timeout(db, 5000)
    }

    deinit {
        sqlite3_close_v2(db)
    }

    /// Runs SQL written by the test itself.
    func execute(_ sql: String) throws {
        let rc = sqlite3_exec(db, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
    }
}
