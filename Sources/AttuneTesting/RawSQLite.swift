internal import CSQLite

/// Test support shared by the test targets (STYLE.md §1: `AttuneTesting`).
///
/// A bare SQLite connection for tests that must reach under the store: plant a future schema
/// version, hold the write lock, install a failing trigger, count rows.
public final class RawSQLite {
    /// What SQLite said when a call failed.
    public struct Failure: Error, CustomStringConvertible {
        /// SQLite's message.
        public var description: String
    }

    private let db: OpaquePointer

    /// Opens an existing database file for reading and writing.
    public init(path: String) throws {
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
    public func execute(_ sql: String) throws {
        let rc = sqlite3_exec(db, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
    }

    /// The first column of the first row of `sql`, as an integer.
    public func integer(_ sql: String) throws -> Int64 {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { throw Failure(description: "no row") }
        return sqlite3_column_int64(statement, 0)
    }
}
