internal import AttuneCore
public import AttuneStore
internal import Foundation
internal import Locking

/// The embedded SQLite implementation of `Store`: one file, a group-committing writer and a pool
/// of WAL readers.
///
/// Open it once per process and share it; it is thread-safe. The path must name a file (not
/// `:memory:`), since readers open the same file separately.
public final class SQLiteStore: Store {
    /// How hard a commit works to reach the disk.
    public enum Durability: Sendable, Hashable {
        /// `synchronous=FULL`: a commit has been synced before its completion runs. The default,
        /// and what "a 201 means it is on disk" needs.
        case full
        /// `synchronous=OFF`: no sync at all. For tests and benchmarks only: a power cut may
        /// lose recent commits or corrupt the file.
        case off
    }

    /// Tuning, with defaults fit for production.
    public struct Configuration: Sendable, Hashable {
        /// Sync policy; `.full` unless a test or benchmark asks otherwise.
        public var durability: Durability = .full
        /// How long a connection waits for a lock held by another process (default 2 s) before the
        /// operation fails with `StoreError.busy`. Writes queue behind the waiting one meanwhile, so
        /// this bounds how long a held lock stalls every write; other attune processes hold the lock
        /// for milliseconds (a CLI command, a migration step).
        public var busyTimeoutMilliseconds: Int = 2000
        /// Whether a missing database file is created (default true). With false, opening a missing
        /// file fails instead: commands that only read or change existing data use this.
        public var createIfMissing = true
        /// Read-only connections kept for reads (default 4).
        public var readers: Int = 4
        /// Most writes in one transaction, bounding how long the first of them waits (default 512).
        public var maxBatch: Int = 512
        /// Least time between two `lastUsedAt` updates of one key (default 60 s).
        public var keyUsageIntervalMilliseconds: Int = 60_000
        /// Questionnaire ids a practice may not use for its own definitions: the built-ins'
        /// (default), since the server shows built-ins and a practice's definitions side by side.
        public var reservedQuestionnaireIDs: Set<String> = BuiltInInstruments.reservedIDs
        /// How long completed idempotency records are kept (default 24 h).
        public var idempotencyRetentionMilliseconds: Int = 86_400_000
        /// Least time between two automatic purges of old idempotency records (default 60 s).
        public var idempotencyPurgeIntervalMilliseconds: Int = 60_000

        /// The defaults.
        public init() {}

        /// The defaults with another durability.
        public init(durability: Durability) {
            self.durability = durability
        }
    }

    let writer: GroupCommitWriter
    let readers: ReadPool
    let keyUsage: KeyUsageRecorder
    let reservedQuestionnaireIDs: Set<String>
    let idempotencyPolicy: IdempotencyPolicy
    private let isClosed = Lock(false)
    /// True when this open created the database file (mode 0600).
    public let createdFile: Bool
    /// Signs and checks page cursors with this database's secret.
    let cursors: PageCursorSigner

    /// Opens (creating if needed and allowed) the database at `path` and migrates it to the latest schema.
    ///
    /// A file it creates is readable by its owner only (0600), and so are its `-wal` and `-shm`.
    ///
    /// - Throws: `StoreError.schemaTooNew` when a newer attune wrote the file; `.database` when
    ///   it cannot be opened (or is missing and `createIfMissing` is false).
    public init(path: String, configuration: Configuration = Configuration()) throws {
        let timeout = Int32(clamping: configuration.busyTimeoutMilliseconds)
        let createIfMissing = configuration.createIfMissing
        let (connection, created) = try sqlite { () throws(SQLiteError) in
            let created = createIfMissing ? try PrivateFile.create(path) : false
            let connection = try SQLiteConnection(
                path: path,
                mode: .readWriteExisting,
                busyTimeoutMilliseconds: timeout
            )
            try connection.configureForWriting(synchronous: configuration.durability == .full ? "FULL" : "OFF")
            return (connection, created)
        }
        createdFile = created
        _ = try Migrator.migrate(connection, now: Timestamp.now())
        cursors = PageCursorSigner(secret: try Self.cursorSecret(connection))
        writer = GroupCommitWriter(connection: connection, maxBatch: configuration.maxBatch)
        readers = ReadPool(capacity: configuration.readers) { () throws(SQLiteError) in
            try SQLiteConnection(path: path, mode: .readOnly, busyTimeoutMilliseconds: timeout)
        }
        keyUsage = KeyUsageRecorder(intervalMilliseconds: Int64(configuration.keyUsageIntervalMilliseconds))
        reservedQuestionnaireIDs = configuration.reservedQuestionnaireIDs
        idempotencyPolicy = IdempotencyPolicy(configuration)
    }

