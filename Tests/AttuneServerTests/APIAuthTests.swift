import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// Who gets in: 401 for anything that is not a live key, revocation at once, the per-key rate limit.
@Suite(.timeLimit(.minutes(1)))
struct APIAuthTests {
    @Test func missingAuthorizationIs401WithBearerChallenge() throws {
        let live = try LiveService()
        defer { live.stop() }
        let response = try live.client.get("/v1/therapists", token: nil)
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == #"Bearer realm="attune""#)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.json?["status"] as? Int == 401)
    }

    /// Ways of presenting something that is not a live key's token; each maps the admin token to a header.
    static let unusableAuthorizations: [(label: String, header: @Sendable (String) -> String)] = [
        ("basic scheme", { "Basic " + $0 }),
        ("scheme only", { _ in "Bearer" }),
        ("token without scheme", { $0 }),
        ("empty token", { _ in "Bearer " }),
        (
            "unknown well-formed token",
            { _ in "Bearer atn_key_000000000000000000000000_" + String(repeating: "A", count: 43) }
        ),
        ("garbage token", { _ in "Bearer not-a-key" }),
        ("token with last character changed", { "Bearer " + changingCharacter(at: $0.count - 1, of: $0) }),
        ("token with a key id character changed", { "Bearer " + changingCharacter(at: 10, of: $0) }),
        ("token truncated", { "Bearer " + String($0.dropLast()) }),
        ("token with a suffix", { "Bearer " + $0 + "A" }),
        ("oversized token", { _ in "Bearer " + String(repeating: "a", count: 5000) }),
    ]

    @Test(arguments: 0..<unusableAuthorizations.count)
    func unusableAuthorizationIs401(_ index: Int) throws {
        let (label, header) = Self.unusableAuthorizations[index]
        let live = try LiveService()
        defer { live.stop() }
        let response = try live.client.request(
            "GET",
            "/v1/therapists",
            headers: [("Authorization", header(live.adminToken))]
        )
        #expect(response.status == 401, "\(label)")
        #expect(response.header("WWW-Authenticate")?.hasPrefix(#"Bearer realm="attune""#) == true, "\(label)")
        #expect(response.header("Content-Type") == "application/problem+json", "\(label)")
    }

    @Test func schemeIsCaseInsensitive() throws {
        let live = try LiveService()
        defer { live.stop() }
        let response = try live.client.request(
            "GET",
            "/v1/therapists",
            headers: [("Authorization", "bearer " + live.adminToken)]
        )
        #expect(response.status == 200)
    }

    @Test func revokedKeyIsRefusedOnItsVeryNextRequest() throws {
        let live = try LiveService()
        defer { live.stop() }
        let supervisor = try live.makeKey(.supervisor)
        #expect(try live.client.get("/v1/therapists", token: supervisor.token).status == 200)
        let revoked = try live.client.delete("/v1/keys/" + supervisor.key.id, token: live.adminToken)
        #expect(revoked.status == 200)
        #expect(revoked.json?["revokedAt"] is String)
        let after = try live.client.get("/v1/therapists", token: supervisor.token)
        #expect(after.status == 401)
        #expect(after.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
    }

    @Test func adminWhoRevokesTheirOwnKeyIsLockedOut() throws {
        let live = try LiveService()
        defer { live.stop() }
        #expect(try live.client.delete("/v1/keys/" + live.adminKeyID, token: live.adminToken).status == 200)
        #expect(try live.client.get("/v1/keys", token: live.adminToken).status == 401)
    }

    @Test func rateLimitAnswers429WithRetryAfterAndIsPerKey() throws {
        // rateLimit 2 per second bursts to 4: the fifth rapid request must be refused.
        let live = try LiveService(rateLimit: 2)
        defer { live.stop() }
        let other = try live.makeKey(.supervisor)
        // One keep-alive connection keeps the requests rapid; timing is checked, not assumed.
        let connection = try HTTPConnection(port: live.port)
        let start = Date()
        var responses: [TestResponse] = []
        for _ in 0..<5 {
            responses.append(try connection.send("GET", "/v1/therapists", token: live.adminToken))
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(responses.prefix(4).map(\.status) == [200, 200, 200, 200])
        // Refill is 2 tokens a second: under 0.4 s, less than one token can have come back.
        if elapsed < 0.4 { #expect(responses[4].status == 429, "5 requests in \(elapsed) s") }
        var limited = responses[4]
        while limited.status != 429, Date().timeIntervalSince(start) < 2 {
            limited = try connection.send("GET", "/v1/therapists", token: live.adminToken)
        }
        #expect(limited.status == 429)
        let retryAfter = try #require(limited.header("Retry-After").flatMap { Int($0) })
        #expect(retryAfter >= 1)
        #expect(limited.header("Content-Type") == "application/problem+json")
        #expect(limited.json?["status"] as? Int == 429)
        #expect(try live.client.get("/v1/therapists", token: other.token).status == 200)
    }

    @Test func usedKeyEventuallyShowsLastUsedAt() throws {
        let live = try LiveService()
        defer { live.stop() }
        let supervisor = try live.makeKey(.supervisor)
        #expect(try live.client.get("/v1/therapists", token: supervisor.token).status == 200)
        // lastUsedAt is written off the request path; it need not be instant, only eventual.
        let deadline = Date().addingTimeInterval(5)
        var lastUsed: Any?
        repeat {
            let key = try live.client.get("/v1/keys/" + supervisor.key.id, token: live.adminToken)
            lastUsed = key.json?["lastUsedAt"]
            if lastUsed is String { break }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        #expect(lastUsed is String)
    }
}

/// `token` with the character at `offset` replaced by a different one of the same alphabet.
func changingCharacter(at offset: Int, of token: String) -> String {
    var characters = Array(token)
    characters[offset] = characters[offset] == "a" ? "b" : "a"
    return String(characters)
}
