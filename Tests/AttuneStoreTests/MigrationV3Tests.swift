import AttuneTesting
import Foundation
import Testing

@testable import AttuneStore

/// Version 3 re-keys the audit trail by time and drops an index; a version-2 file keeps every event.
@Suite struct MigrationV3Tests {
    @Test func upgradesAVersionTwoDatabaseKeepingItsAuditTrailInOrder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        do {
            let connection = try SQLiteConnection(path: path, mode: .readWrite, busyTimeoutMilliseconds: 1000)
            try connection.configureForWriting(synchronous: "OFF")
            let report = try Migrator.migrate(connection, migrations: Array(Migration.all.prefix(2)), now: 0)
            #expect(report.toVersion == 2)
        }
        let raw = try RawSQLite(path: path)
        try raw.execute("INSERT INTO practices (id, name, created_at) VALUES ('prc_a', 'A', 0), ('prc_b', 'B', 0)")
        // Events of two practices, inserted out of time order, two of them in the same millisecond.
        let events: [(practice: String, id: String, at: Int64)] = [
            ("prc_a", "evt_3", 3000), ("prc_a", "evt_1", 1000), ("prc_b", "evt_9", 2000),
            ("prc_a", "evt_2b", 2000), ("prc_a", "evt_2a", 2000),
        ]
        for event in events {
            try raw.execute(
                """
                INSERT INTO audit_events (practice_id, id, at, key_id, role, action, resource_type, resource_id, outcome)
                VALUES ('\(event.practice)', '\(event.id)', \(event.at), NULL, NULL, 'test.event', 'test', NULL, 'success')
                """
            )
        }

        let store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        defer { store.close() }
        #expect(try raw.integer("SELECT MAX(version) FROM schema_version") == Int64(Migration.latestVersion))
        let page = try store.auditEvents(practiceID: "prc_a", query: AuditQuery(limit: 10)).events
        #expect(page.map(\.id) == ["evt_3", "evt_2b", "evt_2a", "evt_1"])
        #expect(try store.auditEvents(practiceID: "prc_b", query: AuditQuery(limit: 10)).events.map(\.id) == ["evt_9"])
        let indexes = try raw.integer(
            """
            SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index'
            AND name IN ('audit_events_by_time', 'submissions_by_questionnaire')
            """
        )
        #expect(indexes == 0)
        // The new key is (practice_id, at, id): one index tree for the table's key, none besides.
        #expect(
            try raw.integer("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_events'")
                == 1
        )
        let keyColumns = try raw.integer(
            """
            SELECT COUNT(*) FROM pragma_index_info(
                (SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_events'))
            WHERE (seqno, name) IN (VALUES (0, 'practice_id'), (1, 'at'), (2, 'id'))
            """
        )
        #expect(keyColumns == 3)
        // New events still land and list first.
        let created = try store.createPractice(name: "C")
        let audit = try store.auditEvents(practiceID: created.practice.id, query: AuditQuery(limit: 10)).events
        #expect(!audit.isEmpty)
    }
}
