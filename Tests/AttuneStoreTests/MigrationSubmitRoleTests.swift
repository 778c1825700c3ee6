import AttuneStore
import AttuneTesting
import Foundation
import Testing

@testable import AttuneSQLite

/// Version 6 admits the `submit` role; a version-5 file keeps every key, its secret and its history.
@Suite struct MigrationSubmitRoleTests {
    @Test func upgradesAVersionFiveDatabaseKeepingItsKeysAndAdmitsSubmitKeys() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        do {
            let connection = try SQLiteConnection(path: path, mode: .readWrite, busyTimeoutMilliseconds: 1000)
            try connection.configureForWriting(synchronous: "OFF")
            let report = try Migrator.migrate(connection, migrations: Array(Migration.all.prefix(5)), now: 0)
            #expect(report.toVersion == 5)
        }
        let raw = try RawSQLite(path: path)
        try raw.execute("INSERT INTO practices (id, name, created_at) VALUES ('prc_a', 'A', 0)")
        try raw.execute(
            """
            INSERT INTO api_keys (practice_id, id, role, therapist_id, label, secret_sha256, created_at,
                last_used_at, revoked_at)
            VALUES ('prc_a', 'key_000000000000000000000001', 'intake', NULL, 'tablet', 'ab', 5, 6, 7)
            """
        )
        let store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        defer { store.close() }
        #expect(try raw.integer("SELECT MAX(version) FROM schema_version") == Int64(Migration.latestVersion))
        let kept = try #require(try store.key(practiceID: "prc_a", id: "key_000000000000000000000001"))
        #expect(kept.role == .intake && kept.label == "tablet" && kept.revokedAt != nil)
        let created = try store.createKey(practiceID: "prc_a", NewAPIKey(role: .submit), actor: .commandLine)
        #expect(try store.authenticate(token: created.token)?.role == .submit)
        #expect(
            try raw.integer("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name = 'api_keys_by_id'") == 1
        )
    }
}
