import AttuneStore
import Foundation
import Testing

/// `GET /v1/aggregates` over HTTP: scope by role, statistics from the rollups, small-cell suppression.
@Suite(.timeLimit(.minutes(1)))
struct AggregateAPITests {
    /// A check-in whose total is (19 + secureBase) / 8.
    static func checkin(client: String, therapist: String, session: Int, secureBase: Int, date: String)
        -> SubmissionBody
    {
        var body = SubmissionBody.checkin(session: session, client: client, therapist: therapist)
        body.answers["secure_base"] = String(secureBase)
        body.date = date
        return body
    }

    /// t-1: six clients, two sessions each; t-2: two clients, one session each.
    static func fill(_ fixture: SubmissionFixture) throws {
        for index in 0..<6 {
            try fixture.create(
                checkin(client: "a-\(index)", therapist: "t-1", session: 1, secureBase: index % 5, date: "2026-03-02")
            )
            try fixture.create(
                checkin(client: "a-\(index)", therapist: "t-1", session: 2, secureBase: 4, date: "2026-04-06")
            )
        }
        for index in 0..<2 {
            try fixture.create(
                checkin(client: "b-\(index)", therapist: "t-2", session: 1, secureBase: 1, date: "2026-03-03")
            )
        }
    }

    static func aggregate(_ fixture: SubmissionFixture, _ query: String, token: String) throws -> [String: Any] {
        let response = try fixture.client.get(
            "/v1/aggregates?questionnaire=relationship-checkin&" + query,
            token: token
        )
        try #require(response.status == 200, "\(response.status) \(response.text)")
        return try #require(response.json)
    }

    static func groups(_ answer: [String: Any]) -> [[String: Any]] { answer["groups"] as? [[String: Any]] ?? [] }

    static func scale(_ group: [String: Any], _ id: String = "total") -> [String: Any]? {
        (group["scales"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func intakeAndSubmitKeysAreRefused() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        let submit = try fixture.live.makeKey(.submit).token
        for token in [fixture.intake, submit] {
            let response = try fixture.client.get("/v1/aggregates?questionnaire=relationship-checkin", token: token)
            #expect(response.status == 403)
        }
    }

    // Totals (stored rounded to 2 decimals): t-1 19..23/8 and 19/8 = 2.38, 2.5, 2.63, 2.75, 2.88, 2.38, then
    // six 2.88; t-2 two 2.5. Sorted, the median (type 7, h = 6.5) is halfway between 2.75 and 2.88.
    @Test func computesThePracticeStatisticsFromTheRollups() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try Self.fill(fixture)
        let answer = try Self.aggregate(fixture, "group_by=practice", token: fixture.supervisor)
        let group = try #require(Self.groups(answer).first)
        #expect(group["submissions"] as? Int == 14)
        #expect(group["clients"] as? Int == 8)
        #expect(group["suppressed"] as? Bool == false)
        let total = try #require(Self.scale(group))
        let values = [2.38, 2.5, 2.63, 2.75, 2.88, 2.38] + Array(repeating: 2.88, count: 6) + [2.5, 2.5]
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs((total["mean"] as? Double ?? 0) - mean) < 1e-9)
        #expect(total["n"] as? Int == 14)
        #expect(total["min"] as? Double == 2.38)
        #expect(total["max"] as? Double == 2.88)
        #expect(abs((total["median"] as? Double ?? 0) - 2.815) < 1e-9)
        #expect(total["p25"] as? Double == 2.5)
    }

