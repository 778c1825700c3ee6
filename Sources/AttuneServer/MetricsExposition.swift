internal import AttuneStore
internal import Foundation
internal import Glibc
internal import Prometheus

/// The `/metrics` body in the Prometheus text format (version 0.0.4): the registry's families, each
/// with `HELP`, then the store's counters, `attune_build_info` and the `process_*` family read from /proc.
struct MetricsExposition: Sendable {
    /// `HELP` for the families that swift-metrics creates without one (the HTTP server's).
    static let help: [String: String] = [
        "http_requests_total": "Requests answered, by method, route template and status",
        "http_request_duration_seconds": "Time from a request's arrival to its response, by route template",
        "http_open_connections": "Client connections open now",
        "http_requests_in_flight": "Requests being handled on a worker now",
    ]

    let registry: PrometheusCollectorRegistry
    let store: any Store
    let version: String

    /// The whole exposition.
    func render() -> [UInt8] {
        var emitted: [UInt8] = []
        emitted.reserveCapacity(16 * 1024)
        registry.emit(into: &emitted)
        var text = Self.addingMissingHelp(to: String(decoding: emitted, as: UTF8.self))
        let stats = store.writeStats
        Self.family(
            &text,
            "attune_store_commits_total",
            "counter",
            "Write transactions committed (group commit)",
            String(stats.commits)
        )
        Self.family(
            &text,
            "attune_store_writes_total",
            "counter",
            "Writes that went through the writer",
            String(stats.writes)
        )
        text += "# HELP attune_build_info The running build: always 1, its version in a label\n"
        text += "# TYPE attune_build_info gauge\n"
        text += "attune_build_info{version=\"\(version)\"} 1\n"
        ProcessStatistics.read().append(to: &text)
        return Array(text.utf8)
    }

    /// `# HELP` before every `# TYPE` line that has none (the format allows one HELP per family).
    static func addingMissingHelp(to text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 512)
        var previous: Substring = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst(7).prefix { $0 != " " }
                if !previous.hasPrefix("# HELP \(name) ") {
                    out += "# HELP \(name) \(help[String(name)] ?? String(name))\n"
                }
            }
            out += line
            out += "\n"
            previous = line
        }
        // split keeps the empty piece after the last newline: drop the extra newline it produced.
        if out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    static func family(_ text: inout String, _ name: String, _ type: String, _ help: String, _ value: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
    }
}

/// The standard `process_*` metrics of Prometheus client libraries, read from Linux's /proc.
struct ProcessStatistics: Sendable {
    var cpuSeconds: Double?
    var residentBytes: Double?
    var openDescriptors: Double?
    var maxDescriptors: Double?
    var startTimeSeconds: Double?

    static func read() -> ProcessStatistics {
        var statistics = ProcessStatistics()
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        // /proc/self/stat: the command name is in parentheses and may hold spaces; fields count after it.
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"), ticks > 0
        {
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // Fields 3… of proc(5) start at index 0: utime 14, stime 15, starttime 22, rss 24.
            if fields.count > 21, let user = Double(fields[11]), let system = Double(fields[12]) {
                statistics.cpuSeconds = (user + system) / ticks
                if let rss = Double(fields[21]) { statistics.residentBytes = rss * pageSize }
                if let started = Double(fields[19]), let boot = bootTime() {
                    statistics.startTimeSeconds = boot + started / ticks
                }
            }
        }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            // The listing's own descriptor is among the entries.
            statistics.openDescriptors = Double(max(0, entries.count - 1))
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 {
            statistics.maxDescriptors = Double(limit.rlim_cur)
        }
        return statistics
    }

    /// Boot time in seconds since the epoch (`btime` in /proc/stat).
    private static func bootTime() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingASCIISpaces())
        }
        return nil
    }

    func append(to text: inout String) {
        let families: [(String, String, String, Double?)] = [
            ("process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds", cpuSeconds),
            ("process_resident_memory_bytes", "gauge", "Resident memory size in bytes", residentBytes),
            ("process_open_fds", "gauge", "Open file descriptors", openDescriptors),
            ("process_max_fds", "gauge", "The limit on open file descriptors", maxDescriptors),
            (
                "process_start_time_seconds", "gauge", "When the process started, in seconds since the Unix epoch",
                startTimeSeconds
            ),
        ]
        for (name, type, help, value) in families {
            guard let value else { continue }
            MetricsExposition.family(&text, name, type, help, Self.format(value))
        }
    }

    /// Integers without a fraction; others with enough digits to round-trip.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
