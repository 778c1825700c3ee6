internal import CoreMetrics
internal import Dispatch
internal import Logging
internal import Synchronization

/// What every I/O queue and connection of one server shares: configuration, routes, workers, counters.
final class ServerContext: Sendable {
    let configuration: Server.Configuration
    let router: Router
    let workers: [DispatchQueue]
    let logger: Logger
    /// The access log, when on.
    let accessLog: AccessLogBuffer?
    let openConnections = Atomic<Int>(0)
    let requestsInFlight = Atomic<Int>(0)
    let isDraining = Atomic<Bool>(false)
    /// Unsent response bytes held by connections whose socket is full (see ``Connection/accountBlockedOutput()``).
    let blockedOutputBytes = Atomic<Int>(0)
    let connectionsMeter = Meter(label: "http_open_connections")
    let inFlightMeter = Meter(label: "http_requests_in_flight")
    /// How often each I/O queue checks its connections' deadlines: fine enough for the shortest timeout.
    let sweepInterval: Duration
    /// The process's descriptor limit when the server was built.
    let descriptorLimit: Int
    /// ``Server/Configuration/maxConnections``, lowered so that every connection gets a descriptor with
    /// room to spare for listeners, the database, logs and the spare the acceptor keeps.
    let maxConnections: Int

    /// Descriptors kept out of the connection budget.
    static let reservedDescriptors = 32

    init(configuration: Server.Configuration, router: Router, logger: Logger, accessLog: AccessLogBuffer?) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
        self.accessLog = accessLog
        workers = (0..<max(1, configuration.workerCount)).map { DispatchQueue(label: "http.worker.\($0)") }
        let timeouts = configuration.timeouts
        let shortest = min(timeouts.header, timeouts.body, timeouts.idle, timeouts.write)
        descriptorLimit = Socket.descriptorLimit()
        maxConnections = min(configuration.maxConnections, max(1, descriptorLimit - Self.reservedDescriptors))
        sweepInterval = max(.milliseconds(5), min(.milliseconds(250), shortest / 8))
    }

    /// Whether blocked connections together hold more unsent output than the configured total.
    var isOverOutputBudget: Bool {
        blockedOutputBytes.load(ordering: .relaxed) > configuration.maxTotalPendingOutputBytes
    }

    func connectionOpened() {
        openConnections.add(1, ordering: .relaxed)
        connectionsMeter.increment()
    }

    func connectionClosed() {
        openConnections.subtract(1, ordering: .relaxed)
        connectionsMeter.decrement()
    }
}
