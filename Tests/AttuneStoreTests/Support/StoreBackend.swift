import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// A backend the store contract tests run against.
enum StoreBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// `[.sqlite]`, plus `.postgres` when `ATTUNE_TEST_POSTGRES_URL` is set and the PostgreSQL
    /// backend exists (`PostgresFactory.isBuilt`; there is none, so `.postgres` is unreachable).
    static var available: [StoreBackend] {
        let url = ProcessInfo.processInfo.environment["ATTUNE_TEST_POSTGRES_URL"]
        guard let url, !url.isEmpty, PostgresFactory.isBuilt else { return [.sqlite] }
        return [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }

    /// A fresh, empty store whose files (if any) live in `directory`.
    func makeStore(in directory: TemporaryDirectory) throws -> any Store {
        switch self {
        case .sqlite:
            try SQLiteStore(path: directory.file("attune.sqlite"), configuration: .init(durability: .off))
        case .postgres:
            try PostgresFactory.makeStore()
        }
    }
}

/// Placeholder for the PostgreSQL backend, kept so the contract tests already have its shape.
enum PostgresFactory {
    struct NotBuilt: Error, CustomStringConvertible {
        var description: String { "the PostgreSQL store is not built yet" }
    }

    static let isBuilt = false

    static func makeStore() throws -> any Store {
        throw NotBuilt()
    }
}
