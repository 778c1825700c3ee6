internal import Prometheus

/// The domain's counters, made once in the service's registry with their `HELP` text.
struct APIMetrics: Sendable {
    private let submissionsCreated: Counter
    private let alertsFired: Counter
    private let unauthenticated: Counter
    private let rateLimited: Counter

    init(registry: PrometheusCollectorRegistry) {
        submissionsCreated = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "attune",
                metricName: "submissions_created",
                unitName: "total",
                helpText: "Submissions stored (201), replays of an idempotent request not counted"
            )
        )
        alertsFired = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "attune",
                metricName: "alerts_fired",
                unitName: "total",
                helpText: "Alerts raised by stored submissions"
            )
        )
        unauthenticated = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "attune",
                metricName: "unauthenticated",
                unitName: "total",
                helpText: "Requests refused with 401: no API key, or an unknown or revoked one"
            )
        )
        rateLimited = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "attune",
                metricName: "rate_limited",
                unitName: "total",
                helpText: "Requests refused with 429 because their key exceeded its rate"
            )
        )
    }

    /// Counts a stored submission and the alerts it raised.
    func recordSubmission(alerts: Int) {
        submissionsCreated.increment()
        if alerts > 0 { alertsFired.increment(by: Int64(alerts)) }
    }

    /// Counts a request refused with 401.
    func recordUnauthenticated() { unauthenticated.increment() }

    /// Counts a request refused with 429.
    func recordRateLimited() { rateLimited.increment() }
}
