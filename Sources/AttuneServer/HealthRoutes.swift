public import AttuneStore
public import HTTPServer
public import Prometheus
internal import Synchronization

/// Whether the service should receive traffic: false until started and again once draining.
public final class Readiness: Sendable {
    private let ready = Atomic<Bool>(false)

    /// Not ready.
    public init() {}

    /// Whether the service is ready.
    public var isReady: Bool { ready.load(ordering: .relaxed) }

    /// Marks the service ready or not.
    public func set(_ value: Bool) { ready.store(value, ordering: .relaxed) }
}

/// The operator's endpoints: liveness, readiness and Prometheus metrics.
public enum HealthRoutes {
    static let ok: [UInt8] = Array(#"{"status":"ok"}"#.utf8)
    static let ready: [UInt8] = Array(#"{"status":"ready"}"#.utf8)
    /// Built once: returning it costs no allocation per probe.
    static let okResponse = HTTPResponse.json(ok)

    /// Adds `/healthz` (alias `/livez`), `/readyz` and `/metrics`.
    public static func register(
        in router: inout Router,
        readiness: Readiness,
        registry: PrometheusCollectorRegistry,
        store: any Store
    ) {
        func gauge(_ name: String, _ unit: String, _ help: String) -> Gauge {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(namespace: "attune", metricName: name, unitName: unit, helpText: help)
            )
        }
        // Monotonic totals, refreshed from the store at each scrape.
        let commits = gauge("store_commits", "total", "Write transactions committed (group commit)")
        let writes = gauge("store_writes", "total", "Writes that went through the writer")
        let perCommit = gauge("store_writes_per", "commit", "Average writes sharing one commit")
        // Pre-encoded and non-blocking: these run on the I/O queue with no hand-off.
        for path in ["/healthz", "/livez"] {
            router.get(path, execution: .inline) { _ in okResponse }
        }
        router.get("/readyz", execution: .inline) { _ in
            guard readiness.isReady else {
                throw ProblemDetails(
                    status: .serviceUnavailable,
                    detail: "The server is starting or shutting down.",
                    headers: ["Retry-After": "1"]
                )
            }
            return .json(ready)
        }
        router.get("/metrics", execution: .inline) { _ in
            let stats = store.writeStats
            commits.set(Double(stats.commits))
            writes.set(Double(stats.writes))
            perCommit.set(stats.commits == 0 ? 0 : Double(stats.writes) / Double(stats.commits))
            var body: [UInt8] = []
            body.reserveCapacity(16 * 1024)
            registry.emit(into: &body)
            return HTTPResponse(
                status: .ok,
                headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                body: body
            )
        }
    }
}
