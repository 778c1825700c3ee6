import AttuneCore
import AttuneJSON
import AttuneSQLite
import AttuneStore
import Foundation
import Testing

@testable import AttuneServer

/// The trajectory over HTTP: the `201` that starts a rupture, the episodes and changes, clinician scope,
/// the audit event, refused parameters, and the reliability estimates.
@Suite(.serialized) struct TrajectoryAPITests {
    /// Check-in answers whose total (mean of eight) is `total`: `high` items at ⌈total⌉, the rest at ⌊total⌋.
    static func answers(total: Double) -> [String: String] {
        let low = Int(total.rounded(.down))
        let high = Int((total * 8).rounded()) - low * 8
        var answers: [String: String] = [:]
        for (index, id) in RelationshipQuality.allCases.map(\.rawValue).enumerated() {
            answers[id] = String(index < high ? low + 1 : low)
        }
        return answers
    }

    static func post(_ live: LiveService, session: Int, total: Double, client: String = "c-1") throws -> TestResponse {
        var body = SubmissionBody.checkin(session: session, client: client, therapist: "t-1")
        body.answers = answers(total: total)
        body.date = CalendarDate(dayNumber: 20_400 + 7 * session)?.description ?? "2026-01-01"
        return try live.client.post("/v1/submissions", token: live.adminToken, json: body.json)
    }

    static func start() throws -> LiveService {
        let live = try LiveService()
        for id in ["t-1", "t-2"] {
            _ = try live.store.createTherapist(practiceID: live.practiceID, id: id, actor: .commandLine)
        }
        return live
    }

    @Test(.timeLimit(.minutes(1))) func theSubmissionThatStartsARuptureSaysSo() throws {
        let live = try Self.start()
        defer { live.stop() }
        for (session, total) in [(1, 3.0), (2, 3.5), (3, 2.5)] {
            let response = try Self.post(live, session: session, total: total)
            #expect(response.status == 201)
            #expect(try JSONReader().parse(response.body)["ruptures"] == nil)
        }
        let response = try Self.post(live, session: 4, total: 2)
        #expect(response.status == 201)
        let ruptures = try JSONReader().parse(response.body)["ruptures"]?.arrayValue
        #expect(ruptures?.count == 1)
        #expect(ruptures?.first?["threshold"]?.doubleValue == 2)

        let trajectory = try live.client.get("/v1/clients/c-1/trajectory", token: live.adminToken)
        #expect(trajectory.status == 200)
        let json = try JSONReader().parse(trajectory.body)
        let total = try #require(json["scales"]?.arrayValue?.first)
        #expect(total["scale"] == "total")
        #expect(total["reliableChange"]?["source"] == "unavailable")
        let points = try #require(total["points"]?.arrayValue)
        #expect(points.map { $0["value"]?.doubleValue } == [3, 3.5, 2.5, 2])
        #expect(points[3]["changeFromPrevious"]?.doubleValue == -0.5)
        #expect(points[3]["changeFromBaseline"]?.doubleValue == -1)
        #expect(points[2]["ruptureCheck"]?["check"] == "tooFewEarlierSessions")
        let episode = try #require(total["episodes"]?.arrayValue?.first)
        #expect(episode["firstSession"]?.intValue == 4)
        // The sessions are dated in 2025, more than 60 days before the server's date: the client stopped coming.
        #expect(episode["status"] == "ended")
        #expect(episode["depth"]?.doubleValue == 1)
    }

    @Test(.timeLimit(.minutes(1))) func theAttentionListShowsAnOpenRupture() throws {
        let live = try Self.start()
        defer { live.stop() }
        for (session, total) in [(1, 3.0), (2, 3.5), (3, 2.5), (4, 2)] {
            #expect(try Self.post(live, session: session, total: total, client: "c-drop").status == 201)
        }
        for (session, total) in [(1, 3.0), (2, 3.0), (3, 3.0), (4, 3.0)] {
            #expect(try Self.post(live, session: session, total: total, client: "c-steady").status == 201)
        }
        let response = try live.client.get("/v1/clients?attention=true", token: live.adminToken)
        #expect(response.status == 200)
        let clients = try #require(try JSONReader().parse(response.body)["clients"]?.arrayValue)
        #expect(clients.map { $0["client"]?.stringValue } == ["c-drop"])
        let rupture = try #require(clients.first?["openRuptures"]?.arrayValue?.first)
        #expect(rupture["scale"] == "total")
        #expect(rupture["firstSession"]?.intValue == 4)
        #expect(clients.first?["attention"]?.arrayValue?.contains("openRupture") == true)
    }

