internal import Dispatch
internal import Glibc
internal import Locking
public import Logging
internal import Synchronization

/// An HTTP/1.1 server on non-blocking sockets and Dispatch: a small fixed set of serial I/O queues runs
/// every connection, and blocking handlers run on a bounded pool of worker queues.
///
/// ```swift
/// var router = Router()
/// router.get("/healthz", execution: .inline) { _ in .json(#"{"status":"ok"}"#) }
/// let server = Server(configuration: .init(port: 0), router: router)
/// try server.start()
/// print(server.port)
/// ```
public final class Server: Sendable {
    private struct State: ~Copyable {
        var listeners: [Listener] = []
        var isStarted = false
        var isStopped = false
    }

    let context: ServerContext
    private let loops: [IOLoop]
    private let state = Lock(State())
    private let boundPort = Atomic<Int>(0)
    private let addresses = Lock<[String]>([])

    /// A server that is not yet listening.
    /// - Parameters:
    ///   - logger: receives errors and, when `accessLog` is on, one line per request.
    ///   - accessLog: whether to log every request (benchmarks turn it off, as nginx's `access_log off`).
    ///   - accessLogSink: where access-log records go, in batches off the request path; by default each
    ///     becomes an `info` event on `logger`.
    public init(
        configuration: Configuration,
        router: Router,
        logger: Logger = Logger(label: "http"),
        accessLog: Bool = true,
        accessLogSink: (any AccessLogSink)? = nil
    ) {
        let buffer =
            accessLog
            ? AccessLogBuffer(sink: accessLogSink ?? LoggerAccessLogSink(logger: logger), logger: logger) : nil
        let context = ServerContext(
            configuration: configuration,
            router: router,
            logger: logger,
            accessLog: buffer
        )
        self.context = context
        loops = (0..<max(1, configuration.ioQueueCount)).map { IOLoop(index: $0, context: context) }
    }

    /// The port the server listens on (the kernel's pick when configured with port 0).
    public var port: Int { boundPort.load(ordering: .relaxed) }

    /// The addresses the server listens on, as `host:port`.
    public var listeningAddresses: [String] { addresses.withLock { $0 } }

    /// Whether the server accepts new requests: started and not draining.
    public var isReady: Bool {
        state.withLock { $0.isStarted && !$0.isStopped } && !context.isDraining.load(ordering: .relaxed)
    }

    /// Connections currently open.
    public var openConnectionCount: Int { context.openConnections.load(ordering: .relaxed) }

    /// Binds, listens and starts accepting.
    /// - Throws: ``SocketError`` when the address can't be resolved or bound.
    public func start() throws {
        // Writes use MSG_NOSIGNAL, but a peer reset must never kill the process through any other path.
        signal(SIGPIPE, SIG_IGN)
        let sockets = try Socket.listen(
            host: context.configuration.host,
            port: context.configuration.port,
            backlog: context.configuration.backlog
        )
        for loop in loops { loop.queue.async { loop.start() } }
        if context.maxConnections < context.configuration.maxConnections {
            context.logger.notice(
                "max connections lowered below the descriptor limit",
                metadata: [
                    "configured": .stringConvertible(context.configuration.maxConnections),
                    "effective": .stringConvertible(context.maxConnections),
                    "descriptor_limit": .stringConvertible(context.descriptorLimit),
                ]
            )
        }
        let acceptor = Acceptor(context: context, loops: loops)
        let sources = sockets.map { socket -> Listener in
            let listener = Listener(
                fd: socket.fd,
                source: DispatchSource.makeReadSource(fileDescriptor: socket.fd, queue: acceptor.queue)
            )
            listener.source.setEventHandler { [acceptor, listener] in acceptor.acceptPending(on: listener) }
            listener.source.setCancelHandler { Glibc.close(socket.fd) }
            return listener
        }
        if let first = sockets.first, let port = Int(first.address.split(separator: ":").last ?? "") {
            boundPort.store(port, ordering: .relaxed)
        }
        addresses.withLock { $0 = sockets.map(\.address) }
        state.withLock { state in
            state.listeners = sources
            state.isStarted = true
        }
        for listener in sources { listener.source.resume() }
    }

    /// Graceful shutdown: stops accepting, closes idle connections, lets in-flight requests finish (their
    /// responses carry `Connection: close`) until the drain timeout, then closes whatever is left.
    /// - Parameter completion: called once every connection is closed.
    public func shutdown(completion: @escaping @Sendable () -> Void = {}) {
        let listeners = state.withLock { state -> [Listener] in
            guard !state.isStopped else { return [] }
            state.isStopped = true
            defer { state.listeners = [] }
            return state.listeners
        }
        context.isDraining.store(true, ordering: .relaxed)
        for listener in listeners { listener.source.cancel() }
        for loop in loops { loop.queue.async { loop.drain() } }
        let deadline = monotonicNanoseconds() + context.configuration.timeouts.drain.nanoseconds
        waitForDrain(deadline: deadline, completion: completion)
    }

    private func waitForDrain(deadline: UInt64, completion: @escaping @Sendable () -> Void) {
        let poll = DispatchQueue(label: "http.drain")
        @Sendable func check() {
            if context.openConnections.load(ordering: .relaxed) == 0 {
                // Each loop hands its last access-log records over as it stops; the log's queue is serial, so
                // the completion runs after they are written.
                let stopped = DispatchGroup()
                for loop in loops { loop.queue.async(group: stopped) { loop.stop() } }
                stopped.notify(queue: context.accessLog?.queue ?? poll, execute: completion)
            } else if monotonicNanoseconds() >= deadline {
                for loop in loops { loop.queue.async { loop.closeAll() } }
                poll.asyncAfter(deadline: .now() + .milliseconds(10), execute: check)
            } else {
                poll.asyncAfter(deadline: .now() + .milliseconds(10), execute: check)
            }
        }
        poll.async(execute: check)
    }

    /// Shuts down and blocks until every connection is closed.
    public func shutdownAndWait() {
        let done = DispatchSemaphore(value: 0)
        shutdown { done.signal() }
        done.wait()
    }
}
