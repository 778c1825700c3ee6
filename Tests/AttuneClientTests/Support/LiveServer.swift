import AttuneClient
import AttuneSQLite
import AttuneServer
import AttuneStore
import AttuneTesting
import HTTPServer
import Logging
import Prometheus

/// The real service on 127.0.0.1:0 over a fresh SQLite file, with one practice, its admin key and a
/// registered therapist `t-1`.
final class LiveServer: @unchecked Sendable {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let service: AttuneService
    let practiceID: String
    let adminToken: String

    var port: Int { service.server.port }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(rateLimit: Int = 0) throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.file("a.sqlite"))
        let created = try store.createPractice(name: "Practice A")
        practiceID = created.practice.id
        adminToken = created.adminKey.token
        service = AttuneService(
            configuration: .init(
                server: Server.Configuration(host: "127.0.0.1", port: 0),
                accessLog: false,
                rateLimit: rateLimit
            ),
            store: store,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            registry: PrometheusCollectorRegistry()
        )
        try service.start()
        _ = try store.createTherapist(practiceID: practiceID, id: "t-1", actor: .commandLine)
    }

    /// Stops the server, closes the store and removes the files.
    func stop() {
        service.server.shutdownAndWait()
        store.close()
        directory.remove()
    }

    /// A client of this server with `token` (default: the admin key).
    func client(
        token: String? = nil,
        retry: RetryPolicy = .default,
        requestTimeout: Double = 10,
        reuseConnections: Bool = true
    ) throws -> AttuneClient {
        try AttuneClient(
            AttuneClientConfiguration(
                baseURL: baseURL,
                key: APIKey(token ?? adminToken),
                requestTimeout: requestTimeout,
                retry: retry,
                reuseConnections: reuseConnections
            )
        )
    }

    /// A new key of `role`, made through the store.
    func token(_ role: Role, therapist: String? = nil) throws -> String {
        try store.createKey(
            practiceID: practiceID,
            NewAPIKey(role: role, therapistID: therapist, label: nil),
            actor: .commandLine
        ).token
    }

    /// How many current submissions the store holds for `client`.
    func submissionCount(client: String) throws -> Int {
        var query = SubmissionQuery()
        query.clientID = client
        query.limit = 100
        query.includeSuperseded = true
        return try store.submissions(practiceID: practiceID, query: query, auditAs: .commandLine).submissions.count
    }
}
