import Testing

@testable import HTTPServer

/// Malformed request lines and field lines: each ends the parse with its exact error, in every feed mode.
extension RequestParserTests {
    /// (raw request, expected error).
    @Test(
        arguments: [
            ("GET / HTTP/1.1\r\nX: a\r\n b\r\nHost: h\r\n\r\n", HTTPParseError.obsoleteLineFolding),
            ("GET / HTTP/1.1\r\n\tX: a\r\nHost: h\r\n\r\n", .obsoleteLineFolding),
            ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", .invalidHeaderField),  // whitespace before the colon
            ("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", .invalidHeaderField),
            ("GET / HTTP/1.1\r\nHost: h\r\n: empty-name\r\n\r\n", .invalidHeaderField),
            ("GET / HTTP/1.1\r\nHost: h\r\nBad(Name): x\r\n\r\n", .invalidHeaderField),
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", .invalidHeaderValue),  // bare CR in a value
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\r\n\r\n", .invalidHeaderValue),  // CR before CRLF
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{0}b\r\n\r\n", .invalidHeaderValue),  // NUL
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{1}b\r\n\r\n", .invalidHeaderValue),
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{1B}b\r\n\r\n", .invalidHeaderValue),
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{7F}b\r\n\r\n", .invalidHeaderValue),  // DEL
            ("GET / HTTP/1.1\nHost: h\r\n\r\n", .invalidLineEnding),  // bare LF after the request line
            ("GET / HTTP/1.1\r\nHost: h\n\r\n", .invalidLineEnding),  // bare LF after a field
            ("GET / HTTP/1.1\r\nHost: h\r\n\n", .invalidLineEnding),  // bare LF as the blank line
            ("\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", .invalidLineEnding),
            ("GET / HTTP/1.1\r\n\r\n", .invalidHost),  // HTTP/1.1 without Host
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", .invalidHost),
            ("GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n", .invalidHost),
            ("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", .invalidHost),
            ("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", .invalidHost),
            ("GE(T / HTTP/1.1\r\nHost: h\r\n\r\n", .invalidMethod),  // method not a token
            ("G\u{0}T / HTTP/1.1\r\nHost: h\r\n\r\n", .invalidMethod),
            (" GET / HTTP/1.1\r\nHost: h\r\n\r\n", .invalidMethod),
            ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion),
            ("GET / HTTP/0.9\r\nHost: h\r\n\r\n", .unsupportedVersion),
            ("GET / HTTP/1\r\nHost: h\r\n\r\n", .invalidVersion),
            ("GET / HTTP/1.10\r\nHost: h\r\n\r\n", .invalidVersion),
            ("GET / http/1.1\r\nHost: h\r\n\r\n", .invalidVersion),
            ("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", .invalidVersion),
            ("GET / HTTP/x.1\r\nHost: h\r\n\r\n", .invalidVersion),
            ("GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", .invalidVersion),
            ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestLine),  // empty target
            ("GET\r\nHost: h\r\n\r\n", .invalidRequestLine),
            ("GET /\r\nHost: h\r\n\r\n", .invalidRequestLine),
            ("GET /\u{7F} HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget),
            ("GET /\u{E9} HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget),  // obs-text in the target
            ("GET /a\tb HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget),
        ] as [(String, HTTPParseError)]
    )
    func refusesMalformedSyntax(raw: String, error: HTTPParseError) {
        let outcome = parseInEveryMode(raw)
        #expect(outcome.error == error)
        #expect(outcome.requests.isEmpty)
        #expect(error.status == .badRequest || error == .unsupportedVersion)
    }

    @Test func acceptsObsTextAndTabsInFieldValues() throws {
        let parsed = try #require(
            parseInEveryMode(request("GET / HTTP/1.1", "Host: h", "X: caf\u{E9}\ta")).requests.first
        )
        #expect(parsed.headers.last?.value == "caf\u{E9}\ta")
    }

    @Test func acceptsHTTP10WithoutHostAndAnEmptyHost() {
        #expect(parseInEveryMode("GET / HTTP/1.0\r\n\r\n").requests.count == 1)
        #expect(parseInEveryMode("GET / HTTP/1.1\r\nHost:\r\n\r\n").requests.count == 1)
        #expect(parseInEveryMode("GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n").requests.count == 1)
    }

    @Test func answersRequestsBeforeAnErrorThenStopsAtIt() {
        let outcome = parseInEveryMode(
            request("GET /ok HTTP/1.1", "Host: h") + "GET /bad HTTP/1.1\r\nHost: h\r\nX: \u{0}\r\n\r\n"
                + request("GET /never HTTP/1.1", "Host: h")
        )
        #expect(outcome.requests.map(\.path) == ["/ok"])
        #expect(outcome.error == .invalidHeaderValue)
    }

    @Test func staysFailedAfterAnError() {
        var parser = RequestParser()
        #expect(throws: HTTPParseError.invalidMethod) {
            try parser.feed(Array(request("GE(T / HTTP/1.1", "Host: h").utf8))
        }
        #expect(throws: HTTPParseError.invalidMethod) {
            try parser.feed(Array(request("GET / HTTP/1.1", "Host: h").utf8))
        }
        #expect(throws: HTTPParseError.invalidMethod) { try parser.next() }
    }
}
