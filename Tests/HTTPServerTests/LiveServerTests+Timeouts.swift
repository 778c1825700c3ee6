import AttuneTesting
import Glibc
import Testing

@testable import HTTPServer

/// Header, body, idle and write timeouts, configured short; each is measured on the wall clock.
extension LiveServerTests {
    private static let short = Duration.milliseconds(300)

    @Test func answersASlowHeaderWith408() throws {
        try TestServer.with(timeouts: .init(header: Self.short, drain: .seconds(2))) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /healthz HTTP/1.1\r\nHo")
            let (response, elapsed) = try measure { try client.readResponse() }
            #expect(response.status == 408)
            #expect(response["Connection"] == "close")
            #expect(response["Content-Type"] == "application/problem+json")
            #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(3), "after \(elapsed)")
            #expect(client.waitForClose() == .closed)
        }
    }

    @Test func doesNotExtendTheHeaderTimeoutForATricklingClient() throws {
        try TestServer.with(timeouts: .init(header: Self.short, drain: .seconds(2))) { server in
            let client = try TestClient(port: server.port)
            let start = ContinuousClock.now
            // One byte every 50 ms: each read is recent, but the head as a whole is late.
            for byte in Array("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8)
            {
                try client.send([byte])
                if client.isReadable(within: .milliseconds(50)) { break }
            }
            #expect(ContinuousClock.now - start < .seconds(2), "answered before the head was complete")
            let response = try client.readResponse()
            #expect(response.status == 408)
        }
    }

    @Test func answersASlowBodyWith408() throws {
        try TestServer.with(timeouts: .init(body: Self.short, drain: .seconds(2))) { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            let (response, elapsed) = try measure { try client.readResponse() }
            #expect(response.status == 408)
            #expect(response["Connection"] == "close")
            #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(3), "after \(elapsed)")
            #expect(client.waitForClose() == .closed)
        }
    }

    @Test func closesAnIdleConnectionSilently() throws {
        try TestServer.with(timeouts: .init(idle: Self.short, drain: .seconds(2))) { server in
            let used = try TestClient(port: server.port)
            #expect(try used.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200)
            let fresh = try TestClient(port: server.port)
            let (end, elapsed) = measure { used.waitForClose() }
            #expect(end == .closed)
            #expect(used.buffer.isEmpty, "no 408 or other bytes on an idle close")
            #expect(elapsed >= .milliseconds(250), "after \(elapsed)")
            #expect(fresh.waitForClose() == .closed)
            #expect(fresh.buffer.isEmpty)
            #expect(eventually { server.openConnectionCount == 0 })
        }
    }

    @Test func dropsAClientThatDoesNotReadItsResponse() throws {
        try TestServer.with(timeouts: .init(write: Self.short, drain: .seconds(2))) { server in
            // A tiny receive window and no reads: the server's writes stall on a full socket.
            let client = try TestClient(port: server.port, receiveBufferSize: 4096)
            try client.send("GET /big?bytes=16000000 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(eventually(within: .seconds(1)) { server.openConnectionCount == 1 })
            let start = ContinuousClock.now
            #expect(eventually(within: .seconds(5)) { server.openConnectionCount == 0 })
            #expect(ContinuousClock.now - start >= .milliseconds(200))
            // What got through is a truncated response: the body never completes.
            client.setReceiveTimeout(.seconds(2))
            #expect(throws: (any Error).self) { try client.readResponse() }
        }
    }

    /// A keep-alive client whose next head is still incomplete when a blocking handler answers must still
    /// hit the header timeout, counted from when those bytes arrived (a slowloris behind a slow request).
    @Test(
        arguments: [true, false]
    )
    func timesOutAPartialHeadThatFollowsABlockingRequest(pipelined: Bool) throws {
        try TestServer.with(timeouts: .init(header: Self.short, drain: .seconds(2))) { server in
            let client = try TestClient(port: server.port)
            if pipelined {
                try client.send("GET /slow?ms=100&tag=1 HTTP/1.1\r\nHost: t\r\n\r\nGET /healthz HTTP/1.1\r\nHo")
            } else {
                try client.send("GET /slow?ms=200&tag=1 HTTP/1.1\r\nHost: t\r\n\r\n")
                usleep(50_000)  // the handler is running now
                try client.send("GET /healthz HTTP/1.1\r\nHo")
            }
            #expect(try client.readResponse().text == "slow 1")
            let (response, elapsed) = try measure { try client.readResponse() }
            #expect(response.status == 408)
            #expect(elapsed < .seconds(3), "after \(elapsed)")
        }
    }

    /// The write timeout is for a client that doesn't read, not for one that reads slowly but steadily.
    /// The deadline runs from the last progress of the response, not from its first stall.
    @Test
    func keepsServingAClientThatReadsSlowlyButSteadily() throws {
        try TestServer.with(timeouts: .init(write: Self.short, drain: .seconds(2))) { server in
            let client = try TestClient(port: server.port, receiveBufferSize: 16384)
            let size = 4_000_000
            try client.send("GET /big?bytes=\(size) HTTP/1.1\r\nHost: t\r\n\r\n")
            var received = 0
            let start = ContinuousClock.now
            // About 1.6 MB/s: never more than ~20 ms without a read, the whole transfer several times the timeout.
            while received < size + 60, ContinuousClock.now - start < .seconds(10) {
                usleep(10_000)
                guard let count = try? client.receive(maxBytes: 16384), count > 0 else { break }
                received += count
            }
            let elapsed = ContinuousClock.now - start
            #expect(received > size, "received \(received) bytes in \(elapsed)")
            #expect(elapsed > Self.short * 2, "the transfer must outlast the write timeout to prove anything")
        }
    }
}
