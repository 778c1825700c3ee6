internal import AttuneStore
import CSQLite

/// One SQLite connection: owns the `sqlite3*` handle and a cache of prepared statements.
///
/// Not Sendable: a connection is used by one thread at a time (the writer's queue, or whoever
/// holds it from the read pool), which is also why it is opened with `SQLITE_OPEN_NOMUTEX`.
final class SQLiteConnection {
    /// How a connection opens its file.
    enum Mode {
        /// Reads and writes, creating the file if it is missing.
        case readWrite
        /// Reads and writes a file that must exist already (the store creates it first, 0600).
        case readWriteExisting
        /// Reads only; a WAL reader never blocks the writer and is never blocked by it.
        case readOnly
    }

    private let db: OpaquePointer
    /// Statements keyed by their SQL text: each is prepared once per connection and reused.
    private var statements: [SQLText: SQLiteStatement] = [:]

    /// Process-wide settings that only take effect before SQLite initializes, applied once.
    private static let libraryConfigured: Bool = attune_sqlite3_disable_memory_statistics() == SQLITE_OK

    /// Opens `path` in `mode`, waiting up to `busyTimeoutMilliseconds` for locks held elsewhere.
    init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32) throws(SQLiteError) {
        _ = Self.libraryConfigured
        var handle: OpaquePointer?
        let access =
            switch mode {
            case .readWrite: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            case .readWriteExisting: SQLITE_OPEN_READWRITE
            case .readOnly: SQLITE_OPEN_READONLY
            }
        let rc = sqlite3_open_v2(path, &handle, access | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            let error = SQLiteError(code: rc, connection: handle, operation: "open")
            // sqlite3_open_v2 may allocate a handle even when it fails; it must still be closed.
            sqlite3_close_v2(handle)
            throw error
        }
        self.db = handle
        sqlite3_extended_result_codes(db, 1)
        try check(sqlite3_busy_timeout(db, busyTimeoutMilliseconds), "busy_timeout")
    }

    deinit {
        // Statements must be finalized before the handle goes; close_v2 copes with stragglers.
        statements.removeAll()
        sqlite3_close_v2(db)
    }

    /// Runs `sql` with `values` bound, to completion, ignoring any rows.
    func execute(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) {
        let statement = try cachedStatement(sql)
        defer { statement.finishUse() }
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs `sql` with `values` bound and decodes every row.
    func query<Row>(
        _ sql: String,
        _ values: [SQLiteValue] = [],
        _ decode: (SQLiteRow) throws(SQLiteError) -> Row
    ) throws(SQLiteError) -> [Row] {
        let statement = try cachedStatement(sql)
        defer { statement.finishUse() }
        try statement.bind(values)
        var rows: [Row] = []
        while try statement.step() {
            rows.append(try decode(statement.row))
        }
        return rows
    }

    /// Runs `sql` and decodes its first row, if any.
    func queryFirst<Row>(
        _ sql: String,
        _ values: [SQLiteValue] = [],
        _ decode: (SQLiteRow) throws(SQLiteError) -> Row
    ) throws(SQLiteError) -> Row? {
        let statement = try cachedStatement(sql)
        defer { statement.finishUse() }
        try statement.bind(values)
        guard try statement.step() else { return nil }
        return try decode(statement.row)
    }

    /// Runs a script of several statements without parameters (migrations, pragmas).
    ///
    /// Only for SQL written in this module: nothing from a request ever reaches a script.
    func executeScript(_ sql: String) throws(SQLiteError) {
        try check(sqlite3_exec(db, sql, nil, nil, nil), "exec")
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    var changes: Int { Int(sqlite3_changes64(db)) }

    /// Rows inserted, updated or deleted by completed statements since the connection opened; a
    /// statement that failed and was undone adds nothing.
    var totalChanges: Int64 { sqlite3_total_changes64(db) }

    /// False while a transaction is open. SQLite rolls a transaction back by itself after some
    /// errors (I/O, disk full); the writer checks this to notice that its batch is gone.
    var isAutocommit: Bool { sqlite3_get_autocommit(db) != 0 }

    /// Sets `synchronous`, `foreign_keys` and `journal_mode=WAL` for a connection that writes.
    func configureForWriting(synchronous: String) throws(SQLiteError) {
        let mode = try queryFirst("PRAGMA journal_mode=WAL") { row throws(SQLiteError) in try row.text(0) }
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "could not switch to WAL journal mode", operation: "open")
        }
        // Statement text, not a bound value: pragmas take no parameters; `synchronous` comes from
        // this module's own enum, never from input.
        // temp_store=MEMORY keeps each write's savepoint journal in memory: past 64 KiB SQLite
        // otherwise spills it to a temporary file, and a batch of group-committed writes then costs
        // two extra pwrite calls per page each write touches (measured: 32 pwrites per submission).
        try executeScript("PRAGMA synchronous=\(synchronous); PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;")
    }

    /// Turns a result code into a thrown error.
    func check(_ rc: Int32, _ operation: String) throws(SQLiteError) {
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: db, operation: operation) }
    }

    /// The raw handle, for the backup API in this module.
    var handle: OpaquePointer { db }

    private func cachedStatement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let statement = statements[SQLText(sql)] { return statement }
        let statement = try SQLiteStatement(sql: sql, db: db)
        statements[SQLText(sql)] = statement
        return statement
    }
}

/// SQL text as a statement-cache key, hashed on its length and its last bytes only.
///
/// Hashing the whole text (hundreds of bytes, several statements per write) showed up in callgrind;
/// statements differ in their tails and lengths, and equality still compares the whole text (at once
/// when both share one storage, as a statement's constant text does).
private struct SQLText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { utf8 in
            hasher.combine(utf8.count)
            let raw = UnsafeRawBufferPointer(utf8)
            // The last 16 bytes (WHERE clauses and column lists end differently) and 8 from the middle.
            for offset in [utf8.count - 8, utf8.count - 16, utf8.count / 2]
            where offset >= 0 && offset + 8 <= utf8.count {
                hasher.combine(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
        }
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}
