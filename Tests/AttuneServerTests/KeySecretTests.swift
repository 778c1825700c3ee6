import Foundation
import Testing

/// A key's secret is shown once, stored only as a hash, and works until revoked.
@Suite(.timeLimit(.minutes(1)))
struct KeySecretTests {
    /// Creates a supervisor key over the API; returns (id, token).
    func createKey(_ live: LiveService, json: String = #"{"role":"supervisor","label":"tablet"}"#) throws -> (
        id: String, token: String
    ) {
        let response = try live.client.post("/v1/keys", token: live.adminToken, json: json)
        #expect(response.status == 201)
        let id = try #require(response.json?["id"] as? String)
        let token = try #require(response.json?["key"] as? String)
        #expect(response.header("Location") == "/v1/keys/" + id)
        return (id, token)
    }

    @Test func plaintextKeyIsNowhereInTheDatabaseFiles() throws {
        let live = try LiveService()
        defer { live.stop() }
        var tokens = [live.adminToken]
        for _ in 0..<3 { tokens.append(try createKey(live).token) }
        // Used once each, so lastUsedAt writes hit the log too.
        for token in tokens { _ = try live.client.get("/v1/therapists", token: token) }
        let files = ["", "-wal", "-shm"].map { live.databasePath + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
        #expect(files.count >= 2, "expected the database and its WAL: \(files)")
        let contents = try files.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) }
        // The search itself works: the public key ids are in the files.
        for token in tokens {
            let id = Array(token.dropFirst(4).prefix(28).utf8)
            #expect(contents.contains { $0.firstRange(of: id) != nil }, "key id not found: the search is blind")
        }
        for token in tokens {
            let secret = String(token.suffix(43))
            for (file, bytes) in zip(files, contents) {
                #expect(bytes.firstRange(of: Array(token.utf8)) == nil, "token found in \(file)")
                #expect(bytes.firstRange(of: Array(secret.utf8)) == nil, "secret found in \(file)")
            }
        }
    }

    @Test func keyIsShownOnlyInTheCreationResponse() throws {
        let live = try LiveService()
        defer { live.stop() }
        let (id, _) = try createKey(live)
        let list = try live.client.get("/v1/keys", token: live.adminToken)
        let keys = try #require(list.json?["keys"] as? [[String: Any]])
        #expect(keys.count == 2)
        #expect(keys.allSatisfy { $0["key"] == nil && $0["id"] is String })
        let one = try live.client.get("/v1/keys/" + id, token: live.adminToken)
        #expect(one.status == 200)
        #expect(one.json?["key"] == nil)
        #expect(one.json?["label"] as? String == "tablet")
        let revoked = try live.client.delete("/v1/keys/" + id, token: live.adminToken)
        #expect(revoked.status == 200)
        #expect(revoked.json?["key"] == nil)
        #expect(!list.text.contains("atn_") && !one.text.contains("atn_") && !revoked.text.contains("atn_"))
    }

    @Test func keyCreatedOverTheAPIAuthenticatesUntilDeleted() throws {
        let live = try LiveService()
        defer { live.stop() }
        let (id, token) = try createKey(live)
        #expect(token.hasPrefix("atn_" + id + "_"))
        #expect(try live.client.get("/v1/therapists", token: token).status == 200)
        #expect(try live.client.delete("/v1/keys/" + id, token: live.adminToken).status == 200)
        #expect(try live.client.get("/v1/therapists", token: token).status == 401)
        // Revoking again keeps the first revocation and the key stays dead.
        let again = try live.client.delete("/v1/keys/" + id, token: live.adminToken)
        #expect(again.status == 200)
        #expect(try live.client.get("/v1/therapists", token: token).status == 401)
    }

    @Test func clinicianKeyCreatedOverTheAPIIsBoundToItsTherapist() throws {
        let live = try LiveService()
        defer { live.stop() }
        for id in ["t-1", "t-2"] {
            #expect(
                try live.client.post("/v1/therapists", token: live.adminToken, json: #"{"id":"\#(id)"}"#).status == 201
            )
        }
        let (_, token) = try createKey(live, json: #"{"role":"clinician","therapist":"t-1"}"#)
        #expect(try live.client.get("/v1/therapists/t-1", token: token).status == 200)
        #expect(try live.client.get("/v1/therapists/t-2", token: token).status == 404)
        #expect(try live.client.get("/v1/therapists", token: token).status == 403)
    }

    @Test func everyCreatedKeyIsDistinct() throws {
        let live = try LiveService()
        defer { live.stop() }
        var tokens: Set<String> = []
        var ids: Set<String> = []
        for _ in 0..<10 {
            let (id, token) = try createKey(live)
            tokens.insert(token)
            ids.insert(id)
        }
        #expect(tokens.count == 10 && ids.count == 10)
    }
}
