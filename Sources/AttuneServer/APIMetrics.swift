internal import Prometheus

/// The domain's counters, made once in the service's registry with their `HELP` text.
struct APIMetrics: Sendable {
    private let submissionsCreated: Counter
    private let alertsFired: Counter
    private let unauthenticated: Counter
    private let rateLimited: Counter

    init(registry: PrometheusCollectorRegistry) {
        submissionsCreated = registry.makeCounter(
            name: "attune_submissions_created_total",
            help: "Submissions stored (201), replays of an idempotent request not counted"
        )
        alertsFired = registry.makeCounter(
            name: "attune_alerts_fired_total",
            help: "Alerts raised by stored submissions"
        )
        unauthenticated = registry.makeCounter(
            name: "attune_unauthenticated_total",
            help: "Requests refused with 401: no API key, or an unknown or revoked one"
        )
        rateLimited = registry.makeCounter(
            name: "attune_rate_limited_total",
            help: "Requests refused with 429 because their key exceeded its rate"
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
