import AttuneClient
import AttuneCore
import AttuneJSON
import AttuneStore
import Testing

/// The analytics responses of a live server (trajectory, aggregates, reliability, the attention list),
/// decoded through the shared wire types with unknown members refused and written again: the same
/// members and values as the server's bytes.
@Suite(.timeLimit(.minutes(1)))
struct AnalyticsWireDriftTests {
    /// Five weekly sessions of both forms for `client`; the client's fifth is far lower than the first
    /// four (a rupture) while the therapist's stays high (a missed rupture).
    static func history(_ client: AttuneClient, for clientID: String = "c-1") async throws {
        let clientValues = [
            [3, 4, 3, 3, 4, 3, 3, 3], [4, 4, 3, 4, 4, 3, 3, 4], [3, 3, 4, 3, 4, 4, 3, 3],
            [4, 3, 3, 4, 3, 4, 4, 3], [0, 1, 0, 1, 0, 1, 0, 1],
        ]
        for (index, values) in clientValues.enumerated() {
            for respondent in [Respondent.client, .therapist] {
                let answers = respondent == .client ? values : [4, 4, 4, 4, 4, 4, 4, 4]
                _ = try await client.submit(
                    Self.submission(clientID, session: index + 1, respondent: respondent, values: answers)
                )
            }
        }
    }

    static func submission(_ client: String, session: Int, respondent: Respondent, values: [Int]) -> PostedSubmission {
        let ids = [
            "secure_base", "attunement", "trust", "acceptance", "repair", "autonomy", "cultural_humility",
            "flexibility",
        ]
        return PostedSubmission(
            questionnaire: respondent == .client ? "relationship-checkin" : "relationship-checkin-therapist",
            version: nil,
            client: client,
            therapist: "t-1",
            respondent: respondent,
            session: session,
            date: "2026-10-0\(session)",
            answers: zip(ids, values).map { PostedSubmission.Answer(id: $0.0, value: .number(JSONNumber($0.1))) },
            scores: nil,
            supersedes: false
        )
    }

    /// The raw answer to `path`, after checking its status.
    func raw(_ client: AttuneClient, _ path: String, _ query: [(name: String, value: String)] = []) async throws
        -> [UInt8]
    {
        let response = try await client.send(RawRequest(.get, path, query: query))
        #expect(response.status == 200, "GET \(path): \(String(decoding: response.body, as: UTF8.self))")
        return response.body
    }

    /// Decodes strictly, writes again and expects the same JSON as the server's, member order aside.
    func roundTrip<R: WireResource>(_ type: R.Type, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation)
        throws -> R
    {
        let decoded = try R.decode(bytes: bytes, unknown: .refuse)
        let canonical = { (bytes: [UInt8]) throws -> String in
            String(decoding: try JSONReader().parse(bytes).canonicalBytes, as: UTF8.self)
        }
        #expect(try canonical(decoded.jsonBytes) == canonical(bytes), sourceLocation: sourceLocation)
        return decoded
    }

