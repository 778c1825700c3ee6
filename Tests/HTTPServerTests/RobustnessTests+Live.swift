import AttuneTesting
import Glibc
import Testing

@testable import HTTPServer

/// Seeded garbage into the live server over hundreds of loopback connections: it never crashes or hangs,
/// it answers only with well-formed responses, and a well-formed request on a new connection always works.
extension RobustnessTests {
    static let liveCases = 600

    /// How a garbage connection ends.
    private enum Ending: CaseIterable {
        /// Half-close and read until the server closes: it must, promptly.
        case halfClose
        /// Read briefly, then close without a word.
        case abandon
        /// Close with a reset.
        case reset
    }

    @Test(.timeLimit(.minutes(1)))
    func liveServerSurvivesGarbageAndKeepsAnswering() throws {
        try TestServer.with(
            timeouts: .init(
                header: .milliseconds(500),
                body: .milliseconds(500),
                idle: .seconds(2),
                drain: .seconds(2)
            ),
            // Generous: a lingering connection can outlive its client by up to 2 s (see
            // closesALingeringConnectionAsSoonAsTheClientCloses), and those must not turn probes into 503s.
            maxConnections: 1024
        ) { server in
            var fuzzer = RequestFuzzer(seed: Self.seed &+ 2)
            var hung: [Int] = []
            var malformed: [Int] = []
            for index in 0..<Self.liveCases {
                let bytes = fuzzer.next()
                let ending = fuzzer.random.pick(Ending.allCases)
                let garbage = try TestClient(port: server.port, receiveTimeout: .seconds(3))
                for piece in fuzzer.random.split(bytes, maxPiece: 64) {
                    // The server may answer and close mid-stream (an error, Connection: close).
                    do { try garbage.send(Array(piece)) } catch { break }
                }
                switch ending {
                case .halfClose:
                    garbage.shutdownWrite()
                    if garbage.waitForClose() == .timedOut { hung.append(index) }
                case .abandon:
                    garbage.setReceiveTimeout(.milliseconds(20))
                    _ = try? garbage.receive()
                    garbage.close()
                case .reset:
                    garbage.reset()
                }
                if !garbage.buffer.isEmpty && !garbage.buffer.starts(with: Array("HTTP/1.1 ".utf8)) {
                    malformed.append(index)
                }
                garbage.close()

                let probe = try TestClient(port: server.port, receiveTimeout: .seconds(3))
                let response = try probe.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                #expect(response.status == 200, "after case \(index): \(Self.show(bytes))")
                #expect(response.text == "ok")
            }
            #expect(hung.isEmpty, "the server kept these half-closed connections open: \(hung)")
            #expect(malformed.isEmpty, "responses not starting with a status line: \(malformed)")
            // Nothing leaks: every connection is closed (lingering ones within their 2 s).
            #expect(
                eventually(within: .seconds(5)) { server.openConnectionCount == 0 },
                "\(server.openConnectionCount) left open"
            )
            #expect(server.isReady)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func liveServerAnswersPipelinedGarbageInOrderUntilTheFirstError() throws {
        try TestServer.with { server in
            var fuzzer = RequestFuzzer(seed: Self.seed &+ 3)
            for index in 0..<400 {
                let bytes = fuzzer.next()
                // What the parser alone makes of it: the server must answer exactly that many requests.
                let expected = ParseOutcome(feeding: [bytes[...]], limits: .init())
                guard !expected.requests.contains(where: { $0.method == "HEAD" }) else { continue }
                let client = try TestClient(port: server.port, receiveTimeout: .seconds(3))
                do { try client.send(bytes) } catch {}
                client.shutdownWrite()
                var statuses: [Int] = []
                while let response = try? client.readResponse(), statuses.count < 50 {
                    if response.status != 100 { statuses.append(response.status) }
                }
                let answered = expected.error == nil ? expected.requests.count : expected.requests.count + 1
                // A request asking to close ends the exchange early.
                let closing = expected.requests.firstIndex { !$0.isKeepAlive }.map { $0 + 1 }
                #expect(
                    statuses.count == min(answered, closing ?? .max),
                    "case \(index): \(statuses) for \(Self.show(bytes))"
                )
                if let error = expected.error, closing == nil {
                    #expect(statuses.last == error.status.code, "case \(index): \(Self.show(bytes))")
                }
            }
        }
    }
}