    deinit {
        close()
    }

    /// The database's cursor secret, generated and stored by the first open that finds none.
    private static func cursorSecret(_ connection: SQLiteConnection) throws(StoreError) -> [UInt8] {
        let stored = try sqlite { () throws(SQLiteError) -> String? in
            // Two processes opening a new file at once both insert; the first one's secret stays.
            try connection.execute(
                "INSERT INTO store_settings (name, value) VALUES ('cursor_secret', ?) ON CONFLICT (name) DO NOTHING",
                [.text(Identifiers.hex(PageCursorSigner.makeSecret()))]
            )
            return try connection.queryFirst(
                "SELECT value FROM store_settings WHERE name = 'cursor_secret'",
                []
            ) { row throws(SQLiteError) in try row.text(0) }
        }
        guard let stored, let secret = Identifiers.bytes(hex: stored), secret.count >= 32 else {
            throw StoreError.database("the stored cursor secret is unusable")
        }
        return secret
    }

    /// Applies migrations on the writer's queue, between batches.
    public func migrate() throws -> MigrationReport {
        try writer.withConnection { connection throws(StoreError) in
            try Migrator.migrate(connection, now: Timestamp.now())
        }
    }

    /// Commit and write counters since open.
    public var writeStats: WriteStats { writer.stats }

    /// Copies the database to a new file at `path` (which must not exist yet) while the store
    /// stays in use. The copy is one consistent snapshot; it is written beside `path` first and
    /// moved into place, so a failed backup leaves no half-written file under that name.
    public func backup(to path: String) throws {
        let files = FileManager.default
        guard !files.fileExists(atPath: path) else { throw StoreError.conflict(.backupFile) }
        let partial = path + ".partial-" + Identifiers.make(prefix: "")
        do {
            try readers.withConnection { source throws(StoreError) in
                try sqlite { () throws(SQLiteError) in
                    // Created 0600 first: the copy holds the same clinical data as the database.
                    _ = try PrivateFile.create(partial)
                    let destination = try SQLiteConnection(
                        path: partial,
                        mode: .readWriteExisting,
                        busyTimeoutMilliseconds: 0
                    )
                    try source.backup(into: destination)
                }
            }
            try files.moveItem(atPath: partial, toPath: path)
        } catch {
            try? files.removeItem(atPath: partial)
            if let error = error as? StoreError { throw error }
            throw StoreError.database("backup could not be moved into place")
        }
    }

    /// Lets accepted writes commit, then closes every connection. Safe to call twice.
    public func close() {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        writer.close()
        readers.close()
    }

    /// Queues `work` for the writer; `completion` runs after its transaction committed.
    func submit<Value: Sendable>(
        _ work: @escaping @Sendable (borrowing WriteContext) throws(StoreError) -> Value,
        completion: @escaping StoreCompletion<Value>
    ) {
        let write = PendingWrite(work, completion: completion)
        if !writer.enqueue(write) { write.fail(.closed) }
    }

    /// Runs a read on a pooled read-only connection.
    func read<T>(_ body: (SQLiteConnection) throws(SQLiteError) -> T) throws(StoreError) -> T {
        try readers.withConnection { connection throws(StoreError) in
            try sqlite { () throws(SQLiteError) -> T in try body(connection) }
        }
    }
}
