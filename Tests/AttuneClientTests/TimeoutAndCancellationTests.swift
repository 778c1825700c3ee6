import AttuneClient
import Foundation
import Testing

/// A listener that never answers: the request timeout ends the wait, and so does cancelling the task.
@Suite(.timeLimit(.minutes(1)))
struct TimeoutAndCancellationTests {
    func client(_ server: ScriptedServer, timeout: Double) throws -> AttuneClient {
        try AttuneClient(
            AttuneClientConfiguration(
                baseURL: "http://127.0.0.1:\(server.port)",
                key: APIKey("attune_timeout_key"),
                requestTimeout: timeout,
                retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.01)
            )
        )
    }

    @Test func theRequestTimeoutEndsAnUnansweredRequest() async throws {
        let server = try ScriptedServer([.hang])
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: AttuneClientError.self) { try await client(server, timeout: 0.5).me() }
        let elapsed = ContinuousClock.now - started
        guard case .timeout(let message) = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(!message.contains("attune_timeout_key"))
        // Only the lower bound: under the parallel suite the scheduler may add seconds after it.
        #expect(elapsed >= .milliseconds(450))
        // A timeout is not retried: the server may still be working on the request.
        #expect(server.requests.count == 1)
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try ScriptedServer([.hang])
        defer { server.stop() }
        let client = try client(server, timeout: 30)
        let task = Task { try await client.me() }
        #expect(await eventuallyTrue { server.requests.count == 1 })
        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - cancelled < .seconds(20))
        guard case .failure(let error as AttuneClientError) = result, error == .cancelled else {
            Issue.record("expected .cancelled, got \(result)")
            return
        }
    }

    @Test func aTaskCancelledBeforeTheRequestSendsNothing() async throws {
        let server = try ScriptedServer([.hang])
        defer { server.stop() }
        let client = try client(server, timeout: 30)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.me()
        }
        let result = await task.result
        guard case .failure(let error as AttuneClientError) = result, error == .cancelled else {
            Issue.record("expected .cancelled, got \(result)")
            return
        }
        #expect(server.requests.isEmpty)
    }

    @Test func cancellingDuringABackoffStopsRetrying() async throws {
        let server = try ScriptedServer([.respond(status: 503, headers: [("Retry-After", "5")])])
        defer { server.stop() }
        let client = try AttuneClient(
            AttuneClientConfiguration(
                baseURL: "http://127.0.0.1:\(server.port)",
                key: APIKey("k"),
                retry: RetryPolicy(maxAttempts: 3, maxRetryAfter: 10)
            )
        )
        let task = Task { try await client.me() }
        #expect(await eventuallyTrue { server.requests.count == 1 })
        task.cancel()
        let result = await task.result
        guard case .failure(let error as AttuneClientError) = result, error == .cancelled else {
            Issue.record("expected .cancelled, got \(result)")
            return
        }
        #expect(server.requests.count == 1)
    }
}

/// Polls `condition` every 10 ms for up to 20 s, without blocking a thread of the shared pool.
func eventuallyTrue(_ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
