import AttuneCore
import AttuneJSON
import AttuneStore
import AttuneTesting
import Foundation
import Testing

@testable import AttuneServer

/// The trajectory as an SVG chart over HTTP, and the attention list's episode status in the trajectory's
/// words.
@Suite(.serialized) struct TrajectorySVGAPITests {
    /// The client's check-in totals, a fall at session 4, a repair at 5; the therapist rated 1–4.
    static func fill(_ live: LiveService) throws {
        for (session, total) in [(1, 3.0), (2, 3.5), (3, 3.0), (4, 1.5), (5, 3.25)] {
            #expect(try TrajectoryAPITests.post(live, session: session, total: total).status == 201)
        }
        for session in 1...4 {
            var body = SubmissionBody.checkin(session: session)
            body.questionnaire = "relationship-checkin-therapist"
            body.respondent = "therapist"
            body.answers = TrajectoryAPITests.answers(total: 3)
            body.date = CalendarDate(dayNumber: 20_400 + 7 * session)?.description
            #expect(try live.client.post("/v1/submissions", token: live.adminToken, json: body.json).status == 201)
        }
    }

    @Test(.timeLimit(.minutes(1))) func drawsTheTotalWithTheTherapistsViewAndTheEpisode() throws {
        let live = try TrajectoryAPITests.start()
        defer { live.stop() }
        try Self.fill(live)
        let byFormat = try live.client.get("/v1/clients/c-1/trajectory?format=svg", token: live.adminToken)
        let byAccept = try live.client.request(
            "GET",
            "/v1/clients/c-1/trajectory",
            token: live.adminToken,
            headers: [("Accept", "image/svg+xml")]
        )
        #expect(byFormat.status == 200)
        #expect(byFormat.header("content-type") == "image/svg+xml; charset=utf-8")
        #expect(byFormat.header("cache-control") == "no-store")
        #expect(byAccept.body == byFormat.body)
        let svg = String(decoding: byFormat.body, as: UTF8.self)
        let document = try #require(SVGInspector.parse(svg), "not well-formed XML")
        #expect(document.elements.first?.name == "svg")
        #expect(!svg.contains("<script") && !svg.contains("href"))
        // The total (no scale named): five client points, four therapist squares, a fall and its repair.
        #expect(document.elements("title").first?.text.contains("Client c-1") == true)
        #expect(document.elements("circle", class: "point").count == 5)
        #expect(document.elements("rect", class: "point").count == 4)
        let falls = document.elements("polygon", class: "rupture-detected")
        #expect(falls.count == 1)
        #expect(falls.first?.text.contains("session 4") == true)
        #expect(document.elements("circle", class: "repair").count == 1)
        #expect(document.elements("rect", class: "band").count == 4)
    }

    @Test(.timeLimit(.minutes(1))) func drawsOneNamedScaleAndRefusesAnUnknownFormat() throws {
        let live = try TrajectoryAPITests.start()
        defer { live.stop() }
        try Self.fill(live)
        let talk = try live.client.get(
            "/v1/clients/c-1/trajectory?format=svg&scale=rupture_talk",
            token: live.adminToken
        )
        #expect(talk.status == 200)
        let document = try #require(SVGInspector.parse(String(decoding: talk.body, as: UTF8.self)))
        // The follow-up is asked only after "something felt off": no values, and the chart says so.
        #expect(document.elements("text").contains { $0.text == "no values for this scale" })
        let bad = try live.client.get("/v1/clients/c-1/trajectory?format=png", token: live.adminToken)
        #expect(bad.status == 400)
        #expect(bad.header("content-type") == "application/problem+json")
        // JSON wins when the client accepts both.
        let both = try live.client.request(
            "GET",
            "/v1/clients/c-1/trajectory",
            token: live.adminToken,
            headers: [("Accept", "image/svg+xml, application/json")]
        )
        #expect(both.header("content-type")?.hasPrefix("application/json") == true)
    }

    @Test(.timeLimit(.minutes(1))) func aClinicianOfAnotherTherapistGetsNoChart() throws {
        let live = try TrajectoryAPITests.start()
        defer { live.stop() }
        try Self.fill(live)
        let other = try live.makeKey(.clinician, therapist: "t-2")
        let hidden = try live.client.get("/v1/clients/c-1/trajectory?format=svg", token: other.token)
        #expect(hidden.status == 404)
        #expect(hidden.header("content-type") == "application/problem+json")
    }

    @Test(.timeLimit(.minutes(1))) func theAttentionListSaysOpenWhileARepairCanStillCome() throws {
        let live = try TrajectoryAPITests.start()
        defer { live.stop() }
        // Weekly sessions up to today: the fall is in the last session, so a repair can still come.
        let today = try #require(TrajectoryQuery.today()).dayNumber
        for (index, total) in [3.0, 3.5, 3.0, 1.5].enumerated() {
            var body = SubmissionBody.checkin(session: index + 1, client: "c-recent")
            body.answers = TrajectoryAPITests.answers(total: total)
            body.date = CalendarDate(dayNumber: today - 7 * (3 - index))?.description
            #expect(try live.client.post("/v1/submissions", token: live.adminToken, json: body.json).status == 201)
        }
        for (session, total) in [(1, 3.0), (2, 3.5), (3, 3.0), (4, 1.5)] {
            #expect(try TrajectoryAPITests.post(live, session: session, total: total, client: "c-gone").status == 201)
        }
        let response = try live.client.get("/v1/clients?attention=true", token: live.adminToken)
        let clients = try #require(try JSONReader().parse(response.body)["clients"]?.arrayValue)
        func status(_ client: String) -> String? {
            clients.first { $0["client"]?.stringValue == client }?["openRuptures"]?.arrayValue?.first?["status"]?
                .stringValue
        }
        #expect(status("c-recent") == "open")
        // Sessions in 2025, none since: the client stopped coming.
        #expect(status("c-gone") == "ended")
        let trajectory = try JSONReader().parse(
            try live.client.get("/v1/clients/c-recent/trajectory?scale=total", token: live.adminToken).body
        )
        #expect(trajectory["scales"]?.arrayValue?.first?["episodes"]?.arrayValue?.first?["status"] == "open")
    }
}
