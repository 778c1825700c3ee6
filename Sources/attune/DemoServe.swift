import ArgumentParser
import AttuneServer
import AttuneStore
import Foundation

/// `attune serve --demo`: a fresh database with a filled demo practice, and its admin key printed.
enum DemoServe {
    /// Clients, weekly sessions and therapists of the demo practice: enough for every chart and
    /// aggregate of the README's walkthrough, filled in a few seconds.
    static let configuration = DemoConfiguration(clients: 120, sessions: 30, therapists: 4)

    /// `--database` when it names no existing file, else a new file in the temporary directory.
    static func location(_ database: String?) throws -> StoreLocation {
        let path: String
        if let database {
            let location = try StoreLocation(parsing: database)
            guard case .sqlite(let file) = location else { throw ValidationError("--demo needs a SQLite database") }
            guard !FileManager.default.fileExists(atPath: file) else {
                throw ValidationError("--demo starts on a fresh database, and \(file) exists; name a new file")
            }
            path = file
        } else {
            path = NSTemporaryDirectory() + "attune-demo-" + UUID().uuidString.prefix(8).lowercased() + ".sqlite"
        }
        return .sqlite(path: path)
    }

    /// Creates and fills the demo practice, then prints its id, admin key and a first request.
    static func fill(_ store: any Store, port: Int) throws {
        let created = try report { try store.createPractice(name: "Demo practice") }
        let filled = try report {
            try DemoPractice.fill(store: store, practiceID: created.practice.id, configuration: configuration)
        }
        // Written straight to the descriptor: print's buffer would hold it while the server runs.
        FileHandle.standardOutput.write(
            Data(
                """
                attune demo practice \(created.practice.id): \(filled.submissions) submissions, \
                \(configuration.clients) clients, \(filled.therapists) therapists
                admin key (shown once): \(created.adminKey.token)
                try: curl -s -H "Authorization: Bearer \(created.adminKey.token)" \
                http://127.0.0.1:\(port)/v1/clients?attention=true

                """.utf8
            )
        )
    }
}
