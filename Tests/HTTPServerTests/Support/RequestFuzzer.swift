import AttuneTesting

/// Builds random well-formed requests and mutates them (bytes flipped, inserted, deleted; header lines
/// duplicated; random Content-Length and Transfer-Encoding; broken chunk framing; truncation), from a seed.
struct RequestFuzzer {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private static let methods = ["GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"]
    private static let targets = [
        "/healthz", "/items/42", "/items/a%2Fb", "/echo", "/nowhere?x=1&y=%20", "/items/%zz", "http://h/items/1",
    ]
    private static let extraFields = [
        "Accept: */*", "User-Agent: fuzz/1.0", "X-Request-Id: fuzz-1", "Connection: keep-alive", "Connection: close",
        "Accept-Encoding: gzip, br", "X-Empty:", "Cookie: a=b; c=d",
    ]
    private static let contentLengths = ["0", "3", "5", "-1", "abc", "99999999999999", "5, 6", "", "2, 2", "00"]
    private static let transferCodings = [
        "chunked", "gzip", "chunked, chunked", "identity", "", "gzip, chunked", "CHUNKED",
    ]
    /// Bytes that tend to matter to a parser.
    private static let interesting: [UInt8] = Array("\r\n\0 \t:;,%0aAzZ9\u{7F}".utf8) + [0x80, 0xFF, 0x0B, 0x1F]

    /// One case: mostly a mutated valid request, sometimes pipelined, sometimes pure noise.
    mutating func next() -> [UInt8] {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<10: return noise()
        case 10..<25: return validRequest()
        case 25..<35: return mutate(validRequest() + validRequest() + validRequest())
        default: return mutate(validRequest())
        }
    }

    mutating func validRequest() -> [UInt8] {
        let method = random.pick(Self.methods)
        let target = method == "OPTIONS" && random.chance(30) ? "*" : random.pick(Self.targets)
        let isHTTP10 = random.chance(15)
        var lines = ["\(method) \(target) \(isHTTP10 ? "HTTP/1.0" : "HTTP/1.1")"]
        if !isHTTP10 || random.chance(50) { lines.append("Host: example.com") }
        for _ in 0..<Int.random(in: 0...3, using: &random) { lines.append(random.pick(Self.extraFields)) }
        var body: [UInt8] = []
        if method == "POST" || method == "PUT" || random.chance(10) {
            let payload = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                UInt8.random(in: 97...122, using: &random)
            }
            if !isHTTP10 && random.chance(40) {
                lines.append("Transfer-Encoding: chunked")
                body = chunked(payload)
            } else {
                lines.append("Content-Length: \(payload.count)")
                body = payload
            }
            if !isHTTP10 && random.chance(20) { lines.append("Expect: 100-continue") }
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }

    /// `payload` in random chunks, with an occasional extension and trailer.
    private mutating func chunked(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for piece in random.split(payload, maxPiece: 15) {
            let extensions = random.chance(20) ? ";x=\"y\"" : ""
            out += Array((String(piece.count, radix: 16, uppercase: random.chance(50)) + extensions + "\r\n").utf8)
            out += piece + Array("\r\n".utf8)
        }
        out += Array((random.chance(20) ? "0\r\nTrailer-X: t\r\n\r\n" : "0\r\n\r\n").utf8)
        return out
    }

    /// Random bytes, weighted towards the interesting ones.
    mutating func noise() -> [UInt8] {
        (0..<Int.random(in: 1...200, using: &random)).map { _ in
            random.chance(50) ? random.pick(Self.interesting) : UInt8.random(in: 0...255, using: &random)
        }
    }

    /// One to four mutations of `bytes`.
    mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
            let position = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0: bytes[position] ^= 1 << UInt8.random(in: 0...7, using: &random)
            case 1: bytes.insert(random.pick(Self.interesting), at: position)
            case 2: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...8, using: &random)))
            case 3: bytes = duplicateLine(bytes, at: position)
            case 4: bytes = insertField("Content-Length: " + random.pick(Self.contentLengths), into: bytes)
            case 5: bytes = insertField("Transfer-Encoding: " + random.pick(Self.transferCodings), into: bytes)
            case 6: bytes = insertField("Host: other", into: bytes)
            case 7: bytes.removeSubrange(position...)  // truncate
            case 8: if let cr = bytes[position...].firstIndex(of: 13) { bytes.remove(at: cr) }  // CRLF → LF
            default: bytes.insert(contentsOf: Array(random.pick(["ffff", "zz", "-1", "0", " 1"]).utf8), at: position)
            }
        }
        return bytes
    }

    /// Repeats the CRLF-terminated line that contains `position`.
    private func duplicateLine(_ bytes: [UInt8], at position: Int) -> [UInt8] {
        let start = bytes[..<position].lastIndex(of: 10).map { $0 + 1 } ?? 0
        guard let end = bytes[position...].firstIndex(of: 10) else { return bytes }
        var copy = bytes
        copy.insert(contentsOf: bytes[start...end], at: start)
        return copy
    }

    /// Inserts a field line right after the first line.
    private func insertField(_ field: String, into bytes: [UInt8]) -> [UInt8] {
        guard let end = bytes.firstIndex(of: 10) else { return bytes }
        var copy = bytes
        copy.insert(contentsOf: Array((field + "\r\n").utf8), at: end + 1)
        return copy
    }
}
