import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Glibc
import Testing

/// The operator's commands: a missing database is an error for those that use existing data, and
/// the shell can list practices and keys and revoke a key.
@Suite(.timeLimit(.minutes(1)))
struct CLIOperatorTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    func createPractice(_ database: String, name: String = "Test") throws -> (practice: String, key: String) {
        let result = try AttuneProcess.run(["practice", "create", "--name", name, "--json", "--database", database])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        return (try #require(object["practice"] as? String), try #require(object["key"] as? String))
    }

    @Test(arguments: [
        ["backup", "out.sqlite"],
        ["key", "create", "--practice", "prc_000000000000000000000000", "--role", "intake"],
        ["key", "list", "--practice", "prc_000000000000000000000000"],
        ["key", "revoke", "key_000000000000000000000000"],
        ["practice", "list"],
    ])
    func commandsOnExistingDataRefuseAMissingDatabaseAndCreateNothing(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try AttuneProcess.run(arguments + ["--database", "./typo.sqlite"], in: directory.path)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("no database at ./typo.sqlite"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test(arguments: [["migrate"], ["practice", "create", "--name", "P"]])
    func commandsThatMayCreateADatabaseSaySoOnceWithThePath(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("new.sqlite")
        let first = try AttuneProcess.run(arguments + ["--database", database])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stderr.split(separator: "\n")
        #expect(lines == ["attune: created a new database at \(database)"])
        let second = try AttuneProcess.run(arguments + ["--database", database])
        #expect(second.status == 0)
        #expect(!second.stderr.contains("created"))
    }

    @Test func serveLogsTheDatabaseItCreates() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("served.sqlite")
        let server = try ServerProcess(database: database, logPath: directory.file("log"))
        #expect(server.terminate() == 0)
        let created = server.log.split(separator: "\n").filter { $0.contains("created a new database") }
        #expect(created.count == 1)
        #expect(created.first?.contains(database) == true)
    }

    @Test(arguments: ["1e308", "-1e308", "nan", "inf", "0", "-0", "99999999999999999999"])
    func serveRefusesTimeoutsAtTheEdgesWithAUsageError(_ value: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for option in ["--header-timeout", "--drain-timeout"] {
            let result = try AttuneProcess.run(
                ["serve", option, value, "--port", "0", "--database", directory.file("a.sqlite")]
            )
            #expect(result.status == 2, "\(option) \(value): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("a.sqlite")))
    }

    @Test func practiceListShowsEveryPracticeAsTextAndJSON() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("a.sqlite")
        let first = try createPractice(database, name: "North")
        let second = try createPractice(database, name: "South \"quoted\"")
        let text = try AttuneProcess.run(["practice", "list", "--database", database])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(first.practice) == true && lines.first?.hasSuffix("North") == true)
        #expect(lines.last?.hasPrefix(second.practice) == true)

        let result = try AttuneProcess.run(["practice", "list", "--json", "--database", database])
        #expect(result.status == 0)
        let practices = try #require(try json(result.stdout)["practices"] as? [[String: Any]])
        #expect(practices.compactMap { $0["id"] as? String } == [first.practice, second.practice])
        #expect(practices.compactMap { $0["name"] as? String } == ["North", "South \"quoted\""])
        #expect(practices.allSatisfy { ($0["createdAt"] as? String)?.hasSuffix("Z") == true })
    }

    @Test func keyListShowsThePracticesKeysWithoutSecrets() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("a.sqlite")
        let (practice, adminToken) = try createPractice(database)
        let other = try createPractice(database)
        let created = try AttuneProcess.run(
            ["key", "create", "--practice", practice, "--role", "intake", "--json", "--database", database]
        )
        let intakeID = try #require(try json(created.stdout)["id"] as? String)

        let result = try AttuneProcess.run(["key", "list", "--practice", practice, "--json", "--database", database])
        #expect(result.status == 0, "\(result.stderr)")
        let keys = try #require(try json(result.stdout)["keys"] as? [[String: Any]])
        #expect(keys.compactMap { $0["role"] as? String } == ["admin", "intake"])
        #expect(keys.last?["id"] as? String == intakeID)
        #expect(!result.stdout.contains(adminToken) && !result.stdout.contains("\"key\""))
        #expect(!result.stdout.contains(other.practice))

        let text = try AttuneProcess.run(["key", "list", "--practice", practice, "--database", database])
        #expect(text.status == 0)
        #expect(text.stdout.split(separator: "\n").count == 2)
        #expect(text.stdout.contains(intakeID))

        let unknown = try AttuneProcess.run(
            ["key", "list", "--practice", "prc_000000000000000000000000", "--database", database]
        )
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no practice"))
    }

    @Test func keyRevokeStopsTheKeyAndRefusesAnUnknownID() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("a.sqlite")
        let (practice, token) = try createPractice(database)
        let keyID = try #require(APIKeyToken.keyID(in: token))
        do {
            let store = try SQLiteStore(path: database)
            defer { store.close() }
            #expect(try store.authenticate(token: token)?.practiceID == practice)
        }

        let result = try AttuneProcess.run(["key", "revoke", keyID, "--json", "--database", database])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        #expect(object["id"] as? String == keyID)
        #expect((object["revokedAt"] as? String)?.hasSuffix("Z") == true)

        let again = try AttuneProcess.run(["key", "revoke", keyID, "--database", database])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already revoked"))

        let store = try SQLiteStore(path: database)
        defer { store.close() }
        #expect(try store.authenticate(token: token) == nil)
        let actions = try store.auditEvents(practiceID: practice, query: AuditQuery()).events.map(\.action)
        #expect(actions.filter { $0 == "key.revoke" }.count == 2)

        for unknown in ["key_000000000000000000000000", "", String(repeating: "k", count: 10_000)] {
            let refused = try AttuneProcess.run(["key", "revoke", unknown, "--database", database])
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("no key"))
            #expect(refused.stdout.isEmpty)
        }
    }
}
