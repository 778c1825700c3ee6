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
    static let okResponse = HTTPResponse(
        status: .ok,
        headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
        body: ok
    )
    static let readyResponse = HTTPResponse(
        status: .ok,
        headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
        body: ready
    )

    /// Adds `/healthz` (alias `/livez`), `/readyz` and `/metrics`.
    public static func register(
        in router: inout Router,
        readiness: Readiness,
        registry: PrometheusCollectorRegistry,
        store: any Store
    ) {
        let exposition = MetricsExposition(registry: registry, store: store, version: AttuneService.version)
        // Pre-encoded and non-blocking: these run on the I/O queue with no hand-off.
        for path in ["/healthz", "/livez"] {
            router.get(path, execution: .inline) { _ in okResponse }
        }
        router.get("/readyz", execution: .inline) { _ in
            guard readiness.isReady else {
                throw ProblemType.notReady.problem(
                    detail: "The server is starting or shutting down.",
                    headers: ["Retry-After": "1", "Cache-Control": "no-store"]
                )
            }
            return readyResponse
        }
        // /proc reads are memory-backed and quick: like the rest, this stays on the I/O queue.
        router.get("/metrics", execution: .inline) { _ in
            HTTPResponse(
                status: .ok,
                headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"],
                body: exposition.render()
            )
        }
    }
}
