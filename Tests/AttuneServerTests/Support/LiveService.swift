import AttuneSQLite
import AttuneServer
import AttuneStore
import AttuneTesting
import HTTPServer
import Logging
import Prometheus

/// The real service on 127.0.0.1:0 over a fresh SQLite file, with one practice and its admin key.
final class LiveService {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let service: AttuneService
    let practiceID: String
    let adminToken: String
    let adminKeyID: String

    var port: Int { service.server.port }
    var client: HTTPClient { HTTPClient(port: port) }
    var databasePath: String { directory.file("a.sqlite") }

    init(rateLimit: Int = 0) throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.file("a.sqlite"))
        let created = try store.createPractice(name: "Practice A")
        practiceID = created.practice.id
        adminToken = created.adminKey.token
        adminKeyID = created.adminKey.key.id
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
    }

    /// Stops the server, closes the store and removes the files.
    func stop() {
        service.server.shutdownAndWait()
        store.close()
        directory.remove()
    }

    /// A new key of `role` in `practiceID` (default: this service's practice), made through the store.
    func makeKey(_ role: Role, therapist: String? = nil, in practiceID: String? = nil) throws -> CreatedAPIKey {
        try store.createKey(
            practiceID: practiceID ?? self.practiceID,
            NewAPIKey(role: role, therapistID: therapist, label: nil),
            actor: .commandLine
        )
    }

    /// A second practice in the same store.
    func makePractice(name: String) throws -> CreatedPractice {
        try store.createPractice(name: name)
    }

    /// Counts of what a write could change, summed over `practices`.
    func counts(_ practices: [String]) throws -> StoreCounts {
        var counts = StoreCounts()
        for practice in practices {
            counts.therapists += try store.therapists(practiceID: practice).count
            counts.keys += try store.keys(practiceID: practice).count
            counts.auditEvents += try store.auditEvents(practiceID: practice, query: AuditQuery(limit: 1000)).events
                .count
        }
        return counts
    }
}

/// Row counts used to prove a refused request changed nothing.
struct StoreCounts: Equatable, CustomStringConvertible {
    var therapists = 0
    var keys = 0
    var auditEvents = 0

    var description: String { "therapists \(therapists), keys \(keys), audit events \(auditEvents)" }
}
