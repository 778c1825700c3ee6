import Logging
import Synchronization

/// Every line logged through `CapturingLogHandler`s sharing it: message, then logger and event metadata.
final class LogCapture: Sendable {
    private let captured = Mutex<[String]>([])

    var lines: [String] { captured.withLock { $0 } }

    func append(_ line: String) { captured.withLock { $0.append(line) } }

    /// A logger at `.trace` whose lines land here.
    func logger(label: String = "attune-test") -> Logger {
        Logger(label: label) { label in CapturingLogHandler(label: label, capture: self) }
    }
}

/// An in-memory swift-log handler (STYLE.md §6): renders each event, with every metadata value, into a line.
struct CapturingLogHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.keys.sorted().map { "\($0)=\(merged[$0].map { "\($0)" } ?? "")" }
        let error = event.error.map { ["error=\(String(reflecting: $0))"] } ?? []
        let line = ["[\(event.level)]", label, "\(event.message)", "source=\(event.source)"] + fields + error
        capture.append(line.joined(separator: " "))
    }
}
