import Foundation
import Glibc
import Synchronization

/// A misbehaving HTTP/1.1 server on 127.0.0.1:0 for the SDK's failure paths: each request it reads
/// gets the next scripted action (the last one repeats), and every request is recorded.
final class ScriptedServer: @unchecked Sendable {
    enum Action: Sendable {
        /// Answers with this status, header fields and body; the connection stays open.
        case respond(status: Int, headers: [(String, String)] = [], body: String = "")
        /// Closes the connection without answering.
        case drop
        /// Reads the request and never answers (until the server stops).
        case hang
        /// Forwards the request to 127.0.0.1:`port` (the real server) and relays its answer, or reads
        /// the answer and drops the connection instead (`dropAnswer`): the request took effect, the
        /// client never heard.
        case forward(port: Int, dropAnswer: Bool)
        /// Decides per request: the action `choose` returns for it.
        case choose(@Sendable (Recorded) -> Action)
    }

    struct Recorded: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: [UInt8]
    }

    private let listener: Int32
    let port: Int
    private let script: [Action]
    private let state = Mutex<(next: Int, requests: [Recorded], connections: Int, stopped: Bool)>(
        (0, [], 0, false)
    )

    init(_ script: [Action]) throws {
        precondition(!script.isEmpty)
        self.script = script
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Every request read so far.
    var requests: [Recorded] { state.withLock { $0.requests } }
    /// Connections accepted so far.
    var connections: Int { state.withLock { $0.connections } }

    /// Stops accepting; idempotent, so the listener's descriptor is closed exactly once (a second
    /// close could hit a descriptor another test has opened since).
    func stop() {
        let wasStopped = state.withLock { state in
            defer { state.stopped = true }
            return state.stopped
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func acceptLoop() {
        while !isStopped {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if isStopped { return }
                continue
            }
            state.withLock { $0.connections += 1 }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer: [UInt8] = []
        while !isStopped {
            guard let (request, raw) = readRequest(connection, &buffer) else { return }
            var action = state.withLock { state -> Action in
                state.requests.append(request)
                let action = script[min(state.next, script.count - 1)]
                state.next += 1
                return action
            }
            if case .choose(let choose) = action { action = choose(request) }
            switch action {
            case .respond(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.utf8.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                guard write(connection, Array((head + "\r\n" + body).utf8)) else { return }
            case .drop:
                return
            case .hang:
                while !isStopped { usleep(20_000) }
                return
            case .forward(let port, let dropAnswer):
                guard let answer = Self.exchange(raw, port: port) else { return }
                if dropAnswer { return }
                _ = write(connection, answer)
                return  // the upstream answer carries Connection: close
            case .choose:
                return
            }
        }
    }

    /// One request: head and Content-Length body. Returns it parsed and as bytes with
    /// `Connection: close` added (for forwarding).
    private func readRequest(_ connection: Int32, _ buffer: inout [UInt8]) -> (Recorded, [UInt8])? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find(separator, in: buffer)
            if headEnd == nil { guard readMore(connection, &buffer) else { return nil } }
        }
        guard let end = headEnd else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < end + 4 + length { guard readMore(connection, &buffer) else { return nil } }
        let body = Array(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        let method = requestLine.first.map(String.init) ?? "GET"
        let target = requestLine.dropFirst().first.map(String.init) ?? "/"
        var forwardedLines = [method + " " + target + " HTTP/1.1"]
        forwardedLines += lines.filter { !$0.lowercased().hasPrefix("connection:") }
        forwardedLines += ["Connection: close", "", ""]
        let forwarded = Array(forwardedLines.joined(separator: "\r\n").utf8) + body
        let recorded = Recorded(
            method: requestLine.first.map(String.init) ?? "",
            target: requestLine.dropFirst().first.map(String.init) ?? "",
            headers: headers,
            body: body
        )
        return (recorded, forwarded)
    }

    private func readMore(_ connection: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = recv(connection, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    private func write(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Sends `request` to 127.0.0.1:`port` and reads the answer until the server closes.
    private static func exchange(_ request: [UInt8], port: Int) -> [UInt8]? {
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(upstream) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes {
                send(upstream, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return nil }
            sent += count
        }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(upstream, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            answer.append(contentsOf: chunk[..<count])
        }
        return answer
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
