internal import AttuneCore
internal import AttuneJSON
internal import Glibc
public import HTTPServer
public import Logging

/// A swift-log handler that writes one JSON object per line to standard error:
/// `{"ts":"2026-11-28T02:27:00.123Z","level":"info","logger":"attune","msg":"…", …metadata}`.
///
/// Each line goes out in a single `write(2)`, so lines from different threads never interleave.
public struct JSONLogHandler: LogHandler {
    /// The logger's label, written as `logger`.
    public let label: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let fileDescriptor: Int32

    /// A handler for `label` at `level`, writing to `fileDescriptor` (standard error by default).
    public init(label: String, level: Logger.Level = .info, fileDescriptor: Int32 = 2) {
        self.label = label
        self.logLevel = level
        self.fileDescriptor = fileDescriptor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.key("ts")
        writer.string(Self.timestamp())
        writer.key("level")
        writer.string(event.level.rawValue)
        writer.key("logger")
        writer.string(label)
        writer.key("msg")
        writer.string("\(event.message)")
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            writer.key(key)
            Self.writeValue(value, to: &writer)
        }
        writer.endObject()
        var line = writer.bytes
        line.append(UInt8(ascii: "\n"))
        _ = line.withUnsafeBytes { write(fileDescriptor, $0.baseAddress, $0.count) }
    }

    /// Numbers and Booleans logged as `.stringConvertible` stay JSON numbers and Booleans, so that log
    /// stores can aggregate them; everything else is a string.
    static func writeValue(_ value: Logger.MetadataValue, to writer: inout JSONWriter) {
        switch value {
        case .stringConvertible(let number as Int): writer.number(number)
        case .stringConvertible(let number as Double) where number.isFinite: writer.number(number)
        case .stringConvertible(let flag as Bool): writer.bool(flag)
        default: writer.string("\(value)")
        }
    }

    /// Now, as RFC 3339 UTC with milliseconds.
    static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return RFC3339.format(epochMilliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec / 1_000_000))
    }
}

/// The access log as JSON lines in ``JSONLogHandler``'s format (`msg` is `request`), a whole batch in one
/// `write(2)`: a line per request costs a system call and a metadata dictionary per request otherwise.
public struct JSONAccessLogSink: AccessLogSink {
    private let label: String
    private let fileDescriptor: Int32

    /// A sink writing lines labelled `label` to `fileDescriptor` (standard error by default).
    public init(label: String, fileDescriptor: Int32 = 2) {
        self.label = label
        self.fileDescriptor = fileDescriptor
    }

    public func write(_ records: [AccessLogRecord]) {
        var batch: [UInt8] = []
        batch.reserveCapacity(records.count * 200)
        for record in records {
            var writer = JSONWriter(reservingCapacity: 200)
            writer.beginObject()
            writer.key("ts")
            writer.string(RFC3339.format(epochMilliseconds: record.epochMilliseconds))
            writer.key("level")
            writer.string("info")
            writer.key("logger")
            writer.string(label)
            writer.key("msg")
            writer.string("request")
            // Keys in the order JSONLogHandler sorts them.
            writer.key("bytes")
            writer.number(record.bytes)
            writer.key("duration_ms")
            writer.number(record.durationMilliseconds)
            writer.key("method")
            writer.string(record.method)
            writer.key("request_id")
            writer.string(record.requestID)
            writer.key("route")
            writer.string(record.route)
            writer.key("status")
            writer.number(record.status)
            writer.endObject()
            batch.append(contentsOf: writer.bytes)
            batch.append(UInt8(ascii: "\n"))
        }
        batch.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fileDescriptor, base + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // a log that cannot be written must not stop the server
                }
            }
        }
    }
}
