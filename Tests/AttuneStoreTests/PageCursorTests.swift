import AttuneSQLite
import AttuneTesting
import Foundation
import Testing

@testable import AttuneStore

/// The cursor secret belongs to the database: cursors survive a restart, and another database
/// refuses them.
@Suite struct PageCursorTests {
    @Test func aCursorOutlivesARestartAndNoOtherDatabaseAcceptsIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a.sqlite")
        var store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        let practice = try store.createPractice(name: "P").practice
        let query = AuditQuery(limit: 1)
        let cursor = try #require(try store.auditEvents(practiceID: practice.id, query: query).nextCursor)
        store.close()

        store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        var next = query
        next.cursor = cursor
        #expect(try store.auditEvents(practiceID: practice.id, query: next).events.count == 1)
        let secret = try RawSQLite(path: path).integer(
            "SELECT length(value) FROM store_settings WHERE name = 'cursor_secret'"
        )
        #expect(secret == 64)
        store.close()

        // Another database has its own secret: the same practice id and position mean nothing there.
        let other = try SQLiteStore(path: directory.file("b.sqlite"), configuration: .init(durability: .off))
        defer { other.close() }
        #expect(throws: StoreError.invalid(field: "cursor", reason: "is not a cursor from this query")) {
            try other.auditEvents(practiceID: practice.id, query: next)
        }
    }

    @Test func theSignatureCoversEveryScopeField() {
        let signer = PageCursorSigner(secret: PageCursorSigner.makeSecret())
        let scope = PageCursorScope(listing: "submissions", practiceID: "prc_a", filters: ["c-1", nil])
        let text = signer.sign("s:1:sub_x", scope: scope)
        #expect(signer.verify(text, scope: scope) == "s:1:sub_x")
        let others = [
            PageCursorScope(listing: "audit", practiceID: "prc_a", filters: ["c-1", nil]),
            PageCursorScope(listing: "submissions", practiceID: "prc_b", filters: ["c-1", nil]),
            PageCursorScope(listing: "submissions", practiceID: "prc_a", filters: ["c-2", nil]),
            PageCursorScope(listing: "submissions", practiceID: "prc_a", filters: ["c-1", ""]),
            PageCursorScope(listing: "submissions", practiceID: "prc_a", filters: [nil, "c-1"]),
            // Length prefixes keep field boundaries: "c-1" + "x" is not "c-1x" + "".
            PageCursorScope(listing: "submissions", practiceID: "prc_a", filters: ["c-1x", ""]),
        ]
        for other in others { #expect(signer.verify(text, scope: other) == nil) }
        let otherSecret = PageCursorSigner(secret: PageCursorSigner.makeSecret())
        #expect(otherSecret.verify(text, scope: scope) == nil)
        for garbage in ["", ".", "a.b.c", "czoxOng", text + "x", "!!!." + text] {
            #expect(signer.verify(garbage, scope: scope) == nil, "\(garbage)")
        }
    }
}
