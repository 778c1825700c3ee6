import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// `GET /v1/submissions`: newest-first pages with `next` and `Link`, filters, clinician scope, superseded
/// submissions and tenant isolation.
@Suite(.timeLimit(.minutes(1)))
struct SubmissionListTests {
    /// The submissions of one list response.
    private func page(_ response: TestResponse) -> [[String: Any]] {
        response.json?["submissions"] as? [[String: Any]] ?? []
    }

    private func ids(_ response: TestResponse) -> [String] {
        page(response).compactMap { $0["id"] as? String }
    }

    /// Follows `Link: <…>; rel="next"` from `path` to the end; checks `next` and `Link` agree on every page.
    private func walk(_ setup: SubmissionFixture, _ path: String, token: String) throws -> [[[String: Any]]] {
        var pages: [[[String: Any]]] = []
        var next: String? = path
        while let path = next {
            let response = try setup.client.get(path, token: token)
            try #require(response.status == 200, "\(path): \(response.text)")
            pages.append(page(response))
            let cursor = response.json?["next"] as? String
            let link = response.header("Link")
            #expect((cursor == nil) == (link == nil), "\(path)")
            if let link {
                #expect(link.hasPrefix("<") && link.hasSuffix(">; rel=\"next\""), "\(link)")
                next = String(link.dropFirst().prefix { $0 != ">" })
            } else {
                next = nil
            }
            try #require(pages.count <= 100, "the pages never end")
        }
        return pages
    }

    /// Creates `count` check-ins for client c-1 (sessions 1…count) and returns their ids in posting order.
    private func seed(_ setup: SubmissionFixture, count: Int, client: String = "c-1", therapist: String = "t-1")
        throws -> [String]
    {
        try (1...count).map { session in
            let created = try setup.create(
                SubmissionBody.checkin(session: session, client: client, therapist: therapist)
            )
            return try #require(created["id"] as? String)
        }
    }