    @Test(.timeLimit(.minutes(1))) func clinicianKeysSeeOnlyTheirOwnTherapistsClients() throws {
        let live = try Self.start()
        defer { live.stop() }
        #expect(try Self.post(live, session: 1, total: 3).status == 201)
        let own = try live.makeKey(.clinician, therapist: "t-1")
        let other = try live.makeKey(.clinician, therapist: "t-2")
        let supervisor = try live.makeKey(.supervisor)
        #expect(try live.client.get("/v1/clients/c-1/trajectory", token: own.token).status == 200)
        #expect(try live.client.get("/v1/clients/c-1/trajectory", token: supervisor.token).status == 200)
        let hidden = try live.client.get("/v1/clients/c-1/trajectory", token: other.token)
        #expect(hidden.status == 404)
        #expect(hidden.header("content-type") == "application/problem+json")
        for role in [Role.intake, .submit] {
            let key = try live.makeKey(role)
            #expect(try live.client.get("/v1/clients/c-1/trajectory", token: key.token).status == 403)
            #expect(try live.client.get("/v1/aggregates/reliability", token: key.token).status == 403)
        }
        #expect(try live.client.get("/v1/clients/c-9/trajectory", token: live.adminToken).status == 404)
    }

    @Test(.timeLimit(.minutes(1))) func aTrajectoryReadIsAnAuditEvent() throws {
        let live = try Self.start()
        defer { live.stop() }
        #expect(try Self.post(live, session: 1, total: 3).status == 201)
        #expect(try live.client.get("/v1/clients/c-1/trajectory", token: live.adminToken).status == 200)
        var events: [AuditEvent] = []
        for _ in 0..<50 {
            events = try live.store.auditEvents(practiceID: live.practiceID, query: AuditQuery(limit: 100)).events
                .filter { $0.action == "trajectory.read" }
            if !events.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(events.map(\.resourceID) == ["c-1"])
        #expect(events.first?.outcome == "success")
    }

    @Test(arguments: ["k=9", "k=abc", "repair_within=0", "ended_after_days=-1", "respondent=x", "scale=nope", "x=1"])
    func refusesBadParameters(query: String) throws {
        let live = try Self.start()
        defer { live.stop() }
        #expect(try Self.post(live, session: 1, total: 3).status == 201)
        let response = try live.client.get("/v1/clients/c-1/trajectory?" + query, token: live.adminToken)
        #expect(response.status == 400)
        #expect(response.header("content-type") == "application/problem+json")
    }

    @Test(.timeLimit(.minutes(1))) func servesCSVWithOneRowPerSessionAndScale() throws {
        let live = try Self.start()
        defer { live.stop() }
        for (session, total) in [(1, 3.0), (2, 3.5), (3, 2.5), (4, 2.0)] {
            #expect(try Self.post(live, session: session, total: total).status == 201)
        }
        let byFormat = try live.client.get("/v1/clients/c-1/trajectory?format=csv&scale=total", token: live.adminToken)
        let byAccept = try live.client.request(
            "GET",
            "/v1/clients/c-1/trajectory?scale=total",
            token: live.adminToken,
            headers: [("Accept", "text/csv")]
        )
        #expect(byFormat.status == 200)
        #expect(byFormat.header("content-type")?.hasPrefix("text/csv") == true)
        #expect(byAccept.body == byFormat.body)
        let lines = String(decoding: byFormat.body, as: UTF8.self).split(separator: "\r\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines.first?.hasPrefix("client,questionnaire,respondent,scale,session,date,") == true)
        let last = lines.last?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        #expect(last.count == TrajectoryCSV.header.count)
        #expect(last[9] == "2")  // value
        #expect(last[11] == "-0.5")  // a plain number, not escaped as text
        #expect(last[18] == "detected")
    }

    @Test(.timeLimit(.minutes(1))) func reportsThePracticesReliability() throws {
        let live = try Self.start()
        defer { live.stop() }
        for (client, total) in [("c-1", 3.0), ("c-2", 2.5), ("c-3", 3.5), ("c-4", 1.25)] {
            #expect(try Self.post(live, session: 1, total: total, client: client).status == 201)
        }
        let response = try live.client.get(
            "/v1/aggregates/reliability?questionnaire=relationship-checkin",
            token: live.adminToken
        )
        #expect(response.status == 200)
        let json = try JSONReader().parse(response.body)
        let total = try #require(json["scales"]?.arrayValue?.first { $0["scale"] == "total" })
        #expect(total["clients"]?.intValue == 4)
        #expect(total["completeCases"]?.intValue == 4)
        #expect(total["alpha"]?.doubleValue != nil)
        let sd = try #require(total["baselineSD"]?.doubleValue)
        #expect(abs(sd - RunningMoments([3, 2.5, 3.5, 1.25]).sampleSD!) < 1e-6)
    }
}
