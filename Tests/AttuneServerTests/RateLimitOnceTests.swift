import AttuneStore
import Foundation
import Testing

/// A request that the server runs again on a worker (the adaptive GETs) is charged one token, not two.
@Suite(.timeLimit(.minutes(1)))
struct RateLimitOnceTests {
    @Test func aBurstOfRetriedGETsFitsTheBurstAllowance() throws {
        let limit = 2
        let live = try LiveService(rateLimit: limit)
        defer { live.stop() }
        let published = try live.client.post("/v1/questionnaires", token: live.adminToken, json: wellbeingDefinition())
        #expect(published.status == 201)
        let key = try live.makeKey(.intake)
        // Each of these runs first on the I/O queue, then again on a worker (a key not cached yet, a
        // practice definition, an unknown id, a version this process has not served yet).
        let paths = [
            "/v1/questionnaires/wellbeing", "/v1/questionnaires/never-published", "/v1/questionnaires/wellbeing",
            "/v1/questionnaires/wellbeing/versions/1",
        ]
        #expect(paths.count == 2 * limit)
        let started = Date()
        var statuses: [Int] = []
        for path in paths { statuses.append(try live.client.get(path, token: key.token).status) }
        let over = try live.client.get("/v1/questionnaires/wellbeing", token: key.token)
        // The refill (limit per second) must not have added a whole token meanwhile for the last check.
        try #require(Date().timeIntervalSince(started) < 0.45, "too slow to judge the burst")
        #expect(statuses == [200, 404, 200, 200])
        #expect(over.status == 429)
        #expect(over.json?["type"] as? String == "/problems/rate-limited")
    }
}
