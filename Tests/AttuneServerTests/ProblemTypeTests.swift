import Foundation
import Testing

/// Each kind of problem has its own `type`, which the server describes at that URI, and an `instance`.
@Suite(.timeLimit(.minutes(1)))
struct ProblemTypeTests {
    @Test func apiProblemsNameTheirTypeAndTheRequestAsInstance() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        let client = fixture.client
        let cases: [(response: TestResponse, type: String, status: Int)] = [
            (try client.get("/v1/therapists", token: nil), "/problems/unauthenticated", 401),
            (try client.get("/v1/audit", token: fixture.intake), "/problems/forbidden", 403),
            (try client.get("/v1/therapists/t-none", token: fixture.admin), "/problems/not-found", 404),
            (try client.post("/v1/therapists", token: fixture.admin, json: "{"), "/problems/malformed-json", 400),
            (try client.post("/v1/therapists", token: fixture.admin, json: "{}"), "/problems/invalid-fields", 422),
            (
                try client.post("/v1/therapists", token: fixture.admin, json: #"{"id":"t-1"}"#),
                "/problems/already-exists", 409
            ),
            (try client.get("/v1/submissions?limit=x", token: fixture.admin), "/problems/invalid-query", 400),
            // Answered by the HTTP server itself, with the type the service plugged in for the status.
            (try client.get("/no/such/path", token: nil), "/problems/not-found", 404),
            (try client.request("PUT", "/v1/therapists", token: fixture.admin), "/problems/method-not-allowed", 405),
        ]
        for (response, type, status) in cases {
            #expect(response.status == status, "\(response.text)")
            #expect(response.json?["type"] as? String == type, "\(response.text)")
            let requestID = try #require(response.header("X-Request-Id"))
            #expect(response.json?["instance"] as? String == requestID)
        }
        _ = try fixture.create(.checkin())
        let duplicate = try fixture.post(.checkin())
        #expect(duplicate.status == 409)
        #expect(duplicate.json?["type"] as? String == "/problems/duplicate-submission")
        let first = try fixture.post(.checkin(session: 2), headers: [("Idempotency-Key", "k-1")])
        #expect(first.status == 201)
        let reused = try fixture.post(.checkin(session: 3), headers: [("Idempotency-Key", "k-1")])
        #expect(reused.status == 422)
        #expect(reused.json?["type"] as? String == "/problems/idempotency-key-reused")
    }

    @Test func everyTypeIsDescribedAtItsURIWithoutAKey() throws {
        let live = try LiveService()
        defer { live.stop() }
        let index = try live.client.get("/problems", token: nil)
        #expect(index.status == 200)
        let problems = try #require(index.json?["problems"] as? [[String: Any]])
        #expect(problems.count >= 20)
        var seen = Set<String>()
        for entry in problems {
            let type = try #require(entry["type"] as? String)
            #expect(type.hasPrefix("/problems/"))
            #expect(seen.insert(type).inserted, "\(type) listed twice")
            let page = try live.client.get(type, token: nil)
            #expect(page.status == 200)
            #expect(page.json?["type"] as? String == type)
            #expect(page.json?["status"] as? Int == entry["status"] as? Int)
            #expect((page.json?["description"] as? String)?.isEmpty == false)
        }
        let unknown = try live.client.get("/problems/no-such-problem", token: nil)
        #expect(unknown.status == 404)
        #expect(unknown.json?["type"] as? String == "/problems/not-found")
    }
}