    @Test(arguments: [1, 3, 7, 23, 500])
    func pagesCoverEverySubmissionOnceNewestFirst(_ limit: Int) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let posted = try seed(setup, count: 23)
        let pages = try walk(setup, "/v1/submissions?limit=\(limit)&client=c-1", token: setup.supervisor)
        #expect(pages.count == (23 + limit - 1) / limit)
        #expect(pages.dropLast().allSatisfy { $0.count == limit })
        let all = pages.flatMap { $0 }
        let listed = all.compactMap { $0["id"] as? String }
        #expect(listed.count == 23 && Set(listed) == Set(posted))
        // Newest first: receivedAt descending, ties broken by id descending (the store's order).
        let keys = all.map { (($0["receivedAt"] as? String) ?? "", ($0["id"] as? String) ?? "") }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 > $1 }, "\(keys)")
        // Each posted one after the other, so the order is the posting order reversed up to same-millisecond ties.
        let received = all.compactMap { $0["receivedAt"] as? String }
        let byPosting = posted.reversed().compactMap { id in
            all.first { $0["id"] as? String == id }?["receivedAt"] as? String
        }
        #expect(received == byPosting)
    }

    @Test func theLinkKeepsTheFiltersAndTheLastPageHasNone() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        _ = try seed(setup, count: 3)
        _ = try seed(setup, count: 2, client: "c-2")
        let first = try setup.client.get("/v1/submissions?client=c-1&limit=2", token: setup.intake)
        #expect(first.status == 200)
        #expect(ids(first).count == 2)
        let cursor = try #require(first.json?["next"] as? String)
        let link = try #require(first.header("Link"))
        #expect(link.contains("client=c-1") && link.contains("limit=2") && link.contains("cursor="))
        #expect(link.hasPrefix("</v1/submissions?"))
        let second = try setup.client.get("/v1/submissions?client=c-1&limit=2&cursor=" + cursor, token: setup.intake)
        #expect(ids(second).count == 1)
        #expect(second.json?["next"] is NSNull)
        #expect(second.header("Link") == nil)
        #expect(Set(ids(first) + ids(second)).count == 3)
    }

    @Test(arguments: ["0", "501", "-1", "ten", "1.5", ""])
    func limitOutside1To500Is400(_ limit: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let response = try setup.client.get("/v1/submissions?limit=" + limit, token: setup.intake)
        #expect(response.status == 400, "\(response.text)")
        #expect(response.header("Content-Type") == "application/problem+json")
    }

    @Test(arguments: [
        "from=2026-13-01", "to=yesterday", "includeSuperseded=yes", "sort=date", "from=2026-2-1",
    ])
    func badQueryParametersAre400(_ query: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let response = try setup.client.get("/v1/submissions?" + query, token: setup.intake)
        #expect(response.status == 400, "\(response.text)")
    }

    @Test func aForgedCursorIsRefusedNotAServerError() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        _ = try seed(setup, count: 1)
        for cursor in Self.forgedCursors {
            let response = try setup.client.get("/v1/submissions?cursor=" + cursor, token: setup.intake)
            #expect((400..<500).contains(response.status), "\(cursor): \(response.status) \(response.text)")
            #expect(try setup.submissionCount() == 1)
        }
    }

    /// "czoxOng" is base64url of "s:1:x", a well-formed but unsigned position.
    static let forgedCursors = ["garbage", "czp4Ong", "czoxOng", "czoxOng.AAAA", "!!!", "%00", ""]

    /// Like every other bad query parameter (limit, from, to, includeSuperseded), a bad cursor is a 400 with
    /// `invalidQuery`, not a 422 with a body pointer `/cursor` (the request has no body).
    @Test
    func aForgedCursorIs400LikeEveryOtherBadQueryParameter() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        for cursor in Self.forgedCursors {
            let response = try setup.client.get("/v1/submissions?cursor=" + cursor, token: setup.intake)
            #expect(response.status == 400, "\(cursor): \(response.text)")
            #expect(response.errorCodes == ["invalidQuery"], "\(cursor)")
        }
    }

    @Test func filtersByClientTherapistQuestionnaireAndDates() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var made: [String: String] = [:]
        // (name, client, therapist, questionnaire, respondent, date)
        let rows = [
            ("a", "c-1", "t-1", "relationship-checkin", "client", "2026-01-10"),
            ("b", "c-1", "t-1", "relationship-checkin-therapist", "therapist", "2026-01-10"),
            ("c", "c-2", "t-2", "relationship-checkin", "client", "2026-02-01"),
            ("d", "c-2", "t-1", "relationship-checkin", "client", "2026-02-28"),
            ("e", "c-3", "t-2", "relationship-checkin-therapist", "therapist", "2026-03-01"),
        ]
        for (index, row) in rows.enumerated() {
            var body = SubmissionBody()
            body.client = row.1
            body.therapist = row.2
            body.questionnaire = row.3
            body.respondent = row.4
            body.date = row.5
            body.session = String(index + 1)
            made[row.0] = try #require(try setup.create(body)["id"] as? String)
        }
        let expectations: [(String, Set<String>)] = [
            ("client=c-1", ["a", "b"]),
            ("client=c-2", ["c", "d"]),
            ("therapist=t-1", ["a", "b", "d"]),
            ("questionnaire=relationship-checkin-therapist", ["b", "e"]),
            ("questionnaire=relationship-profile", []),
            ("from=2026-02-01", ["c", "d", "e"]),
            ("to=2026-02-01", ["a", "b", "c"]),
            ("from=2026-02-01&to=2026-02-28", ["c", "d"]),
            ("from=2026-03-02", []),
            ("client=c-2&therapist=t-1", ["d"]),
            ("therapist=t-2&questionnaire=relationship-checkin&to=2026-02-01", ["c"]),
            ("client=nobody", []),
        ]
        for (query, names) in expectations {
            let response = try setup.client.get("/v1/submissions?" + query, token: setup.supervisor)
            #expect(response.status == 200, "\(query)")
            #expect(Set(ids(response)) == Set(names.compactMap { made[$0] }), "\(query)")
        }
    }

    @Test func clinicianKeysSeeOnlyTheirTherapistsSubmissions() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let ofT1 = try seed(setup, count: 3, client: "c-1", therapist: "t-1")
        let ofT2 = try seed(setup, count: 2, client: "c-2", therapist: "t-2")
        let list = try walk(setup, "/v1/submissions?limit=2", token: setup.clinician1).flatMap { $0 }
        #expect(Set(list.compactMap { $0["id"] as? String }) == Set(ofT1))
        // Asking for the other therapist or their client shows nothing, not an error.
        for query in ["therapist=t-2", "client=c-2", "therapist=t-2&client=c-2"] {
            let response = try setup.client.get("/v1/submissions?" + query, token: setup.clinician1)
            #expect(response.status == 200 && ids(response).isEmpty, "\(query)")
        }
        let supervisor = try setup.client.get("/v1/submissions", token: setup.supervisor)
        #expect(Set(ids(supervisor)) == Set(ofT1 + ofT2))
        let intake = try setup.client.get("/v1/submissions", token: setup.intake)
        #expect(Set(ids(intake)) == Set(ofT1 + ofT2))
        let clinician2 = try setup.client.get("/v1/submissions", token: setup.clinician2)
        #expect(Set(ids(clinician2)) == Set(ofT2))
    }

    @Test func supersededSubmissionsAreListedOnlyOnRequest() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try #require(try setup.create(SubmissionBody())["id"] as? String)
        var replacement = SubmissionBody()
        replacement.supersedes = true
        replacement.answers["trust"] = "0"
        let second = try #require(try setup.create(replacement)["id"] as? String)
        let other = try seed(setup, count: 1, client: "c-2")
        let current = try setup.client.get("/v1/submissions", token: setup.intake)
        #expect(Set(ids(current)) == Set([second] + other))
        let explicit = try setup.client.get("/v1/submissions?includeSuperseded=false", token: setup.intake)
        #expect(Set(ids(explicit)) == Set([second] + other))
        let all = try setup.client.get("/v1/submissions?includeSuperseded=true", token: setup.intake)
        #expect(Set(ids(all)) == Set([first, second] + other))
        let old = try #require(page(all).first { $0["id"] as? String == first })
        #expect(old["supersededBy"] as? String == second)
        let clientOnly = try setup.client.get(
            "/v1/submissions?client=c-1&includeSuperseded=true",
            token: setup.clinician1
        )
        #expect(ids(clientOnly) == [second, first])
    }

    @Test func anotherPracticeListsNoneOfThese() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let posted = try seed(setup, count: 3)
        let otherPractice = try setup.live.makePractice(name: "Practice B")
        let otherToken = otherPractice.adminKey.token
        for query in ["", "?client=c-1", "?therapist=t-1", "?includeSuperseded=true"] {
            let response = try setup.client.get("/v1/submissions" + query, token: otherToken)
            #expect(response.status == 200, "\(query)")
            #expect(ids(response).isEmpty, "\(query)")
        }
        // A cursor from practice A's pages is refused in practice B.
        let first = try setup.client.get("/v1/submissions?limit=1", token: setup.intake)
        let cursor = try #require(first.json?["next"] as? String)
        let foreign = try setup.client.get("/v1/submissions?limit=1&cursor=" + cursor, token: otherToken)
        #expect(foreign.status == 400, "\(foreign.text)")
        #expect(ids(foreign).allSatisfy { !posted.contains($0) })
    }
}
