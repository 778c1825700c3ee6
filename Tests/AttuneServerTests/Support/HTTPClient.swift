import Foundation
import Glibc

/// A response as the socket client read it.
struct TestResponse: Sendable {
    var status: Int
    /// Header fields in order, names lowercased.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first field named `name` (case-insensitive).
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body without its `instance` member (the request id, different for every request): what two
    /// answers that must be indistinguishable are compared by.
    var problemBody: String {
        text.replacingOccurrences(of: #","instance":"[^"]*""#, with: "", options: .regularExpression)
    }

    /// The body as a JSON object; nil when it isn't one.
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// `errors[].pointer` of a problem body.
    var errorPointers: [String] {
        (json?["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } ?? []
    }
}

struct HTTPClientError: Error, CustomStringConvertible {
    var description: String
}

/// A blocking HTTP/1.1 client on one keep-alive socket to 127.0.0.1 (no FoundationNetworking needed).
final class HTTPConnection {
    private var fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeoutSeconds: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPClientError(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            let code = errno
            close(fd)
            // deinit still runs for this fully initialised object: without this it would close the number
            // again, by then perhaps another thread's socket (a server connection reset at random).
            fd = -1
            throw HTTPClientError(description: "connect: \(code)")
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Sends one request and reads its response (framed by Content-Length).
    func send(
        _ method: String,
        _ path: String,
        token: String? = nil,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) throws -> TestResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        var fields = headers
        if let body {
            if !fields.contains(where: { $0.0.lowercased() == "content-type" }) {
                fields.append(("Content-Type", "application/json"))
            }
            fields.append(("Content-Length", String(body.count)))
        }
        for (name, value) in fields { head += "\(name): \(value)\r\n" }
        do {
            try write(Array((head + "\r\n").utf8) + (body ?? []))
        } catch {
            // A server may answer early (413) and close while the body is still being sent.
            guard let early = try? readResponse() else { throw error }
            return early
        }
        return try readResponse()
    }

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw HTTPClientError(description: "send: \(errno)") }
            sent += n
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw HTTPClientError(description: n == 0 ? "connection closed" : "recv: \(errno)") }
        buffer += chunk[..<n]
    }

    private func endOfHead() throws -> Int {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let found = buffer.firstRange(of: separator)?.lowerBound { return found }
            try fill()
        }
    }

    private func readResponse() throws -> TestResponse {
        let headEnd = try endOfHead()
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw HTTPClientError(description: "bad status line")
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (line[..<colon].lowercased(), value)
        }
        let length = Int(headers.first { $0.name == "content-length" }?.value ?? "0") ?? 0
        while buffer.count < length { try fill() }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return TestResponse(status: status, headers: headers, body: body)
    }
}

/// One-shot requests, each on a fresh connection.
struct HTTPClient: Sendable {
    let port: Int

    func request(
        _ method: String,
        _ path: String,
        token: String? = nil,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) throws -> TestResponse {
        try HTTPConnection(port: port).send(method, path, token: token, headers: headers, body: body)
    }

    func get(_ path: String, token: String?) throws -> TestResponse {
        try request("GET", path, token: token)
    }

    func post(_ path: String, token: String?, json: String) throws -> TestResponse {
        try request("POST", path, token: token, body: Array(json.utf8))
    }

    func delete(_ path: String, token: String?) throws -> TestResponse {
        try request("DELETE", path, token: token)
    }
}
