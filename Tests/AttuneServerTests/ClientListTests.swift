import AttuneStore
import Foundation
import Testing

/// `GET /v1/clients`: who needs attention, from the activity rows the submission transaction keeps.
@Suite struct ClientListTests {
    /// A check-in whose every quality is `value` (0 fires every floor alert and `low-total`).
    static func checkin(client: String, session: Int, therapist: String = "t-1", value: Int = 3) -> SubmissionBody {
        var body = SubmissionBody.checkin(session: session, client: client, therapist: therapist)
        for item in body.answers.keys { body.answers[item] = String(value) }
        body.date = String(format: "2026-11-%02d", session)
        return body
    }

    static func clients(_ response: TestResponse) -> [[String: Any]] {
        response.json?["clients"] as? [[String: Any]] ?? []
    }

    static func ids(_ response: TestResponse) -> [String] {
        clients(response).compactMap { $0["client"] as? String }
    }

    @Test func listsEachClientsLastSessionAndScopesClinicians() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try fixture.create(Self.checkin(client: "c-a", session: 1))
        try fixture.create(Self.checkin(client: "c-a", session: 3))
        // A backfilled earlier session moves nothing forward.
        try fixture.create(Self.checkin(client: "c-a", session: 2, therapist: "t-2"))
        try fixture.create(Self.checkin(client: "c-b", session: 1, therapist: "t-2"))

        let all = try fixture.client.get("/v1/clients", token: fixture.admin)
        #expect(all.status == 200, "\(all.text)")
        #expect(Self.ids(all) == ["c-a", "c-b"])
        let first = try #require(Self.clients(all).first)
        #expect(first["lastSession"] as? Int == 3)
        #expect(first["lastSessionDate"] as? String == "2026-11-03")
        #expect(first["therapist"] as? String == "t-1")
        #expect(first["daysSinceLastSession"] is Int)
        let questionnaire = try #require((first["questionnaires"] as? [[String: Any]])?.first)
        #expect(questionnaire["questionnaire"] as? String == "relationship-checkin")
        #expect(questionnaire["session"] as? Int == 3)
        let total = (questionnaire["scales"] as? [[String: Any]])?.first { $0["id"] as? String == "total" }
        #expect(total?["value"] as? Double == 3)

        #expect(Self.ids(try fixture.client.get("/v1/clients", token: fixture.clinician1)) == ["c-a"])
        #expect(Self.ids(try fixture.client.get("/v1/clients", token: fixture.clinician2)) == ["c-b"])
        // A clinician asking for another therapist's caseload gets nothing, not the other caseload.
        #expect(Self.ids(try fixture.client.get("/v1/clients?therapist=t-2", token: fixture.clinician1)).isEmpty)
        #expect(Self.ids(try fixture.client.get("/v1/clients?therapist=t-2", token: fixture.supervisor)) == ["c-b"])
        for token in [fixture.intake] {
            #expect(try fixture.client.get("/v1/clients", token: token).status == 403)
        }
        let other = try fixture.live.makePractice(name: "Other")
        #expect(Self.ids(try fixture.client.get("/v1/clients", token: other.adminKey.token)).isEmpty)
    }

    @Test func attentionKeepsUrgentClientsMostUrgentFirst() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try fixture.create(Self.checkin(client: "c-calm", session: 1))
        try fixture.create(Self.checkin(client: "c-alert", session: 1))
        try fixture.create(Self.checkin(client: "c-alert", session: 2, value: 0))
        // The client felt something was off; the therapist's form of the same session did not.
        var felt = Self.checkin(client: "c-missed", session: 1)
        felt.answers["rupture_felt"] = "true"
        felt.answers["rupture_discussed"] = #""no""#
        try fixture.create(felt)
        var therapistView = Self.checkin(client: "c-missed", session: 1)
        therapistView.questionnaire = "relationship-checkin-therapist"
        therapistView.respondent = "therapist"
        therapistView.answers["rupture_felt"] = "false"
        try fixture.create(therapistView)

        let attention = try fixture.client.get("/v1/clients?attention=true", token: fixture.admin)
        #expect(attention.status == 200, "\(attention.text)")
        #expect(Self.ids(attention) == ["c-missed", "c-alert"])
        let reasons = Self.clients(attention).map { $0["attention"] as? [String] ?? [] }
        #expect(reasons.first?.contains("missedRupture") == true)
        #expect(reasons.last == ["alert"])
        #expect(Self.clients(attention).last?["alertsInLastSession"] as? Int ?? 0 > 0)
        // Without the filter every client is listed, by id, with its (possibly empty) reasons.
        let all = try fixture.client.get("/v1/clients", token: fixture.admin)
        #expect(Self.ids(all) == ["c-alert", "c-calm", "c-missed"])
        #expect((Self.clients(all)[1]["attention"] as? [String])?.isEmpty == true)
    }

    @Test func pagesFollowTheirCursorAndRefuseAnotherQuerys() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        for client in ["c-1", "c-2", "c-3"] {
            try fixture.create(Self.checkin(client: client, session: 1, value: 0))
        }
        for attention in ["false", "true"] {
            var seen: [String] = []
            var path = "/v1/clients?limit=2&attention=\(attention)"
            var cursor: String?
            repeat {
                let page = try fixture.client.get(path, token: fixture.admin)
                #expect(page.status == 200, "\(page.text)")
                seen += Self.ids(page)
                cursor = page.json?["next"] as? String
                if let cursor {
                    #expect(page.header("Link")?.contains("rel=\"next\"") == true)
                    path = "/v1/clients?limit=2&attention=\(attention)&cursor=\(cursor)"
                }
            } while cursor != nil && seen.count < 10
            #expect(Set(seen) == ["c-1", "c-2", "c-3"])
            #expect(seen.count == 3)
        }
        let page = try fixture.client.get("/v1/clients?limit=1", token: fixture.admin)
        let cursor = try #require(page.json?["next"] as? String)
        let reused = try fixture.client.get("/v1/clients?attention=true&cursor=\(cursor)", token: fixture.admin)
        #expect(reused.status == 400)
        for bad in ["limit=0", "limit=501", "attention=yes", "cursor=forged", "colour=red"] {
            #expect(try fixture.client.get("/v1/clients?\(bad)", token: fixture.admin).status == 400, "\(bad)")
        }
    }
}
