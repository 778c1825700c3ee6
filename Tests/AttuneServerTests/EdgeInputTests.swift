import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// No input traps the server: every route and query parameter fed the edges (±1e308, integers past
/// Int64, -0, NaN, empty and maximal strings) answers a 4xx problem (or, for a free-form filter
/// that may legitimately match nothing, an empty 200), changes nothing, and the server keeps serving.
@Suite(.timeLimit(.minutes(2)))
struct EdgeInputTests {
    /// Values that are numbers at or past every limit, or not numbers at all, query-encoded.
    static let edges = [
        "1e308", "-1e308", "1e309", "99999999999999999999", "-99999999999999999999", "9223372036854775808",
        "-9223372036854775809", "-0", "0", "-1", "0.5", "NaN", "Infinity", "-Infinity", "", "%00", "%FF", "%20",
        "0x10", "1%2C2", "2026-02-30", "9999-12-31T23:59:60Z", "0000-00-00", "2026-01-01T00:00:00.1234567890Z",
        "2026-01-01T24:00:00Z", "2026-01-01T00:00:00+99:99",
    ]

    /// The longest value that still fits the 8 KiB request line next to `path`.
    static func maximal(after path: String) -> String {
        String(repeating: "9", count: 8 * 1024 - path.utf8.count - 64)
    }

