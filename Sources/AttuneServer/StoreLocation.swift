public import AttuneSQLite
public import AttuneStore

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

    /// Opens the store (creating and migrating it when needed).
    /// - Parameter durability: `.off` skips fsync; only for benchmarks that measure what doesn't depend on the disk.
    public func open(durability: SQLiteStore.Durability = .full) throws -> any Store {
        switch self {
        case .sqlite(let path):
            return try SQLiteStore(path: path, configuration: SQLiteStore.Configuration(durability: durability))
        }
    }
}

/// A `--database` value that can't be used.
public struct StoreLocationError: Error, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    public var description: String { message }
}
