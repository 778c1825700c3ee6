import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// What ends up in the SQLite files: no secrets, audit only with its change, usable backups.
@Suite struct SQLiteFileTests {
    /// The bytes of the database file and its WAL (if present).
    func fileBytes(_ path: String) -> [UInt8] {
        [path, path + "-wal"].flatMap { file in
            FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? []
        }
    }

    func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    @Test func plaintextSecretIsNowhereInTheFiles() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let store = try SQLiteStore(path: path, configuration: .init(durability: .full))
        let practice = try store.createPractice(name: "P").practice
        let created = try store.createKey(
            practiceID: practice.id,
            NewAPIKey(role: .intake, label: "label-marker-8731"),
            actor: .commandLine
        )
        let secret = String(created.token.dropFirst("atn_".count + created.key.id.count + 1))
        #expect(secret.count == 43)

        for bytes in [
            fileBytes(path),
            {
                store.close()
                return fileBytes(path)
            }(),
        ] {
            // The search sees the data: the label and the key id are there ...
            #expect(contains(bytes, "label-marker-8731"))
            #expect(contains(bytes, created.key.id))
            // ... and the secret is not, whole or in part.
            #expect(!contains(bytes, created.token))
            #expect(!contains(bytes, secret))
            #expect(!contains(bytes, String(secret.prefix(16))))
        }
    }

    @Test func failedWriteLeavesNeitherChangeNorAuditEvent() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        // Make the audit insert (which comes after the therapist insert) fail for one id.
        let raw = try RawSQLite(path: path)
        try raw.execute(
            """
            CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events WHEN NEW.resource_id = 't-doomed'
            BEGIN SELECT RAISE(ABORT, 'injected failure'); END
            """
        )

        #expect(throws: StoreError.self) {
            try store.createTherapist(practiceID: practice.id, id: "t-doomed", actor: .commandLine)
        }
        #expect(try store.therapist(practiceID: practice.id, id: "t-doomed") == nil)
        #expect(try raw.integer("SELECT COUNT(*) FROM therapists WHERE id = 't-doomed'") == 0)
        #expect(try raw.integer("SELECT COUNT(*) FROM audit_events WHERE resource_id = 't-doomed'") == 0)
        // The same path works for other ids: change and event together.
        _ = try store.createTherapist(practiceID: practice.id, id: "t-fine", actor: .commandLine)
        #expect(try raw.integer("SELECT COUNT(*) FROM audit_events WHERE resource_id = 't-fine'") == 1)
    }

    @Test func backupIsAnOpenableCopyWithTheSameRows() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.file("attune.sqlite"), configuration: .init(durability: .off))
        defer { store.close() }
        let created = try store.createPractice(name: "P")
        let id = created.practice.id
        for index in 0..<20 {
            _ = try store.createTherapist(practiceID: id, id: "t-\(index)", actor: .commandLine)
        }
        // Keep writing while the backup runs: the copy must still be consistent.
        for index in 20..<60 {
            store.createTherapist(practiceID: id, id: "t-\(index)", actor: .commandLine, idempotency: nil) { _ in }
        }
        let copyPath = directory.file("backup.sqlite")
        try store.backup(to: copyPath)

        let copy = try SQLiteStore(path: copyPath, configuration: .init(durability: .off))
        defer { copy.close() }
        #expect(try copy.practice(id: id) == created.practice)
        #expect(try copy.keys(practiceID: id) == store.keys(practiceID: id))
        let copied = try copy.therapists(practiceID: id)
        #expect(copied.count >= 20)
        // Consistent: every copied therapist has its audit event, and nothing else is there.
        let audit = try copy.auditEvents(practiceID: id, query: AuditQuery(limit: 1000)).events
        #expect(audit.filter { $0.action == "therapist.create" }.count == copied.count)
        #expect(try copy.authenticate(token: created.adminKey.token)?.id == created.adminKey.key.id)

        #expect(throws: StoreError.conflict(.backupFile)) { try store.backup(to: copyPath) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!leftovers.contains { $0.contains(".partial") })
    }
}
