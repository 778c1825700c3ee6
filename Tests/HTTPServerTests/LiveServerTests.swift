import Testing

@testable import HTTPServer

/// The real server on an ephemeral loopback port, over real sockets: connection management and the
/// protocol-level answers every response gets.
@Suite(.timeLimit(.minutes(1))) struct LiveServerTests {
    @Test func servesTwoRequestsOnOneKeptAliveConnection() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let first = try client.exchange("GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n")
            let second = try client.exchange("GET /items/2 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect([first.status, second.status] == [200, 200])
            #expect([first.text, second.text] == ["item 1", "item 2"])
            #expect(first["Connection"] == nil && second["Connection"] == nil)
            #expect(server.openConnectionCount == 1)
        }
    }

    @Test func answersPipelinedRequestsInOrder() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            // The second request blocks a worker for 50 ms; the inline ones after it must wait their turn.
            try client.send(
                "GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /slow?ms=50&tag=2 HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /items/3 HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\necho 4"
                    + "GET /items/5 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            )
            let responses = try client.readResponses(5)
            #expect(responses.map(\.text) == ["item 1", "slow 2", "item 3", "echo 4", "item 5"])
            #expect(responses.map(\.status) == [200, 200, 200, 200, 200])
            #expect(responses.last?["Connection"] == "close")
            #expect(client.waitForClose() == .closed)
        }
    }

    /// (request, Connection field expected, whether the server closes).
    @Test(
        arguments: [
            ("GET /healthz HTTP/1.0\r\n\r\n", "close", true),
            ("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "keep-alive", false),
            ("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", "close", true),
            ("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", nil, false),
        ] as [(String, String?, Bool)]
    )
    func closesOnlyWhenTheClientAsks(request: String, connection: String?, closes: Bool) throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port, receiveTimeout: .milliseconds(300))
            let response = try client.exchange(request)
            #expect(response.status == 200)
            #expect(response["Connection"] == connection)
            #expect(client.waitForClose() == (closes ? .closed : .timedOut))
        }
    }

    @Test func answersAnUnknownMethodNotImplemented() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("BREW /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(response.status == 501)
            #expect(response["Content-Type"] == "application/problem+json")
            #expect(response.text.contains(#""status":501"#))
            // Not a framing error: the connection stays usable.
            #expect(try client.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200)
        }
    }

    @Test func answersAMethodTheRouteLacksWith405AndAllow() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("DELETE /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(response.status == 405)
            #expect(response["Allow"] == "GET, HEAD, OPTIONS")
            #expect(response["Content-Type"] == "application/problem+json")
            let options = try client.exchange("OPTIONS /items/1 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(options.status == 204)
            #expect(options["Allow"] == "GET, HEAD, OPTIONS, PUT")
            #expect(options["Content-Length"] == nil)
            let star = try client.exchange("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(star.status == 204)
            #expect(star["Allow"] == "GET, HEAD, OPTIONS, POST, PUT")
        }
    }

    @Test func answersUnknownPathsWithAProblem() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("GET /nowhere?x=1 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(response.status == 404)
            #expect(response["Content-Type"] == "application/problem+json")
            #expect(response.text.hasPrefix(#"{"type":"about:blank","title":"Not Found","status":404"#))
            #expect(try client.exchange("GET /items/%zz HTTP/1.1\r\nHost: t\r\n\r\n").status == 400)
        }
    }

    @Test func answersHeadWithTheGetLengthAndNoBody() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let head = try client.exchange("HEAD /big?bytes=1234 HTTP/1.1\r\nHost: t\r\n\r\n", isHead: true)
            #expect(head.status == 200)
            #expect(head["Content-Length"] == "1234")
            // No body bytes may follow: the next response must start right after the head.
            let next = try client.exchange("GET /items/9 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(next.text == "item 9")
            #expect(client.buffer.isEmpty)
        }
    }

    @Test func setsDateContentLengthAndRequestIdOnEveryResponse() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let responses = [
                try client.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"),
                try client.exchange("GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n"),
                try client.exchange("PATCH /healthz HTTP/1.1\r\nHost: t\r\n\r\n"),
            ]
            // RFC 9110 §5.6.7 IMF-fixdate.
            let imfFixdate =
                #/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3]\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} [0-2]\d:[0-5]\d:[0-6]\d GMT$/#
            for response in responses {
                let date = try #require(response["Date"])
                #expect(date.wholeMatch(of: imfFixdate) != nil, "Date: \(date)")
                #expect(response["Content-Length"] == String(response.body.count))
                #expect(response.count(of: "X-Request-Id") == 1)
            }
            #expect(Set(responses.compactMap { $0["X-Request-Id"] }).count == 3)
        }
    }

    /// (offered X-Request-Id, whether it is echoed).
    @Test(arguments: [
        ("abc-123_DEF.~", true),
        (String(repeating: "a", count: 64), true),
        (String(repeating: "a", count: 65), false),
        ("has space", false),
        ("<script>", false),
        ("50%25", false),
        ("a\"b", false),
    ])
    func echoesOnlyASafeClientRequestId(offered: String, echoed: Bool) throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Request-Id: \(offered)\r\n\r\n")
            let id = try #require(response["X-Request-Id"])
            #expect((id == offered) == echoed)
            #expect(!id.isEmpty && id.utf8.count <= 64)
        }
    }

    @Test func answersAThrowingHandlerWith500AndKeepsServing() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let failed = try client.exchange("GET /fail HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(failed.status == 500)
            #expect(failed["Content-Type"] == "application/problem+json")
            let errorId = try #require(failed.text.firstMatch(of: #/"errorId":"([0-9a-f]+)"/#)?.1)
            #expect(failed.text.contains("Quote error id \(errorId)"))
            #expect(!failed.text.contains("HandlerFailure"))
            #expect(try client.exchange("GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n").text == "item 1")
            #expect(
                try TestClient(port: server.port).exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200
            )
        }
    }

    @Test func answersAFramingErrorWithAProblemThenCloses() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(
                "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1, 2\r\n\r\nGET /healthz HTTP/1.1\r\n\r\n"
            )
            #expect(response.status == 400)
            #expect(response["Connection"] == "close")
            #expect(response["Content-Type"] == "application/problem+json")
            #expect(response.text.contains("Content-Length"))
            #expect(client.waitForClose() == .closed)
            #expect(client.buffer.isEmpty)
        }
    }
}
