internal import Glibc

/// An incremental HTTP/1.1 request parser (RFC 9112) that works on bytes, however they arrive:
/// one at a time, or several pipelined requests in one read.
///
/// Feed bytes with ``append(_:)-(UnsafeRawBufferPointer)`` and take complete requests with ``next()``
/// until it returns nil. After an error the parser stays failed; the connection answers and closes.
public struct RequestParser: Sendable {
    /// Size limits; each is answered with its own status.
    public struct Limits: Sendable, Equatable {
        /// The longest request line (414 beyond it).
        public var maxRequestLineBytes: Int
        /// The largest header section, request line excluded (431 beyond it).
        public var maxHeaderBytes: Int
        /// The most header fields (431 beyond it).
        public var maxHeaderCount: Int
        /// The largest body after transfer decoding (413 beyond it).
        public var maxBodyBytes: Int

        /// Limits; the defaults suit an API server.
        public init(
            maxRequestLineBytes: Int = 8 * 1024,
            maxHeaderBytes: Int = 32 * 1024,
            maxHeaderCount: Int = 100,
            maxBodyBytes: Int = 1024 * 1024
        ) {
            self.maxRequestLineBytes = maxRequestLineBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }

    enum ChunkPhase: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailer(fields: Int, bytes: Int)
    }

    enum State: Sendable {
        case head
        case body(HTTPRequest, remaining: Int)
        case chunked(HTTPRequest, ChunkPhase)
    }

    /// The limits this parser enforces.
    public let limits: Limits

    var buffer: [UInt8] = []
    /// First byte not yet consumed by a finished request or decoded chunk.
    var start = 0
    var state: State = .head
    var failure: HTTPParseError?
    var pendingContinue = false
    var framingOfCurrentRequest = Framing()

    // Head scanning, in absolute buffer offsets; reset at every request boundary.
    var scanIndex = 0
    var lineStart = 0
    var requestLine: Range<Int>?
    var headerSectionStart = 0
    var headerLines: [Range<Int>] = []

    /// A parser with the given limits.
    public init(limits: Limits = Limits()) {
        self.limits = limits
        headerLines.reserveCapacity(16)
    }

    /// Bytes buffered and not yet consumed.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Whether no part of a request is buffered: the connection is idle between requests.
    public var isAtRequestBoundary: Bool {
        if case .head = state { return start == buffer.count }
        return false
    }

    /// Whether the head of a request has been parsed and its body is still arriving.
    public var isReadingBody: Bool {
        if case .head = state { return false }
        return true
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends `bytes` and returns every request they complete. When an error follows complete requests,
    /// those requests are returned and the error is thrown by the next call (the parser stays failed).
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(HTTPParseError) -> [HTTPRequest] {
        append(bytes)
        var requests: [HTTPRequest] = []
        while true {
            do {
                guard let request = try next() else { return requests }
                requests.append(request)
            } catch {
                if requests.isEmpty { throw error }
                return requests
            }
        }
    }

    /// True once, when the current request asked for `100 Continue` and its body has not all arrived:
    /// the server must then send the interim response before the client sends the body (RFC 9110 §10.1.1).
    public mutating func takeContinueRequest() -> Bool {
        guard pendingContinue, isReadingBody else { return false }
        pendingContinue = false
        return true
    }

    /// The next complete request, or nil when more bytes are needed.
    public mutating func next() throws(HTTPParseError) -> HTTPRequest? {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func advance() throws(HTTPParseError) -> HTTPRequest? {
        while true {
            switch state {
            case .head:
                guard let request = try scanHead() else { return nil }
                try beginBody(of: request)
                if case .head = state { return finish(request) }
            case .body(var request, let remaining):
                guard buffer.count - start >= remaining else { return nil }
                request.body = Array(buffer[start..<start + remaining])
                start += remaining
                return finish(request)
            case .chunked(var request, var phase):
                state = .head  // released while decoding, so `request.body` grows in place
                if try decodeChunks(into: &request, phase: &phase) { return finish(request) }
                state = .chunked(request, phase)
                return nil
            }
        }
    }

    /// Resets for the next request and drops consumed bytes.
    private mutating func finish(_ request: HTTPRequest) -> HTTPRequest {
        state = .head
        pendingContinue = false
        compact()
        scanIndex = start
        lineStart = start
        requestLine = nil
        headerLines.removeAll(keepingCapacity: true)
        return request
    }

    mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= 4096 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    // MARK: - Head

    /// Scans for the end of the header section; returns the request head once it is complete.
    private mutating func scanHead() throws(HTTPParseError) -> HTTPRequest? {
        while true {
            guard let lf = findLineFeed(from: scanIndex) else {
                scanIndex = buffer.count
                if requestLine == nil {
                    // A CR already received belongs to the line ending, not to the line.
                    let pending = buffer.count - lineStart - (buffer.last == UInt8(ascii: "\r") ? 1 : 0)
                    if pending > limits.maxRequestLineBytes { throw .requestLineTooLong }
                } else if buffer.count - headerSectionStart > limits.maxHeaderBytes {
                    throw .headerSectionTooLarge
                }
                return nil
            }
            let hasCR = lf > lineStart && buffer[lf - 1] == UInt8(ascii: "\r")
            // The length limit first, so the answer doesn't depend on how the bytes arrived.
            if requestLine == nil && lf - lineStart - (hasCR ? 1 : 0) > limits.maxRequestLineBytes {
                throw .requestLineTooLong
            }
            // RFC 9112 §2.2: a bare LF is not accepted as a line terminator here (smuggling risk).
            guard hasCR else { throw .invalidLineEnding }
            let line = lineStart..<(lf - 1)
            lineStart = lf + 1
            scanIndex = lineStart
            if requestLine == nil {
                if line.isEmpty {
                    // RFC 9112 §2.2: ignore empty lines before the request line, within the line budget.
                    if lineStart - start > limits.maxRequestLineBytes { throw .requestLineTooLong }
                    continue
                }
                if line.count > limits.maxRequestLineBytes { throw .requestLineTooLong }
                requestLine = line
                headerSectionStart = lineStart
                continue
            }
            if lineStart - headerSectionStart > limits.maxHeaderBytes { throw .headerSectionTooLarge }
            if line.isEmpty {
                guard let requestLine else { throw .invalidRequestLine }
                let request = try makeRequest(requestLine: requestLine)
                start = lineStart
                return request
            }
            if headerLines.count >= limits.maxHeaderCount { throw .tooManyHeaderFields }
            headerLines.append(line)
        }
    }

    private func findLineFeed(from index: Int) -> Int? {
        guard index < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress,
                let found = memchr(base + index, Int32(UInt8(ascii: "\n")), bytes.count - index)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
