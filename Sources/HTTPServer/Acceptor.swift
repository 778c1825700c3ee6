internal import Dispatch
internal import Glibc
internal import Logging
internal import Synchronization

/// Accepts connections on the listening sockets and hands them to the I/O queues.
///
/// Confined to the accept queue (the first I/O queue): the spare descriptor, the back-off flag and the
/// round-robin cursor are read and written only there, which is what makes the `@unchecked Sendable` sound.
final class Acceptor: @unchecked Sendable {
    private let context: ServerContext
    private let loops: [IOLoop]
    let queue: DispatchQueue
    private var cursor = 0
    private var spareDescriptor: Int32
    private var lastExhaustionLog: UInt64 = 0
    /// Connections refused since the last log line about running out of descriptors.
    private var refusedSinceLog = 0

    /// How long accepting pauses when the descriptor limit is reached and no spare is left.
    static let backOff = DispatchTimeInterval.milliseconds(100)

    init(context: ServerContext, loops: [IOLoop]) {
        self.context = context
        self.loops = loops
        queue = loops[0].queue
        spareDescriptor = Socket.openSpareDescriptor()
    }

    deinit { if spareDescriptor >= 0 { Glibc.close(spareDescriptor) } }

    /// Accepts every pending connection on `listener`. At the descriptor limit the listener stays readable,
    /// so returning would only be called again at once: a spin. Instead the spare descriptor makes room to
    /// accept one connection and answer it 503; without a spare, accepting pauses for ``backOff``.
    func acceptPending(on listener: Listener) {
        while true {
            switch Socket.accept(listener.fd) {
            case .connection(let fd):
                admit(fd)
            case .none:
                return
            case .outOfDescriptors:
                noteExhaustion()
                if spareDescriptor >= 0 {
                    Glibc.close(spareDescriptor)
                    if case .connection(let fd) = Socket.accept(listener.fd) { Self.refuse(fd) }
                    spareDescriptor = Socket.openSpareDescriptor()
                    if spareDescriptor >= 0 { continue }
                }
                pause(listener)
                return
            }
        }
    }

    private func pause(_ listener: Listener) {
        guard !listener.isPaused else { return }
        listener.isPaused = true
        listener.source.suspend()
        queue.asyncAfter(deadline: .now() + Self.backOff) {
            listener.isPaused = false
            listener.source.resume()
        }
    }

    private func noteExhaustion() {
        refusedSinceLog += 1
        let now = monotonicNanoseconds()
        guard lastExhaustionLog == 0 || now &- lastExhaustionLog > 10_000_000_000 else { return }
        lastExhaustionLog = now
        context.logger.warning(
            "out of file descriptors: new connections are answered 503 until some close",
            metadata: [
                "open_connections": .stringConvertible(context.openConnections.load(ordering: .relaxed)),
                "refused": .stringConvertible(refusedSinceLog),
            ]
        )
        refusedSinceLog = 0
    }

    private func admit(_ fd: Int32) {
        guard context.openConnections.load(ordering: .relaxed) < context.maxConnections else {
            Self.refuse(fd)
            return
        }
        context.connectionOpened()
        let loop = loops[cursor % loops.count]
        cursor &+= 1
        loop.queue.async { loop.adopt(fd) }
    }

    /// Says "too many connections" in one write and closes, rather than leave the client in the backlog.
    static func refuse(_ fd: Int32) {
        _ = refusal.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        Glibc.close(fd)
    }

    private static let refusal: [UInt8] = {
        let body = ProblemDetails(status: .serviceUnavailable, detail: "Too many open connections.").jsonBytes
        let head =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\nRetry-After: 1\r\n\r\n"
        return Array(head.utf8) + body
    }()
}

/// A listening socket's accept source.
///
/// `@unchecked Sendable` because Dispatch sources aren't annotated `Sendable` on Linux, though their
/// `resume` and `cancel` are thread-safe; `isPaused` is touched only on the accept queue.
final class Listener: @unchecked Sendable {
    let fd: Int32
    let source: any DispatchSourceRead
    var isPaused = false

    init(fd: Int32, source: any DispatchSourceRead) {
        self.fd = fd
        self.source = source
    }
}
