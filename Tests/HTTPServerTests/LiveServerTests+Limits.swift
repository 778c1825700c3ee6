import AttuneTesting
import Testing

@testable import HTTPServer

/// Every size limit and 100-continue over a real connection, with small limits configured.
extension LiveServerTests {
    static let smallLimits = RequestParser.Limits(
        maxRequestLineBytes: 64,
        maxHeaderBytes: 128,
        maxHeaderCount: 4,
        maxBodyBytes: 32
    )

    /// (request, status): each limit has its own status, then the connection closes.
    @Test(arguments: [
        ("GET /" + String(repeating: "a", count: 80) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: t\r\nX: " + String(repeating: "v", count: 200) + "\r\n\r\n", 431),
        ("GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", 431),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 33\r\n\r\n", 413),
        (
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n"
                + String(repeating: "c", count: 32)
                + "\r\n1\r\nc\r\n0\r\n\r\n", 413
        ),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: the-unexpected\r\nContent-Length: 1\r\n\r\nx", 417),
    ])
    func answersEachLimitWithItsStatusAndCloses(request: String, status: Int) throws {
        try TestServer.with(limits: Self.smallLimits) { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(request)
            #expect(response.status == status)
            #expect(response["Connection"] == "close")
            #expect(response["Content-Type"] == "application/problem+json")
            #expect(response.text.contains(#""status":\#(status)"#))
            #expect(client.waitForClose() == .closed)
        }
    }

    @Test func servesRequestsJustUnderEveryLimit() throws {
        try TestServer.with(limits: Self.smallLimits) { server in
            let client = try TestClient(port: server.port)
            let body = String(repeating: "b", count: 32)
            let echo = try client.exchange(
                "POST /echo HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 2\r\nContent-Length: 32\r\n\r\n" + body
            )
            #expect(echo.status == 200)
            #expect(echo.text == body)
            let long = try client.exchange(
                "GET /items/" + String(repeating: "i", count: 40) + " HTTP/1.1\r\nHost: t\r\n\r\n"
            )
            #expect(long.status == 200)
        }
    }

    @Test func sendsContinueBeforeReadingTheBody() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            #expect(interim.reason == "Continue")
            #expect(interim.headers.isEmpty)
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "hello")
            // Keep-alive continues; a second Expect gets its own 100.
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            try client.send("ok")
            #expect(try client.readResponse().text == "ok")
        }
    }

    @Test func sendsNoContinueWhenTheBodyCameWithTheHead() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(
                "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello"
            )
            #expect(response.status == 200)
            #expect(response.text == "hello")
        }
    }

    @Test func refusesAnOversizedExpectedBodyWithoutContinue() throws {
        try TestServer.with(limits: Self.smallLimits) { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(
                "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n"
            )
            #expect(response.status == 413)
            #expect(response["Connection"] == "close")
            #expect(client.waitForClose() == .closed)
            #expect(client.buffer.isEmpty)
        }
    }

    @Test func answersConnectionsOverTheCapWith503() throws {
        try TestServer.with(maxConnections: 2) { server in
            let first = try TestClient(port: server.port)
            let second = try TestClient(port: server.port)
            #expect(try first.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200)
            #expect(try second.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200)
            let third = try TestClient(port: server.port)
            let refused = try third.readResponse()
            #expect(refused.status == 503)
            #expect(refused["Retry-After"] == "1")
            #expect(refused["Connection"] == "close")
            #expect(third.waitForClose() == .closed)
            #expect(server.openConnectionCount == 2)
            // Once one closes, a new connection is served.
            first.close()
            #expect(eventually { server.openConnectionCount == 1 })
            #expect(
                try TestClient(port: server.port).exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200
            )
        }
    }
}
