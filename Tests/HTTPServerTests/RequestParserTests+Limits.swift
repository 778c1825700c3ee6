import Testing

@testable import HTTPServer

/// Size limits: each is answered with its own error, and as early as the bytes allow.
extension RequestParserTests {
    private static let small = RequestParser.Limits(
        maxRequestLineBytes: 32,
        maxHeaderBytes: 64,
        maxHeaderCount: 3,
        maxBodyBytes: 16
    )

    @Test func refusesARequestLineOverTheLimit() {
        let line = "GET /" + String(repeating: "a", count: 40) + " HTTP/1.1"
        let outcome = parseInEveryMode(request(line, "Host: h"), limits: Self.small)
        #expect(outcome.error == .requestLineTooLong)
        #expect(outcome.error?.status.code == 414)
    }

    @Test func refusesALongRequestLineBeforeItEnds() {
        var parser = RequestParser(limits: Self.small)
        #expect(throws: HTTPParseError.requestLineTooLong) {
            for byte in Array(("GET /" + String(repeating: "a", count: 100)).utf8) {
                _ = try parser.feed(CollectionOfOne(byte))
            }
        }
        #expect(parser.bufferedByteCount == 33)
    }

    @Test func countsEmptyLinesBeforeTheRequestLineAgainstItsLimit() {
        let outcome = parseInEveryMode(
            String(repeating: "\r\n", count: 20) + request("GET / HTTP/1.1", "Host: h"),
            limits: Self.small
        )
        #expect(outcome.error == .requestLineTooLong)
    }

    @Test func acceptsAHeaderSectionAtTheLimit() {
        // "Host: h\r\n" (9) + "X: " + 50 + "\r\n" (55) = 64 bytes, then the blank line.
        let fields = "Host: h\r\nX: " + String(repeating: "v", count: 50) + "\r\n"
        #expect(fields.utf8.count == 64)
        let atLimit = parseInEveryMode("GET / HTTP/1.1\r\n" + fields + "\r\n", limits: .init(maxHeaderBytes: 66))
        #expect(atLimit.requests.count == 1)
        let overLimit = parseInEveryMode("GET / HTTP/1.1\r\n" + fields + "\r\n", limits: .init(maxHeaderBytes: 65))
        #expect(overLimit.error == .headerSectionTooLarge)
    }

    @Test func refusesAHeaderSectionOverTheLimitBeforeItEnds() {
        var parser = RequestParser(limits: Self.small)
        #expect(throws: HTTPParseError.headerSectionTooLarge) {
            for byte in Array(("GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 200)).utf8) {
                _ = try parser.feed(CollectionOfOne(byte))
            }
        }
        let outcome = parseInEveryMode(
            request("GET / HTTP/1.1", "Host: h", "X: " + String(repeating: "v", count: 80)),
            limits: Self.small
        )
        #expect(outcome.error == .headerSectionTooLarge)
        #expect(outcome.error?.status.code == 431)
    }

    @Test func refusesTooManyHeaderFields() {
        let three = parseInEveryMode(request("GET / HTTP/1.1", "Host: h", "A: 1", "B: 2"), limits: Self.small)
        #expect(three.requests.count == 1)
        let four = parseInEveryMode(request("GET / HTTP/1.1", "Host: h", "A: 1", "B: 2", "C: 3"), limits: Self.small)
        #expect(four.error == .tooManyHeaderFields)
        #expect(four.error?.status.code == 431)
    }

    @Test func refusesAContentLengthOverTheLimitAtTheHead() {
        var parser = RequestParser(limits: Self.small)
        // Only the head: refused before any byte of the body exists.
        #expect(throws: HTTPParseError.contentTooLarge) {
            try parser.feed(Array(request("POST / HTTP/1.1", "Host: h", "Content-Length: 17").utf8))
        }
        let atLimit = parseInEveryMode(
            request("POST / HTTP/1.1", "Host: h", "Content-Length: 16", body: String(repeating: "b", count: 16)),
            limits: Self.small
        )
        #expect(atLimit.requests.map(\.body.count) == [16])
    }

    @Test func refusesAChunkedBodyOverTheLimit() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let atLimit = parseInEveryMode(head + "8\r\naaaaaaaa\r\n8\r\nbbbbbbbb\r\n0\r\n\r\n", limits: Self.small)
        #expect(atLimit.requests.map(\.body.count) == [16])
        let over = parseInEveryMode(head + "8\r\naaaaaaaa\r\n9\r\nbbbbbbbbb\r\n0\r\n\r\n", limits: Self.small)
        #expect(over.error == .contentTooLarge)
        // One chunk size over the limit is refused at its size line.
        var parser = RequestParser(limits: Self.small)
        #expect(throws: HTTPParseError.contentTooLarge) { try parser.feed(Array((head + "11\r\n").utf8)) }
    }

    @Test func boundsTrailerFieldsByTheHeaderLimits() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let many = parseInEveryMode(head + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits: Self.small)
        #expect(many.error == .tooManyHeaderFields)
        let large = parseInEveryMode(head + "A: " + String(repeating: "x", count: 100) + "\r\n\r\n", limits: Self.small)
        #expect(large.error == .headerSectionTooLarge)
    }

    @Test func refusesAnOverlongChunkSizeLine() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let outcome = parseInEveryMode(head + "1;" + String(repeating: "e", count: 5000) + "\r\nx\r\n0\r\n\r\n")
        #expect(outcome.error == .invalidChunk)
    }
}

/// Lines of exactly the limit: accepted, however the bytes arrive, including when the CR of the line ending
/// has arrived and its LF not yet (the CR must not count against the limit).
extension RequestParserTests {
    @Test
    func acceptsARequestLineOfExactlyTheLimit() {
        let line = "GET /" + String(repeating: "a", count: 18) + " HTTP/1.1"
        #expect(line.utf8.count == 32)
        let outcome = parseInEveryMode(request(line, "Host: h"), limits: .init(maxRequestLineBytes: 32))
        #expect(outcome.requests.map(\.target) == ["/" + String(repeating: "a", count: 18)])
    }

    @Test
    func acceptsAChunkSizeLineOfExactlyTheLimit() {
        let sizeLine = "1;" + String(repeating: "e", count: RequestParser.maxChunkLineBytes - 2)
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let outcome = parseInEveryMode(head + sizeLine + "\r\nx\r\n0\r\n\r\n")
        #expect(outcome.requests.map(\.bodyText) == ["x"])
    }
}

/// Which error a request gets must not depend on how its bytes were cut.
extension RequestParserTests {
    /// The same bytes get the same answer whole or in pieces: the length limit (414) is checked before the
    /// line ending (a bare LF would be 400).
    @Test
    func reportsTheSameErrorForAnOverlongLineHoweverItArrives() {
        let line = "GET /" + String(repeating: "a", count: 40) + " HTTP/1.1"
        let outcome = parseInEveryMode(line + "\nHost: h\r\n\r\n", limits: .init(maxRequestLineBytes: 32))
        #expect(outcome.error == .requestLineTooLong)
    }
}