    // t-2 has 2 clients: suppressed; t-1 alone would be total minus t-2, so it is suppressed as well.
    @Test func suppressesSmallGroupsAndTheirComplement() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try Self.fill(fixture)
        let answer = try Self.aggregate(fixture, "group_by=therapist", token: fixture.supervisor)
        let groups = Self.groups(answer)
        #expect(groups.map { $0["therapist"] as? String } == ["t-1", "t-2"])
        for group in groups {
            #expect(group["suppressed"] as? Bool == true)
            #expect(group["alerts"] is NSNull)
            #expect(Self.scale(group)?["mean"] is NSNull)
            #expect(Self.scale(group)?["min"] is NSNull)
        }
        #expect(groups.map { $0["clients"] as? Int } == [6, 2])
        #expect(groups.map { $0["submissions"] as? Int } == [12, 2])
        let total = try #require(answer["total"] as? [String: Any])
        #expect(total["suppressed"] as? Bool == false)
        // The therapist themselves sees their own small group in full.
        let own = try Self.aggregate(fixture, "group_by=therapist", token: fixture.clinician2)
        #expect(Self.groups(own).map { $0["therapist"] as? String } == ["t-2"])
        #expect(Self.groups(own).first?["suppressed"] as? Bool == false)
        #expect(Self.scale(Self.groups(own)[0])?["mean"] as? Double == 2.5)
    }

    @Test func clinicianKeysSeeOnlyTheirOwnTherapist() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try Self.fill(fixture)
        let answer = try Self.aggregate(fixture, "group_by=therapist,month", token: fixture.clinician1)
        let groups = Self.groups(answer)
        #expect(groups.map { $0["month"] as? String } == ["2026-03", "2026-04"])
        #expect(Set(groups.compactMap { $0["therapist"] as? String }) == ["t-1"])
        #expect(groups.map { $0["clients"] as? Int } == [6, 6])
        let other = try fixture.client.get(
            "/v1/aggregates?questionnaire=relationship-checkin&therapist=t-2",
            token: fixture.clinician1
        )
        #expect(other.status == 403)
    }

    // A month cut in half by `from`: the clients and submissions of the days inside only.
    @Test func countsPartialMonthsFromTheirDays() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try Self.fill(fixture)
        let answer = try Self.aggregate(
            fixture,
            "group_by=therapist,month&from=2026-03-03&to=2026-04-30",
            token: fixture.admin
        )
        let march = Self.groups(answer).filter { $0["month"] as? String == "2026-03" }
        #expect(march.map { $0["therapist"] as? String } == ["t-2"])
        #expect(march.first?["clients"] as? Int == 2)
        let total = try #require(answer["total"] as? [String: Any])
        #expect(total["clients"] as? Int == 8)
        #expect(total["submissions"] as? Int == 8)
    }

    @Test(arguments: [
        "group_by=practice", "questionnaire=relationship-checkin&group_by=team",
        "questionnaire=relationship-checkin&group_by=month,week",
        "questionnaire=relationship-checkin&group_by=therapist,therapist",
        "questionnaire=relationship-checkin&from=2026-13-01",
        "questionnaire=relationship-checkin&from=2026-05-01&to=2026-04-01",
        "questionnaire=relationship-checkin&scale=nope", "questionnaire=relationship-checkin&colour=blue",
        "questionnaire=relationship-checkin&respondent=parent", "questionnaire=relationship-checkin&order=mean",
        "questionnaire=nope",
    ])
    func refusesBadParametersWith400(_ query: String) throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        let response = try fixture.client.get("/v1/aggregates?" + query, token: fixture.admin)
        #expect(response.status == 400, "\(query): \(response.status) \(response.text)")
        #expect(
            response.headers.contains { $0.name == "content-type" && $0.value.hasPrefix("application/problem+json") }
        )
    }
}

/// The CSV form, read back by Python's csv module.
@Suite(.timeLimit(.minutes(1)))
struct AggregateCSVTests {
    @Test func answersCSVWithTheDocumentedColumns() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        try AggregateAPITests.fill(fixture)
        for (path, headers) in [
            ("/v1/aggregates?questionnaire=relationship-checkin&group_by=therapist&format=csv", [(String, String)]()),
            ("/v1/aggregates?questionnaire=relationship-checkin&group_by=therapist", [("Accept", "text/csv")]),
        ] {
            let response = try fixture.client.request("GET", path, token: fixture.supervisor, headers: headers)
            #expect(response.status == 200)
            #expect(response.headers.contains { $0.name == "content-type" && $0.value.hasPrefix("text/csv") })
            let lines = response.text.split(separator: "\r\n").map(String.init)
            #expect(lines.first?.hasPrefix("group,therapist,month,week,scale,submissions,clients,suppressed") == true)
            let totals = lines.filter { $0.hasPrefix("total,") && $0.contains(",total,") }
            #expect(totals.count == 1)
            // total row: 14 submissions, 8 clients, not suppressed.
            #expect(totals.first?.contains(",total,14,8,false,") == true)
        }
    }
}
