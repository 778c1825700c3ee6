import Glibc

/// Why a test client call failed.
enum ClientError: Error, Equatable {
    case connectFailed(errno: Int32)
    case sendFailed(errno: Int32)
    case receiveFailed(errno: Int32)
    /// No byte arrived within the receive timeout (SO_RCVTIMEO).
    case timedOut
    /// The server closed the connection before a complete response.
    case closed
    /// The bytes are not an HTTP/1.1 response.
    case malformed(String)
}

/// How a wait for the server to close the connection ended.
enum ReadEnd: Equatable {
    /// recv returned 0: an orderly close.
    case closed
    /// ECONNRESET.
    case reset
    /// Nothing happened within the receive timeout.
    case timedOut
}

/// A blocking HTTP/1.1 client over a real socket, for live tests: it sends exactly the bytes given and
/// reads responses with a receive timeout, so a server that hangs fails the test instead of the run.
final class TestClient {
    private var fd: Int32
    /// Received bytes not yet returned as part of a response.
    var buffer: [UInt8] = []

    /// Connects to `host` (an IPv4 or IPv6 literal) on `port`.
    /// - Parameter receiveBufferSize: SO_RCVBUF, set before connecting so it bounds the TCP window.
    init(
        port: Int,
        host: String = "127.0.0.1",
        receiveTimeout: Duration = .seconds(5),
        receiveBufferSize: Int32? = nil
    ) throws(ClientError) {
        let isIPv6 = host.contains(":")
        fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .connectFailed(errno: errno) }
        if var size = receiveBufferSize {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        setReceiveTimeout(receiveTimeout)
        let result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port)).bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port)).bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            fd = -1
            throw .connectFailed(errno: code)
        }
    }

    deinit { close() }

    /// Closes the socket (idempotent).
    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    /// Closes with SO_LINGER 0, so the server sees a reset instead of an orderly close.
    func reset() {
        guard fd >= 0 else { return }
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    /// Half-closes: the server reads EOF after what was sent.
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    func setReceiveTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) throws(ClientError) { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws(ClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw .sendFailed(errno: errno)
            }
            offset += sent
        }
    }

    /// Sends as much of `bytes` as the socket takes now; returns the count sent (0 when it is full).
    func sendWithoutBlocking(_ bytes: [UInt8]) -> Int {
        let sent = bytes.withUnsafeBytes {
            Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        }
        return max(0, sent)
    }

    /// Receives once into the buffer; returns the byte count, 0 at EOF.
    @discardableResult
    func receive(maxBytes: Int = 64 * 1024) throws(ClientError) -> Int {
        var chunk = [UInt8](repeating: 0, count: maxBytes)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count >= 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return count
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw .timedOut
            default: throw .receiveFailed(errno: errno)
            }
        }
    }

    /// Whether a read would not block (data, EOF or an error) within `timeout`.
    func isReadable(within timeout: Duration) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        )
        return poll(&descriptor, 1, milliseconds) > 0
    }

    /// Reads and discards until the server closes; says how the wait ended.
    func waitForClose() -> ReadEnd {
        while true {
            do {
                if try receive() == 0 { return .closed }
            } catch .timedOut {
                return .timedOut
            } catch {
                return .reset
            }
        }
    }

    /// Takes `count` bytes out of the buffer, reading as needed.
    func take(_ count: Int) throws(ClientError) -> [UInt8] {
        while buffer.count < count {
            guard try receive() > 0 else { throw .closed }
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[0..<count])
    }
}
