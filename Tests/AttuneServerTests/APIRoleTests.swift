import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// 403 for every role that may not call an endpoint, and nothing written when refused.
@Suite(.timeLimit(.minutes(1)))
struct APIRoleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: String
        var path: String
        var body: String?
        var role: Role

        var testDescription: String { "\(role.rawValue) \(method) \(path)" }
    }

    /// Endpoint → the roles it admits (from the API contract); every other role must get 403.
    static let endpoints: [(method: String, path: String, body: String?, allowed: Set<Role>)] = [
        ("POST", "/v1/therapists", #"{"id":"t-new"}"#, [.admin]),
        ("GET", "/v1/therapists", nil, [.admin, .supervisor]),
        ("GET", "/v1/therapists/t-1", nil, [.admin, .supervisor, .clinician]),
        ("POST", "/v1/keys", #"{"role":"intake"}"#, [.admin]),
        ("GET", "/v1/keys", nil, [.admin]),
        ("GET", "/v1/keys/{key}", nil, [.admin]),
        ("DELETE", "/v1/keys/{key}", nil, [.admin]),
        ("GET", "/v1/audit", nil, [.admin]),
    ]

    static let cases: [Case] = endpoints.flatMap { endpoint in
        Role.allCases.filter { !endpoint.allowed.contains($0) }.map {
            Case(method: endpoint.method, path: endpoint.path, body: endpoint.body, role: $0)
        }
    }

    @Test(arguments: cases)
    func roleWithoutAccessGets403AndChangesNothing(_ test: Case) throws {
        let live = try LiveService()
        defer { live.stop() }
        _ = try live.store.createTherapist(practiceID: live.practiceID, id: "t-1", actor: .commandLine)
        let key = try live.makeKey(test.role, therapist: test.role == .clinician ? "t-1" : nil)
        let target = try live.makeKey(.intake)
        let path = test.path.replacingOccurrences(of: "{key}", with: target.key.id)
        let before = try live.counts([live.practiceID])
        let response = try live.client.request(
            test.method,
            path,
            token: key.token,
            body: test.body.map { Array($0.utf8) }
        )
        #expect(response.status == 403)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.json?["status"] as? Int == 403)
        #expect(try live.counts([live.practiceID]) == before)
        #expect(try live.store.key(practiceID: live.practiceID, id: target.key.id)?.revokedAt == nil)
    }

    @Test(arguments: [Role.admin, .supervisor])
    func readersSeeAnyTherapistOfThePractice(_ role: Role) throws {
        let live = try LiveService()
        defer { live.stop() }
        _ = try live.store.createTherapist(practiceID: live.practiceID, id: "t-1", actor: .commandLine)
        let key = try live.makeKey(role)
        let response = try live.client.get("/v1/therapists/t-1", token: key.token)
        #expect(response.status == 200)
        #expect(response.json?["id"] as? String == "t-1")
    }

    @Test func clinicianSeesOnlyTheirOwnTherapistRecord() throws {
        let live = try LiveService()
        defer { live.stop() }
        for id in ["t-1", "t-2"] {
            _ = try live.store.createTherapist(practiceID: live.practiceID, id: id, actor: .commandLine)
        }
        let clinician = try live.makeKey(.clinician, therapist: "t-1")
        let own = try live.client.get("/v1/therapists/t-1", token: clinician.token)
        #expect(own.status == 200)
        #expect(own.json?["id"] as? String == "t-1")
        let colleague = try live.client.get("/v1/therapists/t-2", token: clinician.token)
        let missing = try live.client.get("/v1/therapists/t-404", token: clinician.token)
        #expect(colleague.status == 404)
        #expect(colleague.problemBody == missing.problemBody)
    }
}
