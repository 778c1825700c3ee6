internal import CoreMetrics
internal import Dispatch
internal import Glibc
internal import Synchronization

/// One serial I/O queue and the connections it runs.
///
/// Confined to `queue`: every property is read and written only on it, which is what makes the
/// `@unchecked Sendable` sound (a Dispatch source is not `Sendable` on Linux).
final class IOLoop: @unchecked Sendable {
    let queue: DispatchQueue
    let context: ServerContext
    /// Coarse monotonic time, refreshed by the sweep and by every read: deadlines need no clock call per request.
    var now: UInt64 = monotonicNanoseconds()
    var encoder = ResponseEncoder()
    /// Receive buffer shared by this queue's connections: one read completes before the next starts.
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    private var connections: [ObjectIdentifier: Connection] = [:]
    private var sweepTimer: (any DispatchSourceTimer)?
    private var workerCursor = 0
    private var requestCounter: UInt64 = 0
    private let requestIDPrefixBytes: [UInt8]
    private var requestCounters: [RequestMetricKey: Counter] = [:]
    private var durationTimers: [RouteKey: CoreMetrics.Timer] = [:]
    /// Access-log records not yet handed to the access log's queue.
    private var accessRecords: [AccessLogRecord] = []

    init(index: Int, context: ServerContext) {
        queue = DispatchQueue(label: "http.io.\(index)")
        self.context = context
        requestIDPrefixBytes = Array(String(UInt32.random(in: 0x1000_0000...UInt32.max), radix: 16).utf8)
    }

    deinit { scratch.deallocate() }

    /// Starts the periodic deadline sweep.
    func start() {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let nanoseconds = Int(context.sweepInterval.nanoseconds)
        let interval = DispatchTimeInterval.nanoseconds(nanoseconds)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .nanoseconds(nanoseconds / 4))
        timer.setEventHandler { [unowned self] in sweep() }
        timer.resume()
        sweepTimer = timer
    }

    /// Stops the sweep; call once every connection is closed.
    func stop() {
        sweepTimer?.cancel()
        sweepTimer = nil
        flushAccessLog()
    }

    /// Buffers one access-log record; a full batch goes to the access log's queue.
    func logAccess(_ record: AccessLogRecord) {
        if accessRecords.capacity == 0 { accessRecords.reserveCapacity(AccessLogBuffer.batchSize) }
        accessRecords.append(record)
        if accessRecords.count >= AccessLogBuffer.batchSize { flushAccessLog() }
    }

    /// Hands the buffered records to the access log's queue.
    func flushAccessLog() {
        guard !accessRecords.isEmpty, let accessLog = context.accessLog else { return }
        accessLog.submit(accessRecords)
        accessRecords = []
    }

    /// Takes ownership of an accepted socket.
    func adopt(_ fd: Int32) {
        let connection = Connection(fd: fd, loop: self)
        connections[ObjectIdentifier(connection)] = connection
        connection.start()
        if context.isDraining.load(ordering: .relaxed) { connection.drain() }
    }

    func remove(_ connection: Connection) {
        connections[ObjectIdentifier(connection)] = nil
    }

    /// Closes idle connections and marks busy ones to close after their current response.
    func drain() {
        for connection in Array(connections.values) { connection.drain() }
    }

    /// Closes every connection at once (the drain deadline has passed).
    func closeAll() {
        for connection in Array(connections.values) { connection.close() }
    }

    private func sweep() {
        now = monotonicNanoseconds()
        for connection in Array(connections.values) { connection.checkDeadlines(now: now) }
        flushAccessLog()
    }

    /// Spreads blocking handlers over the workers round-robin.
    func nextWorker() -> DispatchQueue {
        workerCursor = (workerCursor + 1) % context.workers.count
        return context.workers[workerCursor]
    }

    /// The client's `X-Request-Id` when it is a short safe token, else a fresh one.
    func makeRequestID(offered: String?) -> String {
        if let offered, (1...64).contains(offered.utf8.count),
            offered.utf8.allSatisfy({ HTTPSyntax.isTokenByte($0) && $0 != UInt8(ascii: "%") })
        {
            return offered
        }
        requestCounter &+= 1
        // Formatted by hand into one small string: concatenation and radix conversion cost ~1k instructions.
        let prefix = requestIDPrefixBytes
        var counter = requestCounter
        var digits = 0
        repeat {
            digits += 1
            counter >>= 4
        } while counter != 0
        return String(unsafeUninitializedCapacity: prefix.count + 1 + digits) { buffer in
            for (index, byte) in prefix.enumerated() { buffer[index] = byte }
            buffer[prefix.count] = UInt8(ascii: "-")
            var value = requestCounter
            var position = prefix.count + digits
            while position > prefix.count {
                buffer[position] = Self.hexDigits[Int(value & 0xF)]
                value >>= 4
                position -= 1
            }
            return prefix.count + 1 + digits
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Counts a finished request by route template and status, and times it. The handles are cached per
    /// (method, route, status), looked up by the route's key rather than by hashing strings.
    func record(method: HTTPMethod, route: String, routeKey: RouteKey, status: Int, duration: UInt64) {
        // Unregistered methods are arbitrary client input: one label for all keeps the series bounded.
        let methodLabel = method.isRegistered ? method.rawValue : "OTHER"
        let key = RequestMetricKey(routeKey: routeKey, status: status, method: methodLabel)
        let counter: Counter
        if let cached = requestCounters[key] {
            counter = cached
        } else {
            counter = Counter(
                label: "http_requests_total",
                dimensions: [("method", methodLabel), ("route", route), ("status", String(status))]
            )
            requestCounters[key] = counter
        }
        counter.increment()
        let timer: CoreMetrics.Timer
        if let cached = durationTimers[routeKey] {
            timer = cached
        } else {
            timer = CoreMetrics.Timer(label: "http_request_duration_seconds", dimensions: [("route", route)])
            durationTimers[routeKey] = timer
        }
        timer.recordNanoseconds(Int64(clamping: duration))
    }
}

struct RequestMetricKey: Hashable {
    let routeKey: RouteKey
    let status: Int
    /// A registered method name (a small string) or "OTHER".
    let method: String
}
