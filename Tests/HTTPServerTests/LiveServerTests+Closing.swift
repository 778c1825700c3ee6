import AttuneTesting
import Testing

@testable import HTTPServer

/// How connections end: client half-close, reset, and the lingering close after `Connection: close`.
extension LiveServerTests {
    /// (target, whether it runs on a worker): the response is never dropped because the client stopped sending.
    @Test(arguments: ["/items/1", "/slow?ms=100&tag=1"])
    func answersARequestFollowedByAHalfCloseThenCloses(target: String) throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            try client.send("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n")
            client.shutdownWrite()
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == (target.hasPrefix("/slow") ? "slow 1" : "item 1"))
            #expect(client.waitForClose() == .closed)
            #expect(eventually { server.openConnectionCount == 0 })
        }
    }

    @Test func closesAConnectionWhoseClientResets() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\npartial")
            #expect(eventually { server.openConnectionCount == 1 })
            client.reset()
            #expect(eventually(within: .seconds(3)) { server.openConnectionCount == 0 })
            #expect(
                try TestClient(port: server.port).exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200
            )
        }
    }

    @Test func closesALingeringConnectionOnceTheClientHasReadTheResponseAndClosed() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(response["Connection"] == "close")
            #expect(client.waitForClose() == .closed)
            client.close()
            #expect(eventually(within: .seconds(3)) { server.openConnectionCount == 0 })
        }
    }

    /// A client streaming a body the server refused (413 at the head) finishes sending, then closes. The server
    /// lingers to drain those bytes, and must close as soon as it reads the client's EOF.
    ///
    /// Once both directions are shut, epoll reports EPOLLHUP and libdispatch deletes the descriptor from its
    /// epoll set after one last event, so the server must read through to the EOF in that event (with more than
    /// one 64 KB read still buffered) rather than hold the slot until the 2 s linger deadline.
    @Test
    func closesALingeringConnectionAsSoonAsTheClientCloses() throws {
        try TestServer.with(limits: .init(maxBodyBytes: 1024)) { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4000000\r\n\r\n")
            #expect(response.status == 413)
            #expect(client.waitForClose() == .closed)  // the server's half-close
            try client.send([UInt8](repeating: 0x62, count: 4_000_000))
            client.close()
            let (closed, elapsed) = measure { eventually(within: .seconds(3)) { server.openConnectionCount == 0 } }
            #expect(closed)
            #expect(elapsed < .milliseconds(500), "closed \(elapsed) after the client")
        }
    }
}
