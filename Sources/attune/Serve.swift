import ArgumentParser
import AttuneSQLite
import AttuneServer
import AttuneStore
import HTTPServer
import Logging

/// `attune serve`: runs the HTTP service until SIGTERM or SIGINT.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the HTTP server.",
        discussion: "Every option can also be set with the environment variable named in its help."
    )

    @Option(help: "Address to listen on; 0.0.0.0 or :: for all interfaces. (ATTUNE_HOST, default 127.0.0.1)")
    var host: String?

    @Option(help: "TCP port; 0 picks a free one. (ATTUNE_PORT, default 8080)")
    var port: Int?

    @OptionGroup var database: DatabaseOptions

    @Option(
        help: "Requests per second per API key, bursts to twice that; 0 turns it off. (ATTUNE_RATE_LIMIT, default 100)"
    )
    var rateLimit: Int?

    @Flag(help: .hidden)
    var unsafeNoSync = false

    @Flag(
        help: """
            Start on a fresh SQLite file (a new temporary one, or --database if it does not exist yet) with a \
            demo practice already filled, and print its admin key.
            """
    )
    var demo = false

    @Option(help: "Log every request as a JSON line: on or off. (ATTUNE_ACCESS_LOG, default on)")
    var accessLog: Toggle?

    @Option(help: "Lowest level logged: trace, debug, info, notice, warning, error. (ATTUNE_LOG_LEVEL, default info)")
    var logLevel: LogLevel?

    @Option(help: "Largest request body in bytes, answered 413 beyond. (ATTUNE_MAX_BODY_BYTES, default 1048576)")
    var maxBodyBytes: Int?

    @Option(help: "Most open connections; more are answered 503. (ATTUNE_MAX_CONNECTIONS, default 4096)")
    var maxConnections: Int?

    @Option(help: "Seconds to receive a request's header section, else 408. (ATTUNE_HEADER_TIMEOUT, default 10)")
    var headerTimeout: Double?

    @Option(help: "Seconds to receive a request body, else 408. (ATTUNE_BODY_TIMEOUT, default 30)")
    var bodyTimeout: Double?

    @Option(help: "Seconds a keep-alive connection may sit idle. (ATTUNE_IDLE_TIMEOUT, default 60)")
    var idleTimeout: Double?

    @Option(help: "Seconds a client may leave a response unread. (ATTUNE_WRITE_TIMEOUT, default 30)")
    var writeTimeout: Double?

    @Option(help: "Seconds a shutdown waits for in-flight requests. (ATTUNE_DRAIN_TIMEOUT, default 10)")
    var drainTimeout: Double?

    @Option(help: "Serial queues that run the sockets. (ATTUNE_IO_QUEUES, default 3)")
    var ioQueues: Int?

    @Option(help: "Worker queues for handlers that block. (ATTUNE_WORKERS, default 4)")
    var workers: Int?

    @Option(
        help: """
            Browser origin allowed to call the API (CORS), e.g. https://forms.example.org; repeatable or \
            comma-separated, * for any. (ATTUNE_CORS_ORIGINS, default none: CORS off)
            """
    )
    var corsOrigin: [String] = []

    func run() throws {
        let level = try Environment.resolve(logLevel, "ATTUNE_LOG_LEVEL", default: .info).level
        var configuration = try makeConfiguration()
        // The JSON lines the log handler writes, batched off the request path (below info, none are written).
        if level <= .info { configuration.accessLogSink = JSONAccessLogSink(label: "attune") }
        let location = try database.location()
        let registry = Observability.bootstrap(logLevel: level)
        let logger = Logger(label: "attune")
        // Benchmark-only: measures what doesn't depend on the disk's sync time. Never for real data.
        let noSync = unsafeNoSync || Environment.string("ATTUNE_UNSAFE_NO_SYNC") == "1"
        if noSync { logger.warning("ATTUNE_UNSAFE_NO_SYNC: writes are NOT synced to disk; benchmark use only") }
        let store: any Store
        do {
            store = try (demo ? DemoServe.location(database.value) : location).open(durability: noSync ? .off : .full) {
                path in
                logger.notice("created a new database", metadata: ["path": "\(path)"])
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            logger.critical("cannot open the database: \(error)")
            throw ExitCode.failure
        }
        if demo { try DemoServe.fill(store, port: configuration.server.port) }
        let service = AttuneService(configuration: configuration, store: store, logger: logger, registry: registry)
        do {
            try service.start()
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
        service.runUntilTerminated()
    }

    private func makeConfiguration() throws -> AttuneService.Configuration {
        var server = Server.Configuration()
        server.host = try Environment.resolve(host, "ATTUNE_HOST", default: server.host)
        server.port = try Environment.resolve(port, "ATTUNE_PORT", default: server.port)
        guard (0...65535).contains(server.port) else { throw ValidationError("port must be 0…65535") }
        server.limits.maxBodyBytes = try positive(maxBodyBytes, "ATTUNE_MAX_BODY_BYTES", server.limits.maxBodyBytes)
        server.maxConnections = try positive(maxConnections, "ATTUNE_MAX_CONNECTIONS", server.maxConnections)
        server.ioQueueCount = try positive(ioQueues, "ATTUNE_IO_QUEUES", server.ioQueueCount)
        server.workerCount = try positive(workers, "ATTUNE_WORKERS", server.workerCount)
        server.timeouts.header = try seconds(headerTimeout, "ATTUNE_HEADER_TIMEOUT", server.timeouts.header)
        server.timeouts.body = try seconds(bodyTimeout, "ATTUNE_BODY_TIMEOUT", server.timeouts.body)
        server.timeouts.idle = try seconds(idleTimeout, "ATTUNE_IDLE_TIMEOUT", server.timeouts.idle)
        server.timeouts.write = try seconds(writeTimeout, "ATTUNE_WRITE_TIMEOUT", server.timeouts.write)
        server.timeouts.drain = try seconds(drainTimeout, "ATTUNE_DRAIN_TIMEOUT", server.timeouts.drain)
        let origins = corsOrigins()
        if !origins.isEmpty { server.cors = CORSPolicy(allowedOrigins: origins) }
        let accessLog = try Environment.resolve(accessLog, "ATTUNE_ACCESS_LOG", default: .on)
        let rate = try Environment.resolve(rateLimit, "ATTUNE_RATE_LIMIT", default: 100)
        guard rate >= 0 else { throw ValidationError("rate-limit must be 0 or more") }
        return AttuneService.Configuration(server: server, accessLog: accessLog == .on, rateLimit: rate)
    }

    /// The allowed origins from the options, else from `ATTUNE_CORS_ORIGINS`, split at commas.
    private func corsOrigins() -> [String] {
        let raw = corsOrigin.isEmpty ? [Environment.string("ATTUNE_CORS_ORIGINS") ?? ""] : corsOrigin
        return raw.flatMap { $0.split(separator: ",") }
            .map { String($0.filter { !$0.isWhitespace }) }
            .filter { !$0.isEmpty }
    }

    private func positive(_ option: Int?, _ name: String, _ fallback: Int) throws -> Int {
        let value = try Environment.resolve(option, name, default: fallback)
        guard value > 0 else { throw ValidationError("\(name.dropFirst(7).lowercased()) must be positive") }
        return value
    }

    private func seconds(_ option: Double?, _ name: String, _ fallback: Duration) throws -> Duration {
        guard
            let value = try option
                ?? Environment.string(name).map({ raw in
                    guard let parsed = Double(raw) else { throw ValidationError("\(name)=\(raw) is not a number") }
                    return parsed
                })
        else { return fallback }
        // Bounded above so the conversion to milliseconds cannot overflow (1e308 would trap).
        guard value > 0, value <= 86_400 else {
            throw ValidationError("\(name.dropFirst(7).lowercased()) must be more than 0 and at most 86400 seconds")
        }
        return .milliseconds(Int64(value * 1000))
    }
}

/// An on/off switch option.
enum Toggle: String, ExpressibleByArgument, CaseIterable {
    case on
    case off
}

/// A log level option (swift-log's levels).
enum LogLevel: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
}
