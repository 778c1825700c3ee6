import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// `attune serve` and `attune backup` as processes: refusing a newer schema, a hot backup, a clean stop.
@Suite(.timeLimit(.minutes(1)))
struct CLIServeTests {
    @Test func serveRefusesADatabaseFromANewerAttune() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("future.sqlite")
        try SQLiteStore(path: database).close()
        try RawSQLite(path: database).execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'from the future', 0)"
        )
        let port = try AttuneProcess.freePort()
        let serve = try AttuneProcess.run(["serve", "--port", String(port), "--database", database])
        #expect(serve.status == 1)
        #expect((serve.stdout + serve.stderr).contains("newer than this attune supports"))
        let migrate = try AttuneProcess.run(["migrate", "--database", database])
        #expect(migrate.status == 1)
        #expect(migrate.stderr.contains("newer than this attune supports"))
    }

    @Test func backupWhileServingHasTheSameTherapistsAndSIGTERMExitsZero() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("live.sqlite")
        let created = try AttuneProcess.run(["practice", "create", "--name", "B", "--json", "--database", database])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String]
        )
        let practice = try #require(object["practice"])
        let token = try #require(object["key"])
        let server = try ServerProcess(database: database, logPath: directory.file("serve.log"))
        var ids: [String] = []
        for index in 0..<25 {
            let id = "t-\(index)"
            let response = try server.client.post("/v1/therapists", token: token, json: #"{"id":"\#(id)"}"#)
            #expect(response.status == 201)
            ids.append(id)
        }
        let backupPath = directory.file("copy.sqlite")
        let backup = try AttuneProcess.run(["backup", backupPath, "--database", database])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("backup written"))
        // The server keeps serving during and after the backup.
        #expect(try server.client.get("/v1/therapists", token: token).status == 200)
        let again = try AttuneProcess.run(["backup", backupPath, "--database", database])
        #expect(again.status == 1, "a second backup must not overwrite the first")
        #expect(server.terminate() == 0, "\(server.log)")

        let copy = try SQLiteStore(path: backupPath)
        defer { copy.close() }
        #expect(try copy.therapists(practiceID: practice).map(\.id).sorted() == ids.sorted())
        #expect(try copy.authenticate(token: token)?.practiceID == practice)
    }
}
