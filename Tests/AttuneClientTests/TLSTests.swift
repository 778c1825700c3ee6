import AttuneClient
import AttuneCore
import Testing

/// HTTPS through nginx with a self-signed certificate: verified with the CA file, refused cleanly
/// without it.
@Suite(.timeLimit(.minutes(1)), .serialized)
struct TLSTests {
    @Test func withTheCAFileTheClientTalksHTTPSAndReusesItsConnection() async throws {
        try await withLiveServer { server in
            let proxy = try TLSProxy(upstream: server.port)
            defer { proxy.stop() }
            let client = try AttuneClient(
                AttuneClientConfiguration(baseURL: proxy.baseURL, key: APIKey(server.adminToken), caFile: proxy.caFile)
            )
            #expect(try await client.me().practice == server.practiceID)
            let receipt = try await client.submit(Fixtures.checkin())
            #expect(receipt.submission.score(of: "total")?.value == 2.75)
            #expect(try await client.questionnaire("relationship-checkin").source == .downloaded)
            #expect(try await client.questionnaire("relationship-checkin").source == .revalidated)
            for _ in 0..<10 { _ = try await client.me() }
            #expect(client.statistics.connectionsOpened == 1)
        }
    }

    @Test func withoutItVerificationFailsWithLibcurlsMessageAndIsNotRetried() async throws {
        try await withLiveServer { server in
            let proxy = try TLSProxy(upstream: server.port)
            defer { proxy.stop() }
            let client = try AttuneClient(
                AttuneClientConfiguration(baseURL: proxy.baseURL, key: APIKey(server.adminToken))
            )
            let error = await #expect(throws: AttuneClientError.self) { try await client.me() }
            guard case .transport(let code, let message) = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(code == 60)  // CURLE_PEER_FAILED_VERIFICATION
            #expect(message.lowercased().contains("certificate"))
            #expect(!message.contains(server.adminToken))
            #expect(client.statistics.attempts == 1)
        }
    }

    @Test func aCAFileThatDoesNotExistFailsCleanly() async throws {
        try await withLiveServer { server in
            let proxy = try TLSProxy(upstream: server.port)
            defer { proxy.stop() }
            let client = try AttuneClient(
                AttuneClientConfiguration(
                    baseURL: proxy.baseURL,
                    key: APIKey(server.adminToken),
                    caFile: "/nonexistent/ca.pem"
                )
            )
            let error = await #expect(throws: AttuneClientError.self) { try await client.me() }
            guard case .transport = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
        }
    }
}
