import AttuneTesting
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

/// The resident set of this process in bytes, from /proc/self/status (VmRSS).
func residentBytes() -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard text.hasPrefix("VmRSS:") else { continue }
        return (Int(text.filter(\.isNumber)) ?? 0) * 1024
    }
    return 0
}

/// Clients that pipeline requests and never read the answers must not make the server hold them all.
@Suite(.serialized, .timeLimit(.minutes(1))) struct BackpressureTests {
    @Test func keepsMemoryBoundedForPipeliningClientsThatNeverRead() throws {
        try TestServer.with(timeouts: .init(write: .seconds(4), drain: .seconds(1))) { server in
            let before = residentBytes()
            // 32 bytes asking for 4 KiB each: one 64 KiB read of them is 8 MiB of answers.
            let burst = Array(repeating: Array("GET /blob HTTP/1.1\r\nHost: t\r\n\r\n".utf8), count: 2048).flatMap {
                $0
            }
            let flooders = try (0..<20).map { _ in try TestClient(port: server.port, receiveBufferSize: 4096) }
            // Send until no socket takes more for a second: the server has read all it is going to.
            var idleRounds = 0
            let deadline = ContinuousClock.now + .seconds(10)
            while idleRounds < 20 && ContinuousClock.now < deadline {
                let sent = flooders.reduce(0) { $0 + $1.sendWithoutBlocking(burst) }
                idleRounds = sent > 0 ? 0 : idleRounds + 1
                usleep(50_000)
            }
            let growth = residentBytes() - before
            #expect(growth < 40 * 1024 * 1024, "grew by \(growth / 1024) KiB")
            // Everyone else is still served.
            let normal = try TestClient(port: server.port)
            #expect(try normal.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200)
            normal.close()
            // And connections that hold their answers past the write timeout are closed.
            #expect(eventually(within: .seconds(10)) { server.openConnectionCount == 0 })
            withExtendedLifetime(flooders) {}
        }
    }

    @Test func resumesAPipelineOnceTheClientReads() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port, receiveBufferSize: 4096)
            // 300 × 4 KiB is well past the pending-output bound: the server must pause and then resume.
            let count = 300
            try client.send(String(repeating: "GET /blob HTTP/1.1\r\nHost: t\r\n\r\n", count: count))
            let responses = try client.readResponses(count)
            #expect(responses.count == count)
            #expect(responses.allSatisfy { $0.status == 200 && $0.body.count == 4096 })
            #expect(server.context.blockedOutputBytes.load(ordering: .relaxed) == 0)
        }
    }
}
