public import AttuneSQLite
public import AttuneStore
internal import Foundation

/// Where the data lives, from `--database`: a file path, `sqlite:PATH`, or (later) `postgres://…`.
public enum StoreLocation: Sendable, Equatable {
    /// An SQLite file.
    case sqlite(path: String)

    /// Parses a `--database` value.
    /// - Throws: a message naming what is wrong.
    public init(parsing text: String) throws(StoreLocationError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            throw StoreLocationError(message: "the PostgreSQL backend is not available in this build yet")
        }
        let path = text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text
        guard !path.isEmpty else { throw StoreLocationError(message: "the database path is empty") }
        self = .sqlite(path: path)
    }

    /// What opening does when the database does not exist yet.
    public enum MissingDatabase: Sendable {
        /// Create it (mode 0600) and migrate it: `serve`, `migrate`, `practice create`.
        case create
        /// Fail with a `StoreLocationError` naming the path: commands that read or change existing
        /// data (`backup`, `key …`), so a typo in the path is an error, not a new empty database.
        case refuse
    }

    /// Opens the store, migrating it when needed.
    /// - Parameters:
    ///   - durability: `.off` skips fsync; only for benchmarks that measure what doesn't depend on the disk.
    ///   - missing: whether a missing database is created or refused.
    ///   - created: called with the path when this open created the database.
    /// - Throws: `StoreLocationError` for a refused missing database; the store's error otherwise.
    public func open(
        durability: SQLiteStore.Durability = .full,
        ifMissing missing: MissingDatabase = .create,
        created: (String) -> Void = { _ in }
    ) throws -> any Store {
        switch self {
        case .sqlite(let path):
            var configuration = SQLiteStore.Configuration(durability: durability)
            if missing == .refuse {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw StoreLocationError(message: "no database at \(path) (check --database or ATTUNE_DATABASE)")
                }
                configuration.createIfMissing = false
            }
            let store = try SQLiteStore(path: path, configuration: configuration)
            if store.createdFile { created(path) }
            return store
        }
    }
}

/// A `--database` value that can't be used.
public struct StoreLocationError: Error, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    public var description: String { message }
}
