public import AttuneStore
internal import CoreMetrics
internal import Dispatch
internal import Glibc
public import HTTPServer
public import Logging
public import Prometheus

/// The running service: HTTP server, routes, metrics; started by `attune serve`.
public final class AttuneService: Sendable {
    /// The release this build belongs to, as `attune_build_info` reports it.
    public static let version = "0.1.0"

    /// What `attune serve` configures.
    public struct Configuration: Sendable {
        /// The HTTP server's configuration.
        public var server: Server.Configuration
        /// Whether each request is logged.
        public var accessLog: Bool
        /// Requests per second allowed per API key (bursts to twice that); 0 turns the limit off.
        public var rateLimit: Int
        /// Where access-log lines go; by default events on the service's logger.
        public var accessLogSink: (any AccessLogSink)?
        /// Aggregate groups with fewer distinct clients show only their counts (docs/analytics.md).
        public var aggregateMinimumClients: Int = 5

        /// A configuration.
        public init(
            server: Server.Configuration,
            accessLog: Bool = true,
            rateLimit: Int = 100,
            accessLogSink: (any AccessLogSink)? = nil
        ) {
            self.server = server
            self.accessLog = accessLog
            self.rateLimit = rateLimit
            self.accessLogSink = accessLogSink
        }
    }

    /// The HTTP server.
    public let server: Server
    /// Readiness as `/readyz` reports it.
    public let readiness = Readiness()
    private let logger: Logger
    private let store: any Store

    /// Builds the service on `store`; `registry` receives every metric (bootstrap swift-metrics with it).
    public init(configuration: Configuration, store: any Store, logger: Logger, registry: PrometheusCollectorRegistry) {
        var router = Router()
        HealthRoutes.register(in: &router, readiness: readiness, registry: registry, store: store)
        ProblemRoutes.register(in: &router)
        let api = APIContext(
            store: store,
            rateLimiter: RateLimiter(requestsPerSecond: configuration.rateLimit),
            metrics: APIMetrics(registry: registry)
        )
        AdminRoutes.register(in: &router, api: api)
        AuditRoutes.register(in: &router, api: api)
        QuestionnaireRoutes.register(in: &router, api: api)
        SubmissionRoutes.register(in: &router, api: api)
        ClientRoutes.register(in: &router, api: api)
        TrajectoryRoutes.register(in: &router, api: api)
        AggregateRoutes.register(in: &router, api: api, minimumClients: configuration.aggregateMinimumClients)
        self.logger = logger
        self.store = store
        var serverConfiguration = configuration.server
        serverConfiguration.problemTypes = ProblemType.forGenericStatuses
        server = Server(
            configuration: serverConfiguration,
            router: router,
            logger: logger,
            accessLog: configuration.accessLog,
            accessLogSink: configuration.accessLogSink
        )
    }

    /// Starts listening and marks the service ready.
    public func start() throws {
        try server.start()
        readiness.set(true)
        logger.notice("listening", metadata: ["addresses": "\(server.listeningAddresses.joined(separator: " "))"])
    }

    /// Blocks until SIGTERM or SIGINT, then drains gracefully and returns.
    public func runUntilTerminated() {
        let signals = DispatchQueue(label: "attune.signals")
        let stop = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)  // delivered to the Dispatch source instead of killing the process
            let source = DispatchSource.makeSignalSource(signal: number, queue: signals)
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        logger.notice("shutting down: draining in-flight requests")
        readiness.set(false)
        server.shutdownAndWait()
        store.close()
        for source in sources { source.cancel() }
        logger.notice("stopped")
    }
}

/// Bootstraps swift-log with JSON lines and swift-metrics with Prometheus; call once per process.
public enum Observability {
    /// Installs the JSON log handler at `level` and a Prometheus metrics factory; returns the registry.
    public static func bootstrap(logLevel: Logger.Level) -> PrometheusCollectorRegistry {
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: logLevel) }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Requests here take tens of microseconds; the library's default buckets start at 5 ms.
        factory.durationHistogramBuckets["http_request_duration_seconds"] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .microseconds(2_500_000), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }
}
