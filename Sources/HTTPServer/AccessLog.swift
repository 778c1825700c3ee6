internal import Dispatch
internal import Glibc
public import Logging
internal import Synchronization

/// One request as the access log records it: the route template, never the raw path, query or body.
public struct AccessLogRecord: Sendable, Equatable {
    /// The method, or `OTHER` for one that is not registered (client input must not widen the log).
    public let method: String
    /// The route template that matched, or a placeholder such as `<unmatched>`.
    public let route: String
    /// The status code sent.
    public let status: Int
    /// Body bytes sent.
    public let bytes: Int
    /// From the start of handling to the response being encoded.
    public let durationNanoseconds: UInt64
    /// The request id sent as `X-Request-Id`.
    public let requestID: String
    /// When the response was encoded, in milliseconds since the Unix epoch.
    public let epochMilliseconds: Int64

    /// A record.
    public init(
        method: String,
        route: String,
        status: Int,
        bytes: Int,
        durationNanoseconds: UInt64,
        requestID: String,
        epochMilliseconds: Int64
    ) {
        self.method = method
        self.route = route
        self.status = status
        self.bytes = bytes
        self.durationNanoseconds = durationNanoseconds
        self.requestID = requestID
        self.epochMilliseconds = epochMilliseconds
    }

    /// The duration in milliseconds, with microsecond resolution.
    public var durationMilliseconds: Double { Double(durationNanoseconds / 1000) / 1000 }
}

/// Where batches of access-log records go, on the access log's own queue, never on a request's path.
public protocol AccessLogSink: Sendable {
    /// Writes `records`, in the order the requests finished on one I/O queue.
    func write(_ records: [AccessLogRecord])
}

/// Writes each record as an `info` event named `request`, with typed metadata, through a swift-log logger.
public struct LoggerAccessLogSink: AccessLogSink {
    private let logger: Logger

    /// A sink that logs through `logger`.
    public init(logger: Logger) { self.logger = logger }

    public func write(_ records: [AccessLogRecord]) {
        for record in records {
            logger.info(
                "request",
                metadata: [
                    "method": .string(record.method),
                    "route": .string(record.route),
                    "status": .stringConvertible(record.status),
                    "bytes": .stringConvertible(record.bytes),
                    "duration_ms": .stringConvertible(record.durationMilliseconds),
                    "request_id": .string(record.requestID),
                ]
            )
        }
    }
}

/// The access log's bounded buffer, as nginx's `access_log … buffer=`: I/O queues hand it batches, its own
/// queue writes them, and when writing falls behind by more than `capacity` records, batches are dropped and
/// counted rather than letting requests wait or memory grow.
final class AccessLogBuffer: Sendable {
    /// The queue that runs the sink; serial, so batches keep their order.
    let queue = DispatchQueue(label: "http.access-log", qos: .utility)
    private let sink: any AccessLogSink
    private let logger: Logger
    private let capacity: Int
    private let pending = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)
    private let unreported = Atomic<Int>(0)

    /// Records an I/O queue collects before handing them over (the sweep hands over the rest).
    static let batchSize = 256

    init(sink: any AccessLogSink, logger: Logger, capacity: Int = 64 * 1024) {
        self.sink = sink
        self.logger = logger
        self.capacity = capacity
    }

    /// Records dropped because the sink fell behind.
    var droppedCount: Int { dropped.load(ordering: .relaxed) }

    /// Queues `batch` for writing, or drops it when the sink is `capacity` records behind.
    func submit(_ batch: [AccessLogRecord]) {
        guard !batch.isEmpty else { return }
        let count = batch.count
        guard pending.add(count, ordering: .relaxed).newValue <= capacity else {
            pending.subtract(count, ordering: .relaxed)
            dropped.add(count, ordering: .relaxed)
            unreported.add(count, ordering: .relaxed)
            return
        }
        queue.async { [self] in
            sink.write(batch)
            pending.subtract(count, ordering: .relaxed)
            let lost = unreported.exchange(0, ordering: .relaxed)
            if lost > 0 {
                logger.warning("access log fell behind: lines dropped", metadata: ["dropped": .stringConvertible(lost)])
            }
        }
    }
}

/// Wall-clock milliseconds since the Unix epoch (CLOCK_REALTIME, vDSO: no system call).
func epochMilliseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec / 1_000_000)
}
