extension Server {
    /// How long the server waits for each phase of a connection before giving up on it.
    public struct Timeouts: Sendable, Equatable {
        /// From a request's first byte to the end of its header section (slow senders get 408).
        public var header: Duration
        /// From the end of the header section to the end of the body (408).
        public var body: Duration
        /// How long a keep-alive connection may sit idle between requests (closed silently).
        public var idle: Duration
        /// How long a response may wait for a client that doesn't read it (connection closed).
        public var write: Duration
        /// How long a graceful shutdown waits for in-flight requests.
        public var drain: Duration

        /// Timeouts; the defaults suit clients on the internet behind a proxy.
        public init(
            header: Duration = .seconds(10),
            body: Duration = .seconds(30),
            idle: Duration = .seconds(60),
            write: Duration = .seconds(30),
            drain: Duration = .seconds(10)
        ) {
            self.header = header
            self.body = body
            self.idle = idle
            self.write = write
            self.drain = drain
        }
    }

    /// Everything that configures a server; each field has a documented default.
    public struct Configuration: Sendable {
        /// The address to listen on: an IPv4 or IPv6 literal or a host name (default 127.0.0.1;
        /// `0.0.0.0` or `::` for containers).
        public var host: String
        /// The port; 0 picks a free one (read it back from ``Server/port``).
        public var port: Int
        /// Request size limits.
        public var limits: RequestParser.Limits
        /// Phase timeouts.
        public var timeouts: Timeouts
        /// The most connections open at once; more are answered 503 and closed.
        public var maxConnections: Int
        /// Serial queues that run the sockets; connections are spread over them. More queues keep each queue's
        /// thread busy instead of parking and being woken per event: on one core with 64 connections, measured
        /// 0.98 context switches per request with 2 queues, 0.47 with 3, 0.27 with 4 (9 threads). 3 keeps the
        /// process at 7 threads; a fixed set keeps the thread count bounded whatever the load.
        public var ioQueueCount: Int
        /// Serial queues that run blocking handlers; bounds how many block at once.
        public var workerCount: Int
        /// The listen backlog.
        public var backlog: Int32
        /// Header fields a request may carry at most once; a repeat is answered 400, because an intermediary
        /// that reads the last one and a handler that reads the first would disagree (who is calling, what
        /// the body is, which retry it is, which host).
        public var singletonFields: [String]
        /// Response bytes one connection may hold unsent before it stops taking further pipelined requests
        /// from its buffer (it resumes as the client reads; one that does not read is closed at the write
        /// timeout).
        public var maxPendingOutputBytes: Int
        /// Unsent response bytes all blocked connections together may hold: past it, a connection whose
        /// client is not reading takes no further request at all.
        public var maxTotalPendingOutputBytes: Int
        /// Cross-origin access for browsers; off by default.
        public var cors: CORSPolicy?

        /// The default ``singletonFields``.
        public static let defaultSingletonFields = ["Authorization", "Content-Type", "Idempotency-Key", "Host"]
        /// Problem type URIs, by status code, for the problems the server answers itself (unknown path,
        /// method not allowed, malformed request) and for any other `about:blank` problem; a status not
        /// listed keeps `about:blank`. Lets an application name its types without teaching the server them.
        public var problemTypes: [Int: String] = [:]

        /// A configuration.
        public init(
            host: String = "127.0.0.1",
            port: Int = 8080,
            limits: RequestParser.Limits = .init(),
            timeouts: Timeouts = .init(),
            maxConnections: Int = 4096,
            ioQueueCount: Int = 3,
            workerCount: Int = 4,
            backlog: Int32 = 1024,
            singletonFields: [String] = Configuration.defaultSingletonFields,
            maxPendingOutputBytes: Int = 256 * 1024,
            maxTotalPendingOutputBytes: Int = 64 * 1024 * 1024,
            cors: CORSPolicy? = nil
        ) {
            self.host = host
            self.port = port
            self.limits = limits
            self.timeouts = timeouts
            self.maxConnections = maxConnections
            self.ioQueueCount = ioQueueCount
            self.workerCount = workerCount
            self.backlog = backlog
            self.singletonFields = singletonFields
            self.maxPendingOutputBytes = maxPendingOutputBytes
            self.maxTotalPendingOutputBytes = maxTotalPendingOutputBytes
            self.cors = cors
        }
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
