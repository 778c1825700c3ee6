import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// `/v1/audit`: API writes are audited with their actor, and pages (body `next`, `Link`) cover the
/// trail exactly once.
@Suite(.timeLimit(.minutes(1)))
struct AuditTrailTests {
    /// Performs a few audited writes over the API; returns the created key's id.
    func writeSomething(_ live: LiveService) throws -> String {
        for id in ["t-1", "t-2", "t-3"] {
            let response = try live.client.post("/v1/therapists", token: live.adminToken, json: #"{"id":"\#(id)"}"#)
            #expect(response.status == 201)
            #expect(response.header("Location") == "/v1/therapists/" + id)
        }
        let key = try live.client.post("/v1/keys", token: live.adminToken, json: #"{"role":"intake"}"#)
        let keyID = try #require(key.json?["id"] as? String)
        #expect(try live.client.delete("/v1/keys/" + keyID, token: live.adminToken).status == 200)
        return keyID
    }

    @Test func apiWritesAreAuditedWithTheActingKey() throws {
        let live = try LiveService()
        defer { live.stop() }
        let keyID = try writeSomething(live)
        let response = try live.client.get("/v1/audit?order=oldestFirst", token: live.adminToken)
        #expect(response.status == 200)
        let events = try #require(response.json?["events"] as? [[String: Any]])
        let byAPI = events.filter { $0["keyId"] as? String == live.adminKeyID }
        let summary = byAPI.map { "\($0["action"] as? String ?? "?") \($0["resourceId"] as? String ?? "?")" }
        // Sorted: events written in the same millisecond are ordered by their random ids, not causally
        // (reported to the lead; the store documents the tie-break).
        #expect(
            summary.sorted()
                == [
                    "key.create \(keyID)", "key.revoke \(keyID)", "therapist.create t-1", "therapist.create t-2",
                    "therapist.create t-3",
                ]
        )
        #expect(byAPI.allSatisfy { $0["role"] as? String == "admin" && $0["outcome"] as? String == "success" })
    }

    @Test(arguments: ["newestFirst", "oldestFirst"])
    func followingLinkPagesCoversEveryEventOnce(_ order: String) throws {
        let live = try LiveService()
        defer { live.stop() }
        _ = try writeSomething(live)
        let all = try live.store.auditEvents(practiceID: live.practiceID, query: AuditQuery(limit: 1000)).events
        var path: String? = "/v1/audit?limit=2&order=" + order
        var seen: [String] = []
        var pages = 0
        while let next = path, pages < 50 {
            let response = try live.client.get(next, token: live.adminToken)
            #expect(response.status == 200, "\(next): \(response.text)")
            let events = response.json?["events"] as? [[String: Any]] ?? []
            #expect(events.count <= 2)
            seen += events.compactMap { $0["id"] as? String }
            let cursor = response.json?["next"] as? String
            let link = response.header("Link")
            #expect((cursor == nil) == (link == nil), "body next and Link header disagree")
            path = link.flatMap(Self.target(ofNextLink:))
            pages += 1
        }
        #expect(seen.count == all.count)
        #expect(Set(seen) == Set(all.map(\.id)))
        let expected = order == "newestFirst" ? all.map(\.id) : all.map(\.id).reversed()
        #expect(seen == expected)
    }

    @Test func fromAndToFilterByTime() throws {
        let live = try LiveService()
        defer { live.stop() }
        _ = try writeSomething(live)
        let future = try live.client.get("/v1/audit?from=2999-01-01", token: live.adminToken)
        #expect(future.status == 200)
        #expect((future.json?["events"] as? [Any])?.isEmpty == true)
        let past = try live.client.get("/v1/audit?to=2000-01-01T00:00:00Z", token: live.adminToken)
        #expect((past.json?["events"] as? [Any])?.isEmpty == true)
        let now = try live.client.get("/v1/audit?from=2000-01-01&to=2999-01-01", token: live.adminToken)
        let stored = try live.store.auditEvents(practiceID: live.practiceID, query: AuditQuery(limit: 1000))
        #expect((now.json?["events"] as? [Any])?.count == stored.events.count)
        #expect(stored.events.count == 7)  // practice and first key (CLI), three therapists, a key and its revocation
    }

    /// `</v1/audit?…>; rel="next"` → `/v1/audit?…`.
    static func target(ofNextLink header: String) -> String? {
        guard header.hasSuffix(#"; rel="next""#), header.hasPrefix("<"),
            let end = header.firstIndex(of: ">")
        else { return nil }
        return String(header[header.index(after: header.startIndex)..<end])
    }
}
