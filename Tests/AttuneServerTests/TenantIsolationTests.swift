import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// Practice B's keys never reach practice A's rows: another practice's id answers exactly like a
/// missing one, and no list shows another practice's rows.
@Suite(.timeLimit(.minutes(1)))
struct TenantIsolationTests {
    /// Practice A (the live service's) and B, each with therapists and keys.
    final class TwoPractices {
        let live: LiveService
        let practiceB: String
        let adminB: String
        let keyOfA: CreatedAPIKey
        let therapistsOfA = ["t-a1", "t-a2", "t-shared"]

        init() throws {
            live = try LiveService()
            let created = try live.makePractice(name: "Practice B")
            practiceB = created.practice.id
            adminB = created.adminKey.token
            for id in therapistsOfA {
                _ = try live.store.createTherapist(practiceID: live.practiceID, id: id, actor: .commandLine)
            }
            for id in ["t-b1", "t-shared"] {
                _ = try live.store.createTherapist(practiceID: practiceB, id: id, actor: .commandLine)
            }
            keyOfA = try live.makeKey(.clinician, therapist: "t-a1")
            _ = try live.makeKey(.supervisor, in: practiceB)
        }

        var keyIDsOfA: Set<String> {
            get throws { Set(try live.store.keys(practiceID: live.practiceID).map(\.id)) }
        }
    }

    /// (method, path of A's resource, path of a resource that never existed).
    static let idEndpoints: [(String, String, String)] = [
        ("GET", "/v1/therapists/t-a1", "/v1/therapists/t-never"),
        ("GET", "/v1/keys/{A}", "/v1/keys/key_000000000000000000000000"),
        ("DELETE", "/v1/keys/{A}", "/v1/keys/key_000000000000000000000000"),
    ]

    @Test(arguments: 0..<idEndpoints.count)
    func otherPracticesIdIsIndistinguishableFromMissing(_ index: Int) throws {
        let setup = try TwoPractices()
        defer { setup.live.stop() }
        let (method, pathOfA, missingPath) = Self.idEndpoints[index]
        let path = pathOfA.replacingOccurrences(of: "{A}", with: setup.keyOfA.key.id)
        let before = try setup.live.counts([setup.live.practiceID, setup.practiceB])
        let foreign = try setup.live.client.request(method, path, token: setup.adminB)
        let missing = try setup.live.client.request(method, missingPath, token: setup.adminB)
        #expect(foreign.status == 404)
        #expect(foreign.status == missing.status)
        #expect(foreign.problemBody == missing.problemBody, "\(foreign.text) vs \(missing.text)")
        #expect(foreign.header("Content-Type") == missing.header("Content-Type"))
        #expect(foreign.headers.map(\.name).sorted() == missing.headers.map(\.name).sorted())
        #expect(try setup.live.counts([setup.live.practiceID, setup.practiceB]) == before)
    }

    @Test func deletingAnotherPracticesKeyDoesNotRevokeIt() throws {
        let setup = try TwoPractices()
        defer { setup.live.stop() }
        let response = try setup.live.client.delete("/v1/keys/" + setup.keyOfA.key.id, token: setup.adminB)
        #expect(response.status == 404)
        let stored = try setup.live.store.key(practiceID: setup.live.practiceID, id: setup.keyOfA.key.id)
        #expect(stored?.revokedAt == nil)
        let stillWorks = try setup.live.client.get("/v1/therapists/t-a1", token: setup.keyOfA.token)
        #expect(stillWorks.status == 200)
    }

    @Test func therapistListShowsOnlyOwnPractice() throws {
        let setup = try TwoPractices()
        defer { setup.live.stop() }
        let response = try setup.live.client.get("/v1/therapists", token: setup.adminB)
        #expect(response.status == 200)
        let ids = (response.json?["therapists"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["t-b1", "t-shared"])
    }

    @Test func sameTherapistIdResolvesToOwnPractice() throws {
        let setup = try TwoPractices()
        defer { setup.live.stop() }
        let response = try setup.live.client.get("/v1/therapists/t-shared", token: setup.adminB)
        let own = try #require(try setup.live.store.therapist(practiceID: setup.practiceB, id: "t-shared"))
        #expect(response.status == 200)
        let ownMillis = Int64((own.createdAt.timeIntervalSince1970 * 1000).rounded())
        #expect(response.json?["createdAt"] as? String == rfc3339(millis: ownMillis))
    }

    @Test func keyListShowsOnlyOwnPractice() throws {
        let setup = try TwoPractices()
        defer { setup.live.stop() }
        let response = try setup.live.client.get("/v1/keys", token: setup.adminB)
        #expect(response.status == 200)
        let ids = Set((response.json?["keys"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? [])
        let expected = Set(try setup.live.store.keys(practiceID: setup.practiceB).map(\.id))
        #expect(ids == expected)
        #expect(ids.isDisjoint(with: try setup.keyIDsOfA))
    }

    @Test func auditShowsOnlyOwnPracticeEvenWithAnotherPracticesCursor() throws {
        let setup = try TwoPractices()
        defer { setup.live.stop() }
        // A's admin acts over the API too, so A's trail has key ids in it.
        let created = try setup.live.client.post(
            "/v1/therapists",
            token: setup.live.adminToken,
            json: #"{"id":"t-a3"}"#
        )
        #expect(created.status == 201)
        let pageOfA = try setup.live.client.get("/v1/audit?limit=1", token: setup.live.adminToken)
        let cursorOfA = try #require(pageOfA.json?["next"] as? String)
        let eventsOfA = Set(
            try setup.live.store.auditEvents(practiceID: setup.live.practiceID, query: AuditQuery(limit: 1000))
                .events.map(\.id)
        )
        let encodedCursor = cursorOfA.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursorOfA
        for path in ["/v1/audit", "/v1/audit?order=oldestFirst", "/v1/audit?cursor=" + encodedCursor] {
            let response = try setup.live.client.get(path, token: setup.adminB)
            let events = response.json?["events"] as? [[String: Any]] ?? []
            let ids = Set(events.compactMap { $0["id"] as? String })
            let resources = Set(events.compactMap { $0["resourceId"] as? String })
            let actors = Set(events.compactMap { $0["keyId"] as? String })
            #expect(ids.isDisjoint(with: eventsOfA), "\(path)")
            #expect(resources.isDisjoint(with: ["t-a1", "t-a2", "t-a3", setup.live.practiceID]), "\(path)")
            #expect(actors.isDisjoint(with: try setup.keyIDsOfA), "\(path)")
            if path == "/v1/audit" { #expect(response.status == 200 && !events.isEmpty) }
        }
    }
}

/// The server's RFC 3339 form (UTC, milliseconds) of an instant.
func rfc3339(millis: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
}
