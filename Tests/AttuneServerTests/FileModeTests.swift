import AttuneTesting
import Foundation
import Glibc
import Testing

/// Data files are the owner's alone: the database, its `-wal` and `-shm`, and a backup are 0600
/// even under the usual umask of 022, which leaves SQLite's own files world-readable.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct FileModeTests {
    func mode(_ path: String) throws -> mode_t {
        var info = stat()
        try #require(stat(path, &info) == 0, "\(path) is missing")
        return info.st_mode & 0o777
    }

    @Test func everyDataFileIsCreatedOwnerOnlyUnderUmask022() throws {
        // The umask is process-wide and children inherit it; 022 is the usual one, so other tests
        // running meanwhile see what they would see anyway.
        let previous = umask(0o022)
        defer { umask(previous) }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("a.sqlite")
        let created = try AttuneProcess.run(["practice", "create", "--name", "P", "--json", "--database", database])
        #expect(created.status == 0, "\(created.stderr)")
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["key"] as? String
        )
        let server = try ServerProcess(database: database, logPath: directory.file("log"))
        let response = try server.client.post("/v1/therapists", token: token, json: #"{"id":"t-1"}"#)
        #expect(response.status == 201)
        for file in [database, database + "-wal", database + "-shm"] {
            #expect(try mode(file) == 0o600, "\(file)")
        }
        let backup = directory.file("copy.sqlite")
        let copied = try AttuneProcess.run(["backup", backup, "--database", database])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(try mode(backup) == 0o600)
        #expect(server.terminate() == 0)
        // Nothing else was left beside them (the backup's temporary file is moved into place).
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!names.contains { $0.contains(".partial-") })
    }
}
