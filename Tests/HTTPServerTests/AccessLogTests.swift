import Dispatch
import Logging
import Synchronization
import Testing

@testable import HTTPServer

/// Collects what the access log writes.
final class RecordingSink: AccessLogSink {
    let records = Mutex<[AccessLogRecord]>([])
    /// Blocks every write until signalled, to make the buffer fall behind.
    let gate: DispatchSemaphore?

    init(gate: DispatchSemaphore? = nil) { self.gate = gate }

    func write(_ batch: [AccessLogRecord]) {
        gate?.wait()
        records.withLock { $0 += batch }
    }
}

/// The access log: buffered off the request path, bounded, flushed on shutdown.
@Suite(.timeLimit(.minutes(1))) struct AccessLogTests {
    static func record(_ index: Int) -> AccessLogRecord {
        AccessLogRecord(
            method: "GET",
            route: "/healthz",
            status: 200,
            bytes: 2,
            durationNanoseconds: 1_500_000,
            requestID: "r-\(index)",
            epochMilliseconds: 0
        )
    }

    @Test func writesEveryRequestByShutdownInOrder() throws {
        let sink = RecordingSink()
        let configuration = Server.Configuration(host: "127.0.0.1", port: 0, ioQueueCount: 1, workerCount: 1)
        let server = Server(configuration: configuration, router: TestRoutes.standard, accessLogSink: sink)
        try server.start()
        let client = try TestClient(port: server.port)
        for index in 1...300 {
            _ = try client.exchange("GET /items/\(index) HTTP/1.1\r\nHost: t\r\nX-Request-Id: req-\(index)\r\n\r\n")
        }
        client.close()
        server.shutdownAndWait()
        let records = sink.records.withLock { $0 }
        #expect(records.count == 300)
        #expect(records.map(\.requestID) == (1...300).map { "req-\($0)" })
        #expect(records.allSatisfy { $0.route == "/items/{id}" && $0.status == 200 && $0.method == "GET" })
    }

    @Test func dropsAndCountsBatchesWhenTheSinkFallsBehind() {
        let gate = DispatchSemaphore(value: 0)
        let sink = RecordingSink(gate: gate)
        let buffer = AccessLogBuffer(sink: sink, logger: .init(label: "test"), capacity: 10)
        buffer.submit((0..<6).map(Self.record))
        buffer.submit((6..<12).map(Self.record))  // 12 > 10 pending: dropped, the caller does not wait
        #expect(buffer.droppedCount == 6)
        gate.signal()
        buffer.queue.sync {}
        #expect(sink.records.withLock { $0.map(\.requestID) } == (0..<6).map { "r-\($0)" })
        buffer.submit((12..<16).map(Self.record))
        gate.signal()
        buffer.queue.sync {}
        #expect(sink.records.withLock { $0.count } == 10)
    }

    @Test func durationIsInMillisecondsWithMicrosecondResolution() {
        #expect(Self.record(0).durationMilliseconds == 1.5)
    }
}
