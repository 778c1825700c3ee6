internal import AttuneStore

/// Brings a SQLite database up to `Migration.latestVersion`, or refuses one that is newer.
enum Migrator {
    /// Applies every step newer than the database's version, each in its own transaction.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock before reading the version, so two processes
    /// migrating the same file at once apply each step exactly once.
    static func migrate(
        _ connection: SQLiteConnection,
        migrations: [Migration] = Migration.all,
        now: Int64
    ) throws(StoreError) -> MigrationReport {
        let supported = migrations.last?.version ?? 0
        var initial: Int?
        var current = 0
        repeat {
            let applied: Bool = try sqlite {
                () throws(SQLiteError) -> Bool in
                try connection.execute("BEGIN IMMEDIATE")
                do throws(SQLiteError) {
                    try connection.executeScript(Migration.bookkeeping)
                    current = try version(of: connection)
                    if initial == nil { initial = current }
                    guard current < supported, let next = migrations.first(where: { $0.version == current + 1 })
                    else {
                        try connection.execute("COMMIT")
                        return false
                    }
                    for statement in next.statements {
                        try connection.executeScript(statement)
                    }
                    try next.backfill?(connection)
                    try connection.execute(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                        [.integer(Int64(next.version)), .text(next.name), .integer(now)]
                    )
                    try connection.execute("COMMIT")
                    current = next.version
                    return true
                } catch {
                    if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
                    throw error
                }
            }
            if current > supported {
                throw StoreError.schemaTooNew(database: current, supported: supported)
            }
            if !applied { break }
        } while current < supported
        return MigrationReport(fromVersion: initial ?? current, toVersion: current)
    }

    /// The highest applied version, 0 for an empty database.
    static func version(of connection: SQLiteConnection) throws(SQLiteError) -> Int {
        let version = try connection.queryFirst("SELECT MAX(version) FROM schema_version") { row in
            row.optionalInt64(0)
        }
        return Int((version ?? nil) ?? 0)
    }
}
