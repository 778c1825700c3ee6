import Testing

@testable import HTTPServer

/// The parser on well-formed input, fed whole, in 7-byte chunks and one byte at a time (every case asserts
/// that the three agree, then the exact result).
@Suite struct RequestParserTests {
    @Test func parsesASimpleGet() throws {
        let outcome = parseInEveryMode(request("GET /items/7?x=1 HTTP/1.1", "Host: example.com"))
        #expect(outcome.error == nil)
        #expect(!outcome.isWaitingForMore)
        let parsed = try #require(outcome.requests.first)
        #expect(outcome.requests.count == 1)
        #expect(parsed.method == "GET")
        #expect(parsed.target == "/items/7?x=1")
        #expect(parsed.path == "/items/7")
        #expect(parsed.query == "x=1")
        #expect(parsed.version == .http1_1)
        #expect(parsed.headers == [.init(name: "Host", value: "example.com")])
        #expect(parsed.body == [])
        #expect(parsed.isKeepAlive)
    }

    @Test func keepsHeaderOrderDuplicatesAndTrimsValues() throws {
        let text = request(
            "GET / HTTP/1.1",
            "Host: h",
            "Accept: a/b",
            "X-Dup:   one  ",
            "accept: c/d",
            "X-Dup:\ttwo\t",
            "X-Empty:"
        )
        let parsed = try #require(parseInEveryMode(text).requests.first)
        #expect(
            parsed.headers.map { "\($0.name)=\($0.value)" } == [
                "Host=h", "Accept=a/b", "X-Dup=one", "accept=c/d", "X-Dup=two", "X-Empty=",
            ]
        )
        var headers = HTTPHeaders()
        for field in parsed.headers { headers.add(name: field.name, value: field.value) }
        #expect(headers["ACCEPT"] == "a/b")
        #expect(headers.values(for: "x-dup") == ["one", "two"])
    }

    @Test func readsAContentLengthBody() throws {
        let outcome = parseInEveryMode(
            request("POST /echo HTTP/1.1", "Host: h", "Content-Length: 11", body: "hello world")
        )
        let parsed = try #require(outcome.requests.first)
        #expect(parsed.bodyText == "hello world")
        #expect(outcome.requests.count == 1 && outcome.error == nil && !outcome.isWaitingForMore)
    }

    @Test func answersPipelinedRequestsInOrder() {
        let text =
            request("GET /1 HTTP/1.1", "Host: h")
            + request("POST /2 HTTP/1.1", "Host: h", "Content-Length: 3", body: "abc")
            + request("POST /3 HTTP/1.1", "Host: h", "Transfer-Encoding: chunked", body: "2\r\nde\r\n0\r\n\r\n")
            + request("HEAD /4 HTTP/1.1", "Host: h")
            + request("DELETE /5 HTTP/1.1", "Host: h")
        let outcome = parseInEveryMode(text)
        #expect(outcome.requests.map(\.target) == ["/1", "/2", "/3", "/4", "/5"])
        #expect(outcome.requests.map(\.method) == ["GET", "POST", "POST", "HEAD", "DELETE"])
        #expect(outcome.requests.map(\.bodyText) == ["", "abc", "de", "", ""])
        #expect(outcome.error == nil && !outcome.isWaitingForMore)
    }

    @Test func returnsEveryPipelinedRequestFromOneFeed() throws {
        var parser = RequestParser()
        let requests = try parser.feed(
            Array((request("GET /a HTTP/1.1", "Host: h") + request("GET /b HTTP/1.1", "Host: h")).utf8)
        )
        #expect(requests.map(\.path) == ["/a", "/b"])
        #expect(parser.isAtRequestBoundary)
    }

    /// (version, Connection field, keep-alive expected): RFC 9112 §9.3.
    @Test(
        arguments: [
            ("HTTP/1.1", nil, true),
            ("HTTP/1.1", "close", false),
            ("HTTP/1.1", "Keep-Alive, CLOSE", false),
            ("HTTP/1.0", nil, false),
            ("HTTP/1.0", "keep-alive", true),
            ("HTTP/1.0", "Keep-Alive", true),
            ("HTTP/1.9", nil, true),
        ] as [(String, String?, Bool)]
    )
    func decidesKeepAlive(version: String, connection: String?, keepAlive: Bool) throws {
        var lines = ["GET / \(version)", "Host: h"]
        if let connection { lines.append("Connection: \(connection)") }
        let parsed = try #require(parseInEveryMode(lines.joined(separator: "\r\n") + "\r\n\r\n").requests.first)
        #expect(parsed.isKeepAlive == keepAlive)
        #expect(parsed.version == (version == "HTTP/1.0" ? .http1_0 : .http1_1))
    }

    @Test func parsesHeadLikeGetWithoutBody() throws {
        let outcome = parseInEveryMode(
            request("HEAD /items/1 HTTP/1.1", "Host: h") + request("GET / HTTP/1.1", "Host: h")
        )
        #expect(outcome.requests.map(\.method) == ["HEAD", "GET"])
        #expect(outcome.requests.first?.body == [])
    }

    @Test func reducesAnAbsoluteFormTargetToPathAndQuery() throws {
        let outcome = parseInEveryMode(
            request("GET http://example.com:8080/a/b?c=d&e HTTP/1.1", "Host: example.com:8080")
                + request("GET HTTPS://example.com HTTP/1.1", "Host: example.com")
                + request("GET http://example.com?q=1 HTTP/1.1", "Host: example.com")
        )
        #expect(outcome.requests.map(\.path) == ["/a/b", "/", "/"])
        #expect(outcome.requests.map(\.query) == ["c=d&e", nil, "q=1"])
        #expect(outcome.requests.first?.target == "http://example.com:8080/a/b?c=d&e")
    }

    @Test func acceptsAsteriskFormForOptionsOnly() {
        let options = parseInEveryMode(request("OPTIONS * HTTP/1.1", "Host: h"))
        #expect(options.requests.map(\.target) == ["*"])
        #expect(options.requests.map(\.method) == ["OPTIONS"])
        #expect(parseInEveryMode(request("GET * HTTP/1.1", "Host: h")).error == .invalidTarget)
        #expect(parseInEveryMode(request("GET items HTTP/1.1", "Host: h")).error == .invalidTarget)
    }

    @Test func skipsEmptyLinesBeforeTheRequestLine() {
        let outcome = parseInEveryMode(
            "\r\n\r\n" + request("GET /x HTTP/1.1", "Host: h") + "\r\n" + request("GET /y HTTP/1.1", "Host: h")
        )
        #expect(outcome.requests.map(\.path) == ["/x", "/y"])
        #expect(outcome.error == nil)
    }

    @Test func waitsForMoreOnAPartialRequest() {
        let head = parseInEveryMode("GET / HTTP/1.1\r\nHost: h\r\n")
        #expect(head.requests.isEmpty && head.error == nil && head.isWaitingForMore)
        let body = parseInEveryMode(request("POST / HTTP/1.1", "Host: h", "Content-Length: 5", body: "abc"))
        #expect(body.requests.isEmpty && body.error == nil && body.isWaitingForMore)
    }

    @Test func decodesQueryItems() {
        let item = HTTPRequest(method: .get, target: "/s?a=1&b=x%20y&c=+plus+&d&&e=%E2%9C%93&bad=%zz&f=a=b&%41=%42")
        #expect(
            item.queryItems.map { "\($0.name)=\($0.value)" } == [
                "a=1", "b=x y", "c= plus ", "d=", "e=✓", "f=a=b", "A=B",
            ]
        )
        #expect(item.queryValue("b") == "x y")
        #expect(item.queryValue("bad") == nil)
        #expect(HTTPRequest(method: .get, target: "/s").queryItems.isEmpty)
        #expect(HTTPRequest(method: .get, target: "/s?").queryItems.isEmpty)
    }
}
