import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// `DELETE /v1/clients/{client}`: after it, nothing the server answers or the file holds names the client.
@Suite struct ClientErasureTests {
    static let erased = "c-gone-7f3a"
    static let kept = "c-kept-2b1c"

    /// Two clients with sessions, a supersession, idempotency keys, and reads that the audit names.
    private func populated() throws -> (SubmissionFixture, submissionIDs: [String]) {
        let fixture = try SubmissionFixture()
        var ids: [String] = []
        for session in 1...3 {
            let response = try fixture.post(
                .checkin(session: session, client: Self.erased),
                headers: [("Idempotency-Key", "idem-\(Self.erased)-\(session)")]
            )
            try #require(response.status == 201, "\(response.text)")
            ids.append(try #require(response.json?["id"] as? String))
        }
        var replacement = SubmissionBody.checkin(session: 3, client: Self.erased)
        replacement.supersedes = true
        replacement.answers["trust"] = "0"
        ids.append(try #require(try fixture.create(replacement)["id"] as? String))
        try fixture.create(.checkin(session: 1, client: Self.kept, therapist: "t-2"))
        // Reads the audit trail names: a list of the client's submissions and one submission.
        #expect(
            try fixture.client.get("/v1/submissions?client=\(Self.erased)", token: fixture.clinician1).status == 200
        )
        #expect(try fixture.client.get("/v1/submissions/\(ids[0])", token: fixture.supervisor).status == 200)
        return (fixture, ids)
    }

    @Test func erasureLeavesNoTraceInAnyAnswer() throws {
        let (fixture, ids) = try populated()
        defer { fixture.stop() }
        let erased = try fixture.client.delete("/v1/clients/\(Self.erased)", token: fixture.admin)
        #expect(erased.status == 204, "\(erased.text)")
        #expect(erased.body.isEmpty)

        // The audit trail first: a later request naming the erased id is recorded like any request.
        let trail = try fixture.client.get("/v1/audit?limit=1000", token: fixture.admin)
        #expect(!trail.text.contains(Self.erased))
        for id in ids { #expect(!trail.text.contains(id)) }
        // Reads by id, filtered and unfiltered lists, the attention list.
        for id in ids {
            #expect(try fixture.client.get("/v1/submissions/\(id)", token: fixture.admin).status == 404)
        }
        let answers = [
            try fixture.client.get("/v1/submissions?limit=100", token: fixture.admin),
            try fixture.client.get("/v1/submissions?therapist=t-1", token: fixture.supervisor),
            try fixture.client.get("/v1/clients", token: fixture.admin),
            try fixture.client.get("/v1/clients?attention=true", token: fixture.admin),
            try fixture.client.get("/v1/clients", token: fixture.clinician1),
        ]
        for answer in answers {
            #expect(answer.status == 200, "\(answer.text)")
            #expect(!answer.text.contains(Self.erased))
            for id in ids { #expect(!answer.text.contains(id)) }
        }
        // The other client is untouched.
        let kept = try fixture.client.get("/v1/submissions?client=\(Self.kept)", token: fixture.admin)
        #expect((kept.json?["submissions"] as? [Any])?.count == 1)
        #expect(try fixture.client.get("/v1/clients", token: fixture.admin).text.contains(Self.kept))

        let byClient = try fixture.client.get("/v1/submissions?client=\(Self.erased)", token: fixture.admin)
        #expect((byClient.json?["submissions"] as? [Any])?.isEmpty == true)
        // The audit says a client was erased, by which key and when, and names nobody.
        let events = try #require(trail.json?["events"] as? [[String: Any]])
        let erasure = try #require(events.first { $0["action"] as? String == "client.erase" })
        #expect(erasure["keyId"] as? String == fixture.live.adminKeyID)
        #expect(erasure["at"] is String)
        #expect(erasure["resourceId"] == nil || erasure["resourceId"] is NSNull)
        // Earlier events keep their action and time.
        #expect(events.filter { $0["action"] as? String == "submission.create" }.count == 5)

        // A retry with an old key: 410 from a content-free tombstone, nothing re-created.
        let before = try fixture.submissionCount()
        let retry = try fixture.post(
            .checkin(session: 1, client: Self.erased),
            headers: [("Idempotency-Key", "idem-\(Self.erased)-1")]
        )
        #expect(retry.status == 410)
        #expect(retry.json?["type"] as? String == "/problems/idempotency-key-erased")
        #expect(!retry.text.contains(Self.erased))
        #expect(try fixture.submissionCount() == before)

        // A second erasure finds nothing.
        #expect(try fixture.client.delete("/v1/clients/\(Self.erased)", token: fixture.admin).status == 404)
    }

    @Test func erasedBytesAreGoneFromTheDatabaseFileAndItsLog() throws {
        let (fixture, ids) = try populated()
        defer { fixture.stop() }
        let needles = [Self.erased, "idem-\(Self.erased)"] + ids
        let path = fixture.live.databasePath
        func fileText() -> String {
            [path, path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }
                .map { String(decoding: $0, as: UTF8.self) }.joined()
        }
        #expect(fileText().contains(Self.erased), "the check must see the client before the erasure")
        #expect(try fixture.client.delete("/v1/clients/\(Self.erased)", token: fixture.admin).status == 204)
        let text = fileText()
        for needle in needles { #expect(!text.contains(needle), "\(needle) is still in the file") }
        #expect(text.contains(Self.kept))
    }

    @Test func onlyAdminsEraseAndOnlyInTheirPractice() throws {
        let (fixture, _) = try populated()
        defer { fixture.stop() }
        for token in [fixture.intake, fixture.supervisor, fixture.clinician1] {
            #expect(try fixture.client.delete("/v1/clients/\(Self.erased)", token: token).status == 403)
        }
        let other = try fixture.live.makePractice(name: "Other")
        #expect(try fixture.client.delete("/v1/clients/\(Self.erased)", token: other.adminKey.token).status == 404)
        #expect(try fixture.client.delete("/v1/clients/never-seen", token: fixture.admin).status == 404)
        #expect(try fixture.client.delete("/v1/clients/%20bad%22id", token: fixture.admin).status == 404)
        let stillThere = try fixture.client.get("/v1/submissions?client=\(Self.erased)", token: fixture.admin)
        #expect((stillThere.json?["submissions"] as? [Any])?.count == 3)
    }
}
