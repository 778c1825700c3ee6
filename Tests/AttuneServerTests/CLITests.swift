import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// `attune` administration commands: output shapes and exit codes (0 ok, 1 failure, 2 usage).
@Suite(.timeLimit(.minutes(1)))
struct CLITests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    /// Creates a practice through the CLI; returns (practice id, admin token).
    func createPractice(_ database: String) throws -> (practice: String, key: String) {
        let result = try AttuneProcess.run(["practice", "create", "--name", "Test", "--json", "--database", database])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        return (try #require(object["practice"] as? String), try #require(object["key"] as? String))
    }

    @Test(arguments: [["--help"], ["serve", "--help"], ["migrate", "--help"], ["key", "create", "--help"]])
    func helpExitsZeroWithoutTouchingADatabase(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try AttuneProcess.run(arguments, in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func practiceCreateJSONPrintsOneObjectWithAWorkingAdminKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("a.sqlite")
        let result = try AttuneProcess.run(["practice", "create", "--name", "Test", "--json", "--database", database])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        let object = try json(result.stdout)
        #expect(Set(object.keys) == ["practice", "key"])
        let practice = try #require(object["practice"] as? String)
        let token = try #require(object["key"] as? String)
        #expect(practice.hasPrefix("prc_") && token.hasPrefix("atn_"))
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        let key = try #require(try store.authenticate(token: token))
        #expect(key.role == .admin && key.practiceID == practice)
    }

    @Test(arguments: [Role.intake, .submit])
    func keyCreateJSONPrintsIdAndKey(_ role: Role) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("a.sqlite")
        let (practice, _) = try createPractice(database)
        let result = try AttuneProcess.run(
            ["key", "create", "--practice", practice, "--role", role.rawValue, "--json", "--database", database]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        #expect(Set(object.keys) == ["id", "key"])
        let id = try #require(object["id"] as? String)
        let token = try #require(object["key"] as? String)
        #expect(token.hasPrefix("atn_" + id + "_"))
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        #expect(try store.authenticate(token: token)?.role == role)
    }

    @Test func keyCreateForUnknownPracticeExits1WithAMessage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("a.sqlite")
        _ = try createPractice(database)
        let result = try AttuneProcess.run(
            ["key", "create", "--practice", "prc_000000000000000000000000", "--role", "intake", "--database", database]
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("no practice"))
        #expect(result.stdout.isEmpty)
    }

    @Test func keyCreateForClinicianWithoutTherapistExits1() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("a.sqlite")
        let (practice, _) = try createPractice(database)
        let result = try AttuneProcess.run(
            ["key", "create", "--practice", practice, "--role", "clinician", "--database", database]
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("therapist"))
    }

    @Test(arguments: [
        ["key", "create", "--practice", "p", "--role", "root"],
        ["key", "create", "--role", "intake"],
        ["practice", "create"],
        ["serve", "--port", "70000"],
        ["serve", "--rate-limit", "-1"],
        ["no-such-command"],
    ])
    func usageErrorsExit2(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try AttuneProcess.run(arguments + ["--database", directory.file("a.sqlite")], in: directory.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func badRoleNamesTheRoles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try AttuneProcess.run(
            ["key", "create", "--practice", "p", "--role", "root", "--database", directory.file("a.sqlite")]
        )
        #expect(result.status == 2)
        #expect(result.stderr.contains("admin, intake, clinician, supervisor or submit"))
    }

    @Test func migrateOnAFreshFilePrintsTheVersionAndIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("fresh.sqlite")
        let first = try AttuneProcess.run(["migrate", "--database", database])
        #expect(first.status == 0, "\(first.stderr)")
        let line = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("schema version "))
        let version = try #require(Int(line.dropFirst("schema version ".count)))
        #expect(version >= 1)
        #expect(FileManager.default.fileExists(atPath: database))
        let second = try AttuneProcess.run(["migrate", "--database", "sqlite:" + database])
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
    }
}
