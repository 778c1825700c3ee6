import Testing

@testable import HTTPServer

/// Message framing (RFC 9112 §6–7): Content-Length, Transfer-Encoding, chunked bodies, 100-continue.
extension RequestParserTests {
    private static func post(_ fields: String...) -> String {
        (["POST /echo HTTP/1.1", "Host: h"] + fields).joined(separator: "\r\n") + "\r\n\r\n"
    }

    @Test func decodesChunkedBodiesIgnoringExtensionsAndTrailers() throws {
        let body =
            "5;ext=1\r\nhello\r\n6 ; a ; b=\"q r\"\r\n world\r\nA\r\n0123456789\r\n0;last\r\nTrailer-A: x\r\nB: y\r\n\r\n"
        let outcome = parseInEveryMode(
            Self.post("Transfer-Encoding: chunked") + body + request("GET /next HTTP/1.1", "Host: h")
        )
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.bodyText) == ["hello world0123456789", ""])
        let parsed = try #require(outcome.requests.first)
        #expect(parsed.headers.map(\.name) == ["Host", "Transfer-Encoding"])
    }

    @Test func acceptsUppercaseHexAndAnEmptyChunkedBody() {
        #expect(parseInEveryMode(Self.post("Transfer-Encoding: Chunked") + "0\r\n\r\n").requests.map(\.body) == [[]])
        let hex = parseInEveryMode(
            Self.post("Transfer-Encoding: chunked") + "0001F\r\n" + String(repeating: "z", count: 31) + "\r\n0\r\n\r\n"
        )
        #expect(hex.requests.first?.body.count == 31)
    }

    @Test func acceptsTheSameContentLengthRepeated() {
        let twoLines = parseInEveryMode(Self.post("Content-Length: 3", "Content-Length: 3") + "abc")
        #expect(twoLines.requests.map(\.bodyText) == ["abc"])
        let list = parseInEveryMode(Self.post("Content-Length: 3, 3") + "abc")
        #expect(list.requests.map(\.bodyText) == ["abc"])
        let zero = parseInEveryMode(Self.post("Content-Length: 0") + request("GET / HTTP/1.1", "Host: h"))
        #expect(zero.requests.count == 2)
    }

    /// (fields, expected error): every framing conflict is refused before any body byte is read.
    @Test(
        arguments: [
            (["Content-Length: 3", "Transfer-Encoding: chunked"], .contentLengthWithTransferEncoding),
            (["Transfer-Encoding: chunked", "Content-Length: 3"], .contentLengthWithTransferEncoding),
            (["Content-Length: 3", "Content-Length: 4"], .invalidContentLength),
            (["Content-Length: 3, 4"], .invalidContentLength),
            (["Content-Length: abc"], .invalidContentLength),
            (["Content-Length: -1"], .invalidContentLength),
            (["Content-Length: +1"], .invalidContentLength),
            (["Content-Length: 1 2"], .invalidContentLength),
            (["Content-Length:"], .invalidContentLength),
            (["Content-Length: 3,"], .invalidContentLength),
            (["Content-Length: 0x10"], .invalidContentLength),
            (["Content-Length: 9999999999999999999"], .invalidContentLength),
            (["Transfer-Encoding: gzip"], .unsupportedTransferCoding),
            (["Transfer-Encoding: gzip, chunked"], .unsupportedTransferCoding),
            (["Transfer-Encoding: chunked, chunked"], .invalidTransferEncoding),
            (["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"], .invalidTransferEncoding),
            (["Transfer-Encoding:"], .invalidTransferEncoding),
            (["Transfer-Encoding: chunked,"], .invalidTransferEncoding),
            (["Expect: something-else"], .unsupportedExpectation),
            (["Expect: 100-continue, x"], .unsupportedExpectation),
        ] as [([String], HTTPParseError)]
    )
    func refusesConflictingOrMalformedFraming(fields: [String], error: HTTPParseError) {
        let text = (["POST /echo HTTP/1.1", "Host: h"] + fields).joined(separator: "\r\n") + "\r\n\r\n"
        let outcome = parseInEveryMode(text)
        #expect(outcome.error == error)
        #expect(outcome.requests.isEmpty)
    }

    @Test(arguments: [
        (HTTPParseError.unsupportedTransferCoding, 501),
        (.unsupportedExpectation, 417),
        (.contentLengthWithTransferEncoding, 400),
        (.invalidContentLength, 400),
        (.invalidTransferEncoding, 400),
        (.invalidChunk, 400),
        (.contentTooLarge, 413),
        (.requestLineTooLong, 414),
        (.headerSectionTooLarge, 431),
        (.tooManyHeaderFields, 431),
        (.unsupportedVersion, 505),
        (.invalidVersion, 400),
        (.invalidHost, 400),
    ])
    func mapsEachErrorToItsStatus(error: HTTPParseError, status: Int) {
        #expect(error.status.code == status)
    }

    @Test func refusesTransferEncodingOnHTTP10() {
        let text = request("POST /echo HTTP/1.0", "Transfer-Encoding: chunked", body: "0\r\n\r\n")
        #expect(parseInEveryMode(text).error == .invalidTransferEncoding)
    }

    /// (chunked body, expected error).
    @Test(arguments: [
        ("z\r\nabc\r\n0\r\n\r\n", HTTPParseError.invalidChunk),  // size is not hex
        ("\r\n", .invalidChunk),  // empty size line
        (" 3\r\nabc\r\n0\r\n\r\n", .invalidChunk),  // whitespace before the size
        ("3x\r\nabc\r\n0\r\n\r\n", .invalidChunk),  // junk after the size
        ("3\r\nabcX\r\n0\r\n\r\n", .invalidChunk),  // no CRLF after the data
        ("3\r\nabc\n0\r\n\r\n", .invalidChunk),  // LF only after the data
        ("3\nabc\r\n0\r\n\r\n", .invalidLineEnding),  // bare LF after the size
        ("3;a\u{1}\r\nabc\r\n0\r\n\r\n", .invalidChunk),  // control byte in an extension
        ("0\r\nBad Trailer: x\r\n\r\n", .invalidHeaderField),
        ("0\r\n folded: x\r\n\r\n", .obsoleteLineFolding),
        ("0\r\nT: a\u{0}b\r\n\r\n", .invalidHeaderValue),
        ("FFFFFFFFFFFFFFFFFFFF\r\n", .contentTooLarge),  // would overflow Int
    ])
    func refusesMalformedChunkedFraming(body: String, error: HTTPParseError) {
        let outcome = parseInEveryMode(Self.post("Transfer-Encoding: chunked") + body)
        #expect(outcome.error == error)
        #expect(outcome.requests.isEmpty)
    }

    @Test func asksForContinueOnceBeforeTheBody() throws {
        var parser = RequestParser()
        let head = try parser.feed(Array(Self.post("Expect: 100-Continue", "Content-Length: 5").utf8))
        #expect(head.isEmpty)
        #expect(parser.isReadingBody)
        let first = parser.takeContinueRequest()
        let second = parser.takeContinueRequest()
        #expect(first && !second)
        let requests = try parser.feed(Array("hello".utf8))
        #expect(requests.map(\.body) == [Array("hello".utf8)])
        let afterBody = parser.takeContinueRequest()
        #expect(!afterBody)
    }

    @Test func asksForContinueBeforeAChunkedBody() throws {
        var parser = RequestParser()
        let head = try parser.feed(Array(Self.post("Expect: 100-continue", "Transfer-Encoding: chunked").utf8))
        #expect(head.isEmpty)
        let asked = parser.takeContinueRequest()
        #expect(asked)
    }

    /// (request, whether 100 is asked for after feeding it).
    @Test(arguments: [
        // HTTP/1.0 clients don't understand 100 (RFC 9110 §10.1.1).
        (request("POST / HTTP/1.0", "Expect: 100-continue", "Content-Length: 5"), false),
        // The body arrived with the head: nothing to wait for.
        (request("POST / HTTP/1.1", "Host: h", "Expect: 100-continue", "Content-Length: 2", body: "ok"), false),
        // No body at all.
        (request("POST / HTTP/1.1", "Host: h", "Expect: 100-continue"), false),
        (request("POST / HTTP/1.1", "Host: h", "Expect: 100-continue", "Content-Length: 0"), false),
        // No Expect.
        (request("POST / HTTP/1.1", "Host: h", "Content-Length: 5"), false),
        // Part of the body arrived with the head: the rest is still awaited.
        (request("POST / HTTP/1.1", "Host: h", "Expect: 100-continue", "Content-Length: 5", body: "ab"), true),
    ])
    func asksForContinueOnlyWhenABodyIsAwaited(raw: String, asks: Bool) throws {
        var parser = RequestParser()
        _ = try parser.feed(Array(raw.utf8))
        let asked = parser.takeContinueRequest()
        #expect(asked == asks)
    }
}
