import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// Page cursors are signed for their practice and query: a forged one, another practice's and one
/// from another query are each a 400 `invalidQuery` problem, and a cursor still works with another
/// page size.
@Suite(.timeLimit(.minutes(1)))
struct CursorBindingTests {
    /// The `next` cursor of `path`'s first page.
    func nextCursor(_ client: HTTPClient, _ path: String, token: String) throws -> String {
        let response = try client.get(path, token: token)
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.json?["next"] as? String, "\(path) has one page only")
    }

    func expectRefused(_ response: TestResponse, _ context: String) {
        #expect(response.status == 400, "\(context): \(response.text)")
        #expect(response.errorCodes == ["invalidQuery"], "\(context)")
        #expect(response.text.contains("cursor"), "\(context)")
    }

    /// `cursor` with its position re-encoded to another timestamp, the signature kept.
    static func tampered(_ cursor: String) -> String {
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        var position = String(parts[0]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(
            of: "_",
            with: "/"
        )
        position += String(repeating: "=", count: (4 - position.count % 4) % 4)
        let text = String(decoding: Data(base64Encoded: position) ?? Data(), as: UTF8.self)
        // The timestamp's last digit changed: a position the server never gave out.
        var characters = Array(text)
        if let index = characters.lastIndex(where: { $0.isNumber }) {
            characters[index] = characters[index] == "1" ? "2" : "1"
        }
        let moved = String(characters)
        precondition(moved != text, "the cursor position has no digit")
        let encoded = Data(moved.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return encoded + "." + (parts.count > 1 ? String(parts[1]) : "")
    }

    @Test func aSubmissionCursorBelongsToItsQuery() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        for session in 1...3 {
            try setup.create(.checkin(session: session, client: "c-1"))
            try setup.create(.checkin(session: session, client: "c-2"))
        }
        let cursor = try nextCursor(setup.client, "/v1/submissions?client=c-1&limit=1", token: setup.intake)
        // The same query with another page size reads on.
        let same = try setup.client.get("/v1/submissions?client=c-1&limit=2&cursor=" + cursor, token: setup.intake)
        #expect(same.status == 200, "\(same.text)")
        #expect((same.json?["submissions"] as? [Any])?.count == 2)

        for query in [
            "client=c-2", "", "client=c-1&therapist=t-1", "client=c-1&includeSuperseded=true",
            "client=c-1&questionnaire=relationship-checkin", "client=c-1&from=2026-01-01", "client=c-1&to=2026-12-31",
        ] {
            let response = try setup.client.get(
                "/v1/submissions?\(query)&limit=1&cursor=" + cursor,
                token: setup.intake
            )
            expectRefused(response, query)
        }
        // A clinician sees a narrower query than the intake key that got the cursor.
        let scoped = try setup.client.get("/v1/submissions?client=c-1&cursor=" + cursor, token: setup.clinician1)
        expectRefused(scoped, "clinician scope")

        let otherPractice = try setup.live.makePractice(name: "B").adminKey.token
        expectRefused(
            try setup.client.get("/v1/submissions?client=c-1&limit=1&cursor=" + cursor, token: otherPractice),
            "another practice"
        )
        for forged in [Self.tampered(cursor), cursor + "A", String(cursor.dropLast()), "czoxOng", "czoxOng." + "A"] {
            expectRefused(
                try setup.client.get("/v1/submissions?client=c-1&limit=1&cursor=" + forged, token: setup.intake),
                forged
            )
        }
    }

    @Test func anAuditCursorBelongsToItsPracticeRangeAndOrder() throws {
        let live = try LiveService()
        defer { live.stop() }
        for id in ["t-1", "t-2", "t-3"] {
            #expect(
                try live.client.post("/v1/therapists", token: live.adminToken, json: #"{"id":"\#(id)"}"#).status == 201
            )
        }
        let cursor = try nextCursor(live.client, "/v1/audit?limit=1&from=2000-01-01", token: live.adminToken)
        #expect(
            try live.client.get("/v1/audit?limit=3&from=2000-01-01&cursor=" + cursor, token: live.adminToken).status
                == 200
        )
        for query in ["", "order=oldestFirst&from=2000-01-01", "from=2000-01-02", "from=2000-01-01&to=2999-01-01"] {
            expectRefused(try live.client.get("/v1/audit?\(query)&cursor=" + cursor, token: live.adminToken), query)
        }
        let otherPractice = try live.makePractice(name: "B").adminKey.token
        expectRefused(
            try live.client.get("/v1/audit?from=2000-01-01&cursor=" + cursor, token: otherPractice),
            "another practice"
        )
        expectRefused(
            try live.client.get("/v1/audit?from=2000-01-01&cursor=" + Self.tampered(cursor), token: live.adminToken),
            "tampered"
        )
    }
}