    @Test func trajectoriesDecodeStrictly() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            try await Self.history(client)
            let path = "/v1/clients/c-1/trajectory"
            let full = try roundTrip(
                TrajectoryResource.self,
                try await raw(client, path, [("questionnaire", "relationship-checkin")])
            )
            #expect(full.sessions.count == 5)
            #expect(full.views != nil, "the therapist form's sessions give two views")
            #expect(full.views?.qualities.isEmpty == false)
            #expect(full.scales.contains { !$0.episodes.isEmpty }, "session 5 is a rupture")
            #expect(full.scales.flatMap(\.points).contains { $0.ruptureCheck?.check == "judged" })
            #expect(full.scales.flatMap(\.points).contains { $0.ruptureCheck?.check == "tooFewEarlierSessions" })
            let therapist = try roundTrip(
                TrajectoryResource.self,
                try await raw(
                    client,
                    path,
                    [("questionnaire", "relationship-checkin-therapist"), ("respondent", "therapist"), ("k", "1.5")]
                )
            )
            #expect(therapist.respondent == .therapist)
            #expect(therapist.rules.k == 1.5)
            // Through the SDK's own call, the same value.
            #expect(try await client.trajectory(client: "c-1", questionnaire: "relationship-checkin") == full)
            // Any representation by its media type, as the server's bytes.
            let query = TrajectoryQuery(questionnaire: "relationship-checkin")
            let csv = try await client.trajectory(client: "c-1", query, format: .csv)
            #expect(
                try await client.trajectory(client: "c-1", query, format: AnalyticsFormat(mediaType: "text/csv")) == csv
            )
            #expect(try await raw(client, path, [("questionnaire", "relationship-checkin"), ("format", "csv")]) == csv)
        }
    }

    @Test func aggregatesDecodeStrictlyInEveryGrouping() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            for clientID in ["c-1", "c-2", "c-3", "c-4", "c-5"] { try await Self.history(client, for: clientID) }
            for groupBy in ["practice", "therapist", "month", "week", "therapist,month"] {
                let bytes = try await raw(
                    client,
                    "/v1/aggregates",
                    [("questionnaire", "relationship-checkin"), ("group_by", groupBy)]
                )
                let aggregate = try roundTrip(AggregateResource.self, bytes)
                #expect(aggregate.groupBy == groupBy.split(separator: ",").map(String.init))
                #expect(aggregate.total.submissions == 25)
                if groupBy == "therapist" { #expect(aggregate.shrinkage != nil) }
            }
            let ordered = try roundTrip(
                AggregateResource.self,
                try await raw(
                    client,
                    "/v1/aggregates",
                    [
                        ("questionnaire", "relationship-checkin"), ("scale", "total"), ("group_by", "month"),
                        ("order", "mean"),
                    ]
                )
            )
            #expect(ordered.order == "mean" || ordered.orderNote != nil)
            let decoded = try await client.aggregates(AggregateQuery(questionnaire: "relationship-checkin"))
            #expect(decoded.total.clients == 5)
            #expect(decoded.total.scales.first?.bands?.isEmpty == false)
        }
    }

    @Test func reliabilityDecodesStrictly() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            try await Self.history(client)
            let reliability = try roundTrip(
                ReliabilityResource.self,
                try await raw(client, "/v1/aggregates/reliability", [("questionnaire", "relationship-checkin")])
            )
            #expect(reliability.questionnaire == "relationship-checkin")
            #expect(!reliability.scales.isEmpty)
            #expect(try await client.reliability(questionnaire: "relationship-checkin") == reliability)
        }
    }

    @Test func theAttentionListDecodesStrictlyAndPages() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            for clientID in ["c-1", "c-2", "c-3"] { try await Self.history(client, for: clientID) }
            _ = try await client.submit(Fixtures.checkin(client: "c-4"))
            for query in [[("limit", "2")], [("attention", "true")], [("therapist", "t-1")]] {
                let page = try ResourcePage<ClientSummaryResource>.decode(
                    JSONReader().parse(try await raw(client, "/v1/clients", query)),
                    member: "clients",
                    isPaged: true,
                    unknown: .refuse
                )
                #expect(!page.items.isEmpty)
                _ = try roundTrip(ResourcePage<ClientSummaryResource>.self, page.jsonBytes)
            }
            let all = try await client.clients(pageSize: 2).collect()
            #expect(all.map(\.client) == ["c-1", "c-2", "c-3", "c-4"], "every page followed, ordered by id")
            #expect(try await client.clients(therapist: "t-1").collect().count == 4)
            #expect(try await client.clients(therapist: "t-2").collect().isEmpty)
            _ = try await client.createTherapist("t-2")
            let clinician = try server.client(token: server.token(.clinician, therapist: "t-2"))
            #expect(try await clinician.clients().collect().isEmpty, "a clinician sees only its own caseload")
            let urgent = try await client.clients(needingAttention: true).collect()
            #expect(urgent.map(\.client).sorted() == ["c-1", "c-2", "c-3"])
            #expect(urgent.allSatisfy { !$0.attention.isEmpty }, "\(urgent)")
        }
    }

    @Test func erasureAnswers204WithoutABodyAndLeavesNoTrace() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            try await Self.history(client)
            try await Self.history(client, for: "c-2")
            let response = try await client.send(RawRequest(.delete, "/v1/clients/c-1"))
            #expect(response.status == 204)
            #expect(response.body.isEmpty)
            try await client.eraseClient("c-2")
            #expect(try await client.clients().collect().isEmpty)
            let aggregate = try await client.aggregates(AggregateQuery(questionnaire: "relationship-checkin"))
            #expect(aggregate.total.submissions == 0)
            await #expect(throws: AttuneClientError.self) { try await client.eraseClient("c-2") }
        }
    }
}