    func expectProblem(_ response: TestResponse, _ context: String) {
        #expect((400..<500).contains(response.status), "\(context): \(response.status) \(response.text)")
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, "\(context)")
        #expect(response.json?["status"] as? Int == response.status, "\(context)")
    }

    func expectServing(_ setup: SubmissionFixture) throws {
        #expect(try setup.client.get("/healthz", token: nil).status == 200)
        #expect(try setup.client.get("/v1/submissions?limit=1", token: setup.intake).status == 200)
    }

    @Test func everyStrictQueryParameterRefusesEveryEdge() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        try setup.create(.checkin(session: 1))
        let strict: [(path: String, parameters: [String], token: String)] = [
            ("/v1/submissions", ["limit", "from", "to", "cursor", "includeSuperseded"], setup.intake),
            ("/v1/audit", ["limit", "from", "to", "cursor", "order"], setup.admin),
        ]
        for (path, parameters, token) in strict {
            for parameter in parameters {
                for value in Self.edges + [Self.maximal(after: path)] {
                    let target = "\(path)?\(parameter)=\(value)"
                    expectProblem(try setup.client.get(target, token: token), String(target.prefix(120)))
                }
            }
        }
        try expectServing(setup)
        #expect(try setup.submissionCount() == 1)
    }

    @Test func freeFormFiltersAndPathIDsNeverFail() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        for parameter in ["client", "therapist", "questionnaire"] {
            for value in Self.edges + [Self.maximal(after: "/v1/submissions")] {
                let target = "/v1/submissions?\(parameter)=\(value)"
                let response = try setup.client.get(target, token: setup.intake)
                if response.status == 200 {
                    #expect((response.json?["submissions"] as? [Any])?.isEmpty == true, "\(target.prefix(120))")
                } else {
                    expectProblem(response, String(target.prefix(120)))
                }
            }
        }
        let paths = [
            "/v1/submissions/", "/v1/keys/", "/v1/therapists/", "/v1/questionnaires/",
            "/v1/questionnaires/relationship-checkin/versions/",
        ]
        for prefix in paths {
            for value in Self.edges.filter({ !$0.isEmpty }) + [Self.maximal(after: prefix)] {
                expectProblem(
                    try setup.client.get(prefix + value, token: setup.admin),
                    String((prefix + value).prefix(120))
                )
            }
        }
        for value in Self.edges.filter({ !$0.isEmpty }) + [Self.maximal(after: "/v1/keys/")] {
            expectProblem(
                try setup.client.delete("/v1/keys/" + value, token: setup.admin),
                "DELETE \(value.prefix(40))"
            )
        }
        try expectServing(setup)
        #expect(try setup.live.store.keys(practiceID: setup.live.practiceID).allSatisfy { !$0.isRevoked })
    }

    /// Raw JSON numbers and strings at the edges, for the submission's session and version and the
    /// admin bodies' fields.
    static let jsonEdges = [
        "1e308", "-1e308", "1e309", "99999999999999999999", "-99999999999999999999", "-0", "0", "-1", "0.5",
        "1.0000000000000002", "1e-400", "\"1\"", "\"\"", "null", "true", "[]", "{}",
        String(repeating: "9", count: 100_000),
    ]

    @Test func submissionSessionAndVersionRefuseEveryEdge() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        for value in Self.jsonEdges {
            var session = SubmissionBody.checkin()
            session.session = value
            expectProblem(try setup.post(session), "session \(value.prefix(40))")
            // `version` is optional: null means the latest.
            guard value != "null" else { continue }
            var version = SubmissionBody.checkin()
            version.version = value
            expectProblem(try setup.post(version), "version \(value.prefix(40))")
        }
        for value in ["\"\"", "\"" + String(repeating: "c", count: 1_000_000 - 300) + "\""] {
            var client = SubmissionBody.checkin()
            client.client = String(value.dropFirst().dropLast())
            expectProblem(try setup.post(client), "client of \(value.count) bytes")
        }
        try expectServing(setup)
        #expect(try setup.submissionCount() == 0)
    }

    @Test func adminBodiesAndHeadersRefuseEveryEdge() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let before = try setup.live.counts([setup.live.practiceID])
        // "1" is a valid therapist id and label, and a null label is no label: not edges here.
        let edges =
            Self.jsonEdges.filter { $0 != "\"1\"" } + ["\"" + String(repeating: "t", count: 1_000_000 - 100) + "\""]
        var acceptedKeys = 0
        for value in edges {
            let therapist = try setup.client.post("/v1/therapists", token: setup.admin, json: #"{"id":\#(value)}"#)
            expectProblem(therapist, "therapist id \(value.prefix(40))")
            let role = try setup.client.post("/v1/keys", token: setup.admin, json: #"{"role":\#(value)}"#)
            expectProblem(role, "key role \(value.prefix(40))")
            let label = try setup.client.post(
                "/v1/keys",
                token: setup.admin,
                json: #"{"role":"intake","label":\#(value)}"#
            )
            if value == "null" || value == "\"\"" {
                // No label, or an empty one: a valid key either way.
                if label.status == 201 { acceptedKeys += 1 }
            } else {
                expectProblem(label, "key label \(value.prefix(40))")
            }
        }
        let long = String(repeating: "k", count: 30_000)
        for (name, value) in [
            ("Idempotency-Key", ""), ("Idempotency-Key", long), ("Idempotency-Key", "99999999999999999999 x"),
            ("Authorization", "Bearer " + long), ("Authorization", "Bearer 1e308"), ("Authorization", ""),
            ("If-None-Match", long),
        ] {
            let response = try setup.client.request(
                "POST",
                "/v1/submissions",
                token: name == "Authorization" ? nil : setup.intake,
                headers: [(name, value)],
                body: SubmissionBody.checkin().bytes
            )
            #expect(
                (400..<500).contains(response.status) || (name == "If-None-Match" && response.status == 201),
                "\(name): \(response.status)"
            )
        }
        for length in ["99999999999999999999", "-0", "-1", "1e308", "0x10", ""] {
            let response = try setup.client.request(
                "GET",
                "/v1/submissions",
                token: setup.intake,
                headers: [("Content-Length", length)]
            )
            #expect((400..<500).contains(response.status), "Content-Length \(length): \(response.status)")
        }
        try expectServing(setup)
        let after = try setup.live.counts([setup.live.practiceID])
        #expect(after.therapists == before.therapists && after.keys == before.keys + acceptedKeys)
        #expect(try setup.submissionCount() <= 1)
    }
}
