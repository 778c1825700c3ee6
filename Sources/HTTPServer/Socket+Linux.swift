internal import Glibc

#if !os(Linux)
#error("HTTPServer runs on Linux only: Glibc, Linux socket options and Dispatch's epoll-backed sources")
#endif

/// A socket call that failed, with the OS's own description.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    /// What was being done ("bind 127.0.0.1:8080").
    public let operation: String
    /// The errno value.
    public let code: Int32

    public var description: String { "\(operation): \(String(cString: strerror(code)))" }
}

/// Thin wrappers over the socket API; every failure becomes a `SocketError`.
enum Socket {
    /// Resolves `host` (an IPv4/IPv6 literal or a name) and opens a non-blocking listening socket on each
    /// address. With port 0 every listener shares the port the kernel picked for the first one.
    static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> [(fd: Int32, address: String)] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw SocketError(operation: "resolve \(host): \(String(cString: gai_strerror(status)))", code: EINVAL)
        }
        defer { freeaddrinfo(list) }
        var listeners: [(fd: Int32, address: String)] = []
        var boundPort = port
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        do throws(SocketError) {
            while let info = cursor {
                cursor = info.pointee.ai_next
                guard let address = info.pointee.ai_addr else { continue }
                setPort(address, boundPort)
                let fd = try openListener(info.pointee, address: address, backlog: backlog)
                let name = describe(fd)
                if boundPort == 0 { boundPort = name.port }
                listeners.append((fd, "\(name.host):\(name.port)"))
            }
        } catch {
            for listener in listeners { close(listener.fd) }
            throw error
        }
        guard !listeners.isEmpty else { throw SocketError(operation: "resolve \(host)", code: EADDRNOTAVAIL) }
        return listeners
    }

    private static func openListener(_ info: addrinfo, address: UnsafeMutablePointer<sockaddr>, backlog: Int32)
        throws(SocketError) -> Int32
    {
        let fd = socket(info.ai_family, info.ai_socktype | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(operation: "socket", code: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if info.ai_family == AF_INET6 {
            // "::" should also accept IPv4 (dual stack); "::1" is IPv6 only either way.
            var zero: Int32 = 0
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &zero, socklen_t(MemoryLayout<Int32>.size))
        }
        guard bind(fd, address, info.ai_addrlen) == 0 else {
            let code = errno
            close(fd)
            throw SocketError(operation: "bind \(describe(address).host)", code: code)
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            throw SocketError(operation: "listen", code: code)
        }
        return fd
    }

    /// What one `accept` call gave.
    enum Accepted {
        case connection(Int32)
        /// Nothing pending.
        case none
        /// The process or the system is out of file descriptors (EMFILE, ENFILE, ENOBUFS, ENOMEM): the
        /// connection stays in the backlog, and the listener stays readable.
        case outOfDescriptors
    }

    /// Accepts one connection as a non-blocking socket with TCP_NODELAY (small responses must not wait
    /// ~40 ms for a delayed ACK).
    static func accept(_ listener: Int32) -> Accepted {
        while true {
            // accept4 is hidden behind _GNU_SOURCE in Glibc's module map; fcntl does the same job.
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return .connection(fd)
            }
            switch errno {
            // Transient per-connection failures must not stop the accept loop.
            case EINTR, ECONNABORTED, EPROTO: continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .outOfDescriptors
            default: return .none
            }
        }
    }

    /// A descriptor held in reserve: at the descriptor limit, closing it lets one pending connection be
    /// accepted, answered 503 and closed, instead of being left to hang in the backlog (libuv, nginx).
    static func openSpareDescriptor() -> Int32 { open("/dev/null", O_RDONLY | O_CLOEXEC) }

    /// The process's soft descriptor limit, raised first to the hard limit where that is allowed.
    static func descriptorLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return Int.max }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        // RLIM_INFINITY is all ones, which the clamp turns into Int.max too.
        return Int(clamping: limit.rlim_cur)
    }

    private static func string(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func setPort(_ address: UnsafeMutablePointer<sockaddr>, _ port: Int) {
        let networkPort = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port = networkPort }
        case AF_INET6:
            address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port = networkPort }
        default:
            break
        }
    }

    private static func describe(_ fd: Int32) -> (host: String, port: Int) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                guard getsockname(fd, address, &length) == 0 else { return ("?", 0) }
                return describe(address)
            }
        }
    }

    private static func describe(_ address: UnsafeMutablePointer<sockaddr>) -> (host: String, port: Int) {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                var raw = ipv4.pointee.sin_addr
                inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                return (string(text), Int(UInt16(bigEndian: ipv4.pointee.sin_port)))
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
                var raw = ipv6.pointee.sin6_addr
                inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                return ("[\(string(text))]", Int(UInt16(bigEndian: ipv6.pointee.sin6_port)))
            }
        default:
            return ("?", 0)
        }
    }
}
