import AttuneSQLite
import AttuneStore
import AttuneTesting
import Testing

/// Schema migrations of the SQLite store.
@Suite struct MigrationTests {
    @Test func migratesAFreshFileAndIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        let practice = try store.createPractice(name: "P").practice
        let report = try store.migrate()
        #expect(report.fromVersion == report.toVersion)
        #expect(report.toVersion >= 1)
        store.close()

        let reopened = try SQLiteStore(path: path, configuration: .init(durability: .off))
        defer { reopened.close() }
        #expect(try reopened.migrate() == report)
        #expect(try reopened.practice(id: practice.id) == practice)
        let raw = try RawSQLite(path: path)
        #expect(try raw.integer("SELECT COUNT(*) FROM schema_version") == Int64(report.toVersion))
        #expect(try raw.integer("SELECT MAX(version) FROM schema_version") == Int64(report.toVersion))
    }

    @Test func refusesADatabaseFromANewerAttune() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let supported = try SQLiteStore(path: path, configuration: .init(durability: .off)).migrate().toVersion
        let raw = try RawSQLite(path: path)
        let future = supported + 1
        try raw.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (\(future), 'from the future', 0)"
        )

        let error = #expect(throws: StoreError.self) {
            try SQLiteStore(path: path, configuration: .init(durability: .off))
        }
        #expect(error == .schemaTooNew(database: future, supported: supported))
        #expect(
            error?.description
                == "database schema version \(future) is newer than this attune supports (\(supported)); upgrade attune"
        )
        // Refusing changed nothing.
        #expect(try raw.integer("SELECT MAX(version) FROM schema_version") == Int64(future))
    }

    @Test func reportsAnUnopenableFile() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: StoreError.self) {
            try SQLiteStore(path: directory.file("missing-dir/attune.sqlite"))
        }
        guard case .database(let message)? = error else {
            Issue.record("expected a database error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("open"))
    }
}

/// Upgrading a version-1 database keeps its rows and adds the version-2 tables.
@Suite struct MigrationUpgradeTests {
    @Test func upgradesAVersionOneDatabaseKeepingItsRows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        let created = try store.createPractice(name: "P")
        store.close()
        // Turn the file back into what version 1 left behind.
        let raw = try RawSQLite(path: path)
        try raw.execute(
            """
            DROP TABLE rollup_days; DROP TABLE rollup_months; DROP TABLE rollup_client_months; DROP TABLE rollup_clients;
            DROP TABLE store_settings; DROP TABLE idempotency_keys; DROP TABLE submissions; DROP TABLE questionnaires;
            ALTER TABLE therapists DROP COLUMN deactivated_at;
            DELETE FROM schema_version WHERE version >= 2;
            """
        )

        let upgraded = try SQLiteStore(path: path, configuration: .init(durability: .off))
        defer { upgraded.close() }
        let latest = try upgraded.migrate().toVersion
        #expect(latest >= 3)
        #expect(try raw.integer("SELECT MAX(version) FROM schema_version") == Int64(latest))
        #expect(try upgraded.practice(id: created.practice.id) == created.practice)
        #expect(try upgraded.authenticate(token: created.adminKey.token)?.id == created.adminKey.key.id)
        _ = try upgraded.createTherapist(practiceID: created.practice.id, id: "t-1", actor: .commandLine)
        let write = try upgraded.createSubmission(practiceID: created.practice.id, .make(), actor: .commandLine)
        guard case .created = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
    }
}
