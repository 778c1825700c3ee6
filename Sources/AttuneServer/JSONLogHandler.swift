internal import AttuneCore
internal import AttuneJSON
internal import Glibc
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
            writer.string("\(value)")
        }
        writer.endObject()
        var line = writer.bytes
        line.append(UInt8(ascii: "\n"))
        _ = line.withUnsafeBytes { write(fileDescriptor, $0.baseAddress, $0.count) }
    }

    /// Now, as RFC 3339 UTC with milliseconds.
    static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return RFC3339.format(epochMilliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec / 1_000_000))
    }
}
