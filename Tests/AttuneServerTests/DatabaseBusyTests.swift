import AttuneTesting
import Foundation
import Testing

/// Another process holding the database's write lock past the busy timeout: writes are answered
/// 503 with `Retry-After` and change nothing; once the lock is released they succeed again.
@Suite(.timeLimit(.minutes(1)))
struct DatabaseBusyTests {
    @Test func heldWriteLockGives503WithRetryAfterThenWritesSucceedAgain() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        let lockHolder = try RawSQLite(path: fixture.live.databasePath)
        try lockHolder.execute("BEGIN EXCLUSIVE")
        var released = false
        defer { if !released { try? lockHolder.execute("ROLLBACK") } }

        let started = Date()
        let submission = try fixture.post(.checkin(session: 1))
        let therapist = try fixture.client.post("/v1/therapists", token: fixture.admin, json: #"{"id":"t-9"}"#)
        for response in [submission, therapist] {
            #expect(response.status == 503, "\(response.text)")
            #expect(response.header("Retry-After") == "1")
            #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            #expect(response.json?["status"] as? Int == 503)
            #expect((response.json?["detail"] as? String)?.contains("locked") == true)
        }
        // The store waits for its busy timeout (2 s) before giving up, not for ever.
        #expect(Date().timeIntervalSince(started) < 10)
        // Reads of a WAL database go on while another connection holds the write lock.
        #expect(try fixture.client.get("/v1/submissions", token: fixture.intake).status == 200)

        try lockHolder.execute("ROLLBACK")
        released = true
        #expect(try fixture.post(.checkin(session: 1)).status == 201)
        #expect(try fixture.client.post("/v1/therapists", token: fixture.admin, json: #"{"id":"t-9"}"#).status == 201)
        #expect(try fixture.submissionCount() == 1)
    }
}
