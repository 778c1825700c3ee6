import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// `DELETE /v1/therapists/{id}`: deactivation keeps history, revokes clinician keys, refuses new work.
@Suite struct TherapistDeactivationTests {
    @Test func deactivationRevokesClinicianKeysAndRefusesNewSubmissions() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try fixture.create(.checkin(session: 1))
        #expect(try fixture.client.get("/v1/me", token: fixture.clinician1).status == 200)

        let deleted = try fixture.client.delete("/v1/therapists/t-1", token: fixture.admin)
        #expect(deleted.status == 200, "\(deleted.text)")
        #expect(deleted.json?["deactivatedAt"] is String)
        #expect((deleted.json?["revokedKeys"] as? [String])?.count == 1)

        // The clinician key is gone at once (the key cache forgot it), the other therapist's stays.
        #expect(try fixture.client.get("/v1/me", token: fixture.clinician1).status == 401)
        #expect(try fixture.client.get("/v1/me", token: fixture.clinician2).status == 200)

        // A new submission naming it: a clear 422 pointing at the therapist, nothing stored.
        let before = try fixture.submissionCount()
        let refused = try fixture.post(.checkin(session: 2))
        #expect(refused.status == 422)
        #expect(refused.text.contains("/therapist"))
        #expect(refused.errorDetails.contains { $0.contains("deactivated") })
        #expect(try fixture.submissionCount() == before)

        // A new clinician key for it is refused too.
        let key = try fixture.client.post(
            "/v1/keys",
            token: fixture.admin,
            json: #"{"role":"clinician","therapist":"t-1"}"#
        )
        #expect(key.status == 422, "\(key.text)")

        // Its history stays: the submission is still there and readable.
        let listed = try fixture.client.get("/v1/submissions?therapist=t-1", token: fixture.admin)
        #expect((listed.json?["submissions"] as? [Any])?.count == 1)
    }

    @Test func deactivatedTherapistIsListedOnlyOnRequestAndIsNotFoundByID() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        #expect(try fixture.client.delete("/v1/therapists/t-1", token: fixture.admin).status == 200)
        #expect(try fixture.client.get("/v1/therapists/t-1", token: fixture.admin).status == 404)
        // A second deactivation finds nothing to deactivate.
        #expect(try fixture.client.delete("/v1/therapists/t-1", token: fixture.admin).status == 404)

        let active = try fixture.client.get("/v1/therapists", token: fixture.admin)
        let activeIDs = (active.json?["therapists"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(activeIDs == ["t-2"])
        let all = try fixture.client.get("/v1/therapists?deactivated=true", token: fixture.admin)
        let allRows = try #require(all.json?["therapists"] as? [[String: Any]])
        #expect(allRows.compactMap { $0["id"] as? String } == ["t-1", "t-2"])
        #expect(allRows.first?["deactivatedAt"] is String)
        #expect(allRows.last?["deactivatedAt"] == nil)
        #expect(try fixture.client.get("/v1/therapists?deactivated=maybe", token: fixture.admin).status == 400)
    }

    @Test func creatingTheSameIDReactivates() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try fixture.create(.checkin(session: 1))
        #expect(try fixture.client.delete("/v1/therapists/t-1", token: fixture.admin).status == 200)
        let again = try fixture.client.post("/v1/therapists", token: fixture.admin, json: #"{"id":"t-1"}"#)
        #expect(again.status == 201, "\(again.text)")
        #expect(again.json?["deactivatedAt"] == nil)
        #expect(try fixture.client.get("/v1/therapists/t-1", token: fixture.admin).status == 200)
        #expect(try fixture.post(.checkin(session: 2)).status == 201)
        // An active therapist's id is still taken.
        let taken = try fixture.client.post("/v1/therapists", token: fixture.admin, json: #"{"id":"t-1"}"#)
        #expect(taken.status == 409)
        // The revoked key stays revoked: reactivation does not bring credentials back.
        #expect(try fixture.client.get("/v1/me", token: fixture.clinician1).status == 401)

        let actions = try fixture.live.store.auditEvents(
            practiceID: fixture.live.practiceID,
            query: AuditQuery(limit: 1000)
        ).events.map(\.action)
        #expect(actions.contains("therapist.deactivate"))
        #expect(actions.contains("therapist.reactivate"))
    }

    @Test func onlyAdminsDeactivateAndOtherPracticesSeeNothing() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        for token in [fixture.intake, fixture.supervisor, fixture.clinician1] {
            #expect(try fixture.client.delete("/v1/therapists/t-1", token: token).status == 403)
        }
        let other = try fixture.live.makePractice(name: "Other")
        #expect(try fixture.client.delete("/v1/therapists/t-1", token: other.adminKey.token).status == 404)
        #expect(try fixture.client.get("/v1/therapists/t-1", token: fixture.admin).status == 200)
        #expect(try fixture.client.delete("/v1/therapists/nobody", token: fixture.admin).status == 404)
    }
}
