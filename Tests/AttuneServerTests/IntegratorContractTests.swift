import AttuneStore
import Foundation
import Testing

/// What integrators rely on: no caching of clinical data, `GET /v1/me`, the `submit` role, revoked keys.
@Suite(.timeLimit(.minutes(1)))
struct IntegratorContractTests {
    @Test func clinicalDataAndOperatorEndpointsSayNoStore() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        let created = try fixture.create(.checkin())
        let id = try #require(created["id"] as? String)
        let posted = try fixture.post(.checkin(session: 2))
        #expect(posted.header("Cache-Control") == "no-store")
        let paths = [
            "/v1/submissions/\(id)", "/v1/submissions", "/v1/submissions?client=c-1", "/v1/audit", "/v1/keys",
            "/v1/therapists", "/v1/me", "/v1/questionnaires", "/v1/submissions/sub_none", "/healthz", "/readyz",
            "/metrics",
        ]
        for path in paths {
            let response = try fixture.client.get(path, token: fixture.admin)
            #expect(response.header("Cache-Control") == "no-store", "\(path): \(response.status)")
        }
        // Definitions are not clinical data: they keep their validator-based caching.
        let definition = try fixture.client.get("/v1/questionnaires/relationship-checkin", token: fixture.admin)
        #expect(definition.status == 200)
        #expect(definition.header("ETag") != nil)
        #expect(definition.header("Cache-Control") != "no-store")
    }

    @Test(arguments: Role.allCases)
    func meNamesTheCallingKey(_ role: Role) throws {
        let live = try LiveService()
        defer { live.stop() }
        _ = try live.store.createTherapist(practiceID: live.practiceID, id: "t-1", actor: .commandLine)
        let key = try live.makeKey(role, therapist: role == .clinician ? "t-1" : nil)
        let response = try live.client.get("/v1/me", token: key.token)
        #expect(response.status == 200)
        let me = try #require(response.json)
        #expect(me["id"] as? String == key.key.id)
        #expect(me["role"] as? String == role.rawValue)
        #expect(me["practice"] as? String == live.practiceID)
        if role == .clinician {
            #expect(me["therapist"] as? String == "t-1")
        } else {
            #expect(me["therapist"] is NSNull)
        }
        #expect(try live.client.get("/v1/me", token: nil).status == 401)
    }

    @Test func submitKeyPostsButReadsNoClinicalData() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        let made = try fixture.client.post("/v1/keys", token: fixture.admin, json: #"{"role":"submit"}"#)
        #expect(made.status == 201)
        let token = try #require(made.json?["key"] as? String)
        let posted = try fixture.post(.checkin(), token: token)
        #expect(posted.status == 201, "\(posted.text)")
        let id = try #require(posted.json?["id"] as? String)
        for path in ["/v1/submissions/\(id)", "/v1/submissions", "/v1/audit", "/v1/therapists", "/v1/keys"] {
            let response = try fixture.client.get(path, token: token)
            #expect(response.status == 403, "\(path)")
            #expect(response.json?["type"] as? String == "/problems/forbidden")
        }
        // The form renders a definition, which is not clinical data; the list of them stays closed.
        #expect(try fixture.client.get("/v1/questionnaires/relationship-checkin", token: token).status == 200)
        #expect(try fixture.client.get("/v1/questionnaires", token: token).status == 403)
    }

    @Test func aRevokedKeyIsGoneButListedOnRequestAndAudited() throws {
        let live = try LiveService()
        defer { live.stop() }
        let target = try live.makeKey(.intake)
        let path = "/v1/keys/\(target.key.id)"
        #expect(try live.client.get(path, token: live.adminToken).status == 200)
        #expect(try live.client.delete(path, token: live.adminToken).status == 200)
        let after = try live.client.get(path, token: live.adminToken)
        #expect(after.status == 404)
        #expect(after.json?["type"] as? String == "/problems/not-found")
        func listed(_ query: String) throws -> [String] {
            let response = try live.client.get("/v1/keys" + query, token: live.adminToken)
            #expect(response.status == 200)
            return (response.json?["keys"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        }
        #expect(try !listed("").contains(target.key.id))
        #expect(try !listed("?revoked=false").contains(target.key.id))
        #expect(try listed("?revoked=true").contains(target.key.id))
        #expect(try listed("?revoked=true").contains(live.adminKeyID))
        #expect(try live.client.get("/v1/keys?revoked=maybe", token: live.adminToken).status == 400)
        let audit = try live.client.get("/v1/audit", token: live.adminToken).text
        #expect(audit.contains(target.key.id))
    }
}
