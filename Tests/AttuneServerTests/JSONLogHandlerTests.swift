import AttuneServer
import Foundation
import HTTPServer
import Logging
import Testing

/// JSON log lines keep numbers as numbers, so that log stores can aggregate them.
@Suite struct JSONLogHandlerTests {
    /// Everything written to a pipe by `body`, split into lines.
    static func lines(_ body: (Int32) -> Void) throws -> [[String: Any]] {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        body(fds[1])
        close(fds[1])
        let data = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true).readDataToEndOfFile()
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func logsIntegersDoublesAndBooleansAsJSONValues() throws {
        let lines = try Self.lines { fd in
            let logger = Logger(label: "t") { JSONLogHandler(label: $0, fileDescriptor: fd) }
            logger.info(
                "event",
                metadata: [
                    "count": .stringConvertible(3), "ratio": .stringConvertible(0.25), "on": .stringConvertible(true),
                    "name": "x", "nan": .stringConvertible(Double.nan),
                ]
            )
        }
        let line = try #require(lines.first)
        #expect(line["count"] as? Int == 3)
        #expect(line["ratio"] as? Double == 0.25)
        #expect(line["on"] as? Bool == true)
        #expect(line["name"] as? String == "x")
        #expect(line["nan"] as? String == "nan")
    }

    @Test func writesAccessLogBatchesAsTypedJSONLines() throws {
        let records = (1...3).map { index in
            AccessLogRecord(
                method: "GET",
                route: "/healthz",
                status: 200,
                bytes: 15,
                durationNanoseconds: 3_342_000,
                requestID: "r-\(index)",
                epochMilliseconds: 1_764_000_000_000
            )
        }
        let lines = try Self.lines { fd in JSONAccessLogSink(label: "attune", fileDescriptor: fd).write(records) }
        #expect(lines.count == 3)
        let first = try #require(lines.first)
        #expect(first["msg"] as? String == "request")
        #expect(first["level"] as? String == "info")
        #expect(first["status"] as? Int == 200)
        #expect(first["bytes"] as? Int == 15)
        #expect(first["duration_ms"] as? Double == 3.342)
        #expect(first["route"] as? String == "/healthz")
        #expect(lines.map { $0["request_id"] as? String } == ["r-1", "r-2", "r-3"])
        #expect((first["ts"] as? String)?.hasSuffix("Z") == true)
    }
}
