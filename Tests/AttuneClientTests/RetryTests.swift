import AttuneClient
import AttuneCore
import Foundation
import Testing

/// Retries against servers that fail on purpose: which failures are retried, with which key, and
/// that a retried submission is stored once.
@Suite(.timeLimit(.minutes(1)))
struct RetryTests {
    static let fast = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05, maxRetryAfter: 2)

    func client(_ server: ScriptedServer, retry: RetryPolicy = fast, timeout: Double = 10) throws -> AttuneClient {
        try AttuneClient(
            AttuneClientConfiguration(
                baseURL: "http://127.0.0.1:\(server.port)",
                key: APIKey("attune_secret_for_tests"),
                requestTimeout: timeout,
                retry: retry
            )
        )
    }

    static let me = #"{"id":"k","role":"admin","practice":"p","therapist":null}"#

    @Test(arguments: [502, 503, 504])
    func aGatewayFailureIsRetried(status: Int) async throws {
        let server = try ScriptedServer([
            .respond(status: status, body: ""),
            .respond(status: 200, headers: [("Content-Type", "application/json")], body: Self.me),
        ])
        defer { server.stop() }
        let client = try client(server)
        #expect(try await client.me().id == "k")
        #expect(server.requests.count == 2)
        #expect(client.statistics.retries == 1)
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        let server = try ScriptedServer([
            .respond(status: 429, headers: [("Retry-After", "1")]), .respond(status: 200, body: Self.me),
        ])
        defer { server.stop() }
        let started = ContinuousClock.now
        #expect(try await client(server).me().id == "k")
        #expect(ContinuousClock.now - started >= .milliseconds(950))
        #expect(server.requests.count == 2)
    }

    @Test func aRetryAfterBeyondThePolicyReturnsTheProblemAtOnce() async throws {
        let problem = #"{"type":"/problems/rate-limited","title":"Too many requests","status":429}"#
        let server = try ScriptedServer([.respond(status: 429, headers: [("Retry-After", "60")], body: problem)])
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: AttuneClientError.self) { try await client(server).me() }
        #expect(error?.problem?.code == "rate-limited")
        // No second attempt, so no 60 s wait (the wall time is not asserted: the parallel suite starves it).
        _ = started
        #expect(server.requests.count == 1)
    }

    @Test func aSubmissionIsRetriedWithTheSameIdempotencyKey() async throws {
        try await withLiveServer { live in
            let server = try ScriptedServer([
                .respond(status: 503, headers: [("Retry-After", "0")]), .forward(port: live.port, dropAnswer: false),
            ])
            defer { server.stop() }
            let client = try AttuneClient(
                AttuneClientConfiguration(
                    baseURL: "http://127.0.0.1:\(server.port)",
                    key: APIKey(live.adminToken),
                    retry: Self.fast
                )
            )
            let receipt = try await client.submit(Fixtures.checkin())
            #expect(receipt.submission.score(of: "total")?.value == 2.75)
            let keys = server.requests.map { $0.headers["idempotency-key"] }
            #expect(keys.count == 2)
            #expect(keys[0] != nil && keys[0] == keys[1])
            #expect(keys[0] == receipt.idempotencyKey?.value)
        }
    }

    @Test func aDroppedAnswerIsRetriedWithoutADuplicate() async throws {
        try await withLiveServer { live in
            // The first attempt reaches the real server and is stored; its answer never arrives.
            let server = try ScriptedServer([
                .forward(port: live.port, dropAnswer: true), .forward(port: live.port, dropAnswer: false),
            ])
            defer { server.stop() }
            let client = try AttuneClient(
                AttuneClientConfiguration(
                    baseURL: "http://127.0.0.1:\(server.port)",
                    key: APIKey(live.adminToken),
                    retry: Self.fast
                )
            )
            let receipt = try await client.submit(Fixtures.checkin(client: "c-drop"))
            #expect(receipt.replayed)
            #expect(server.requests.count == 2)
            #expect(try live.submissionCount(client: "c-drop") == 1)
            let stored = try await live.client().submissions(SubmissionFilter(client: "c-drop")).collect()
            #expect(stored.map(\.id) == [receipt.submission.id])
        }
    }

    @Test func aPostWithoutAKeyIsNeverRetried() async throws {
        let server = try ScriptedServer([.respond(status: 503), .respond(status: 201, body: "{}")])
        defer { server.stop() }
        let error = await #expect(throws: AttuneClientError.self) {
            try await client(server).submit(Fixtures.checkin(), idempotencyKey: nil)
        }
        #expect(error?.status == 503)
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.headers["idempotency-key"] == nil)

        let dropping = try ScriptedServer([.drop, .respond(status: 201, body: "{}")])
        defer { dropping.stop() }
        let dropped = await #expect(throws: AttuneClientError.self) {
            try await client(dropping).submit(Fixtures.checkin(), idempotencyKey: nil)
        }
        guard case .transport = dropped else {
            Issue.record("expected a transport error, got \(String(describing: dropped))")
            return
        }
        #expect(dropping.requests.count == 1)
    }

    @Test func aRefusedConnectionIsRetriedThenReportedWithLibcurlsMessage() async throws {
        let server = try ScriptedServer([.drop])
        let port = server.port
        server.stop()
        let client = try AttuneClient(
            AttuneClientConfiguration(
                baseURL: "http://127.0.0.1:\(port)",
                key: APIKey("attune_s3cr3t"),
                retry: Self.fast
            )
        )
        let error = await #expect(throws: AttuneClientError.self) { try await client.me() }
        guard case .transport(let code, let message) = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(code == 7)  // CURLE_COULDNT_CONNECT
        #expect(message.contains("\(port)"))
        #expect(!message.contains("attune_s3cr3t"))
        #expect(client.statistics.attempts == 4)
    }

    @Test func noRetryOnAClientError() async throws {
        let server = try ScriptedServer([.respond(status: 400, body: #"{"status":400,"title":"Bad"}"#)])
        defer { server.stop() }
        let error = await #expect(throws: AttuneClientError.self) { try await client(server).me() }
        #expect(error?.status == 400)
        #expect(server.requests.count == 1)
    }

    @Test func aRedirectIsNotFollowedAndTheKeyGoesNowhereElse() async throws {
        let elsewhere = try ScriptedServer([.respond(status: 200, body: Self.me)])
        defer { elsewhere.stop() }
        let server = try ScriptedServer([
            .respond(status: 307, headers: [("Location", "http://127.0.0.1:\(elsewhere.port)/v1/me")])
        ])
        defer { server.stop() }
        let error = await #expect(throws: AttuneClientError.self) { try await client(server).me() }
        #expect(error?.status == 307)
        #expect(elsewhere.requests.isEmpty)
        #expect(server.requests.first?.headers["authorization"] == "Bearer attune_secret_for_tests")
    }

    @Test func aNonProblemErrorBodyStillGivesTheStatus() async throws {
        let server = try ScriptedServer([.respond(status: 502, body: "<html>bad gateway</html>")])
        defer { server.stop() }
        let error = await #expect(throws: AttuneClientError.self) { try await client(server, retry: .none).me() }
        #expect(error?.problem?.status == 502)
        #expect(error?.problem?.type == "about:blank")
    }

    @Test func fullJitterStaysUnderItsCeiling() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.1, maxDelay: 1)
        for retry in 0..<10 {
            let ceiling = min(1, 0.1 * Double(1 << retry))
            for _ in 0..<50 {
                let delay = policy.backoff(retry: retry)
                #expect(delay >= 0 && delay <= ceiling)
            }
        }
    }

    @Test func idempotencyKeysAreRandomAndWellFormed() {
        let keys = (0..<100).map { _ in IdempotencyKey.generate().value }
        #expect(Set(keys).count == 100)
        #expect(keys.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }
}
