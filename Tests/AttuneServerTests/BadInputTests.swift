import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// Bad bodies get a 4xx problem with a pointer per invalid field, and change nothing.
@Suite(.timeLimit(.minutes(1)))
struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var path: String
        var body: [UInt8]
        var status: Int
        var pointers: [String]

        init(_ label: String, _ path: String, _ body: String, _ status: Int, _ pointers: [String]) {
            self.init(label, path, bytes: Array(body.utf8), status, pointers)
        }

        init(_ label: String, _ path: String, bytes: [UInt8], _ status: Int, _ pointers: [String]) {
            self.label = label
            self.path = path
            body = bytes
            self.status = status
            self.pointers = pointers
        }

        var testDescription: String { "POST \(path): \(label)" }
    }

    static let therapists = "/v1/therapists"
    static let keys = "/v1/keys"
    static let long = String(repeating: "x", count: 10_000)

    static let cases: [Case] = [
        Case("empty body", therapists, "", 400, [""]),
        Case("not JSON", therapists, "id=t-1", 400, [""]),
        Case("truncated", therapists, #"{"id":"t-"#, 400, ["/id"]),
        Case("missing closing brace", therapists, #"{"id":"t-1""#, 400, [""]),
        Case("unquoted key", therapists, #"{id:"t-1"}"#, 400, [""]),
        Case("trailing garbage", therapists, #"{"id":"t-1"} x"#, 400, [""]),
        Case("duplicate member", therapists, #"{"id":"t-1","id":"t-2"}"#, 400, ["/id"]),
        Case(
            "invalid UTF-8",
            therapists,
            bytes: Array(#"{"id":"t-"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8),
            400,
            ["/id"]
        ),
        Case("array", therapists, #"[{"id":"t-1"}]"#, 422, [""]),
        Case("string", therapists, #""t-1""#, 422, [""]),
        Case("null", therapists, "null", 422, [""]),
        Case("missing id", therapists, "{}", 422, ["/id"]),
        Case("id null", therapists, #"{"id":null}"#, 422, ["/id"]),
        Case("id number", therapists, #"{"id":7}"#, 422, ["/id"]),
        Case("id object", therapists, #"{"id":{"x":1}}"#, 422, ["/id"]),
        Case("unknown field", therapists, #"{"id":"t-1","name":"Dr X"}"#, 422, ["/name"]),
        Case("two problems", therapists, #"{"id":1,"name":"Dr X"}"#, 422, ["/id", "/name"]),
        Case("empty id", therapists, #"{"id":""}"#, 422, ["/id"]),
        Case("id with space", therapists, #"{"id":"t 1"}"#, 422, ["/id"]),
        Case("id with slash", therapists, #"{"id":"t/1"}"#, 422, ["/id"]),
        // The one id rule: a therapist id a submission could never name must not be registrable.
        Case("id starting with an underscore", therapists, #"{"id":"_t1"}"#, 422, ["/id"]),
        Case("id with non-ASCII", therapists, #"{"id":"t-é"}"#, 422, ["/id"]),
        Case("65-character id", therapists, #"{"id":"\#(String(repeating: "b", count: 65))"}"#, 422, ["/id"]),
        Case("id with NUL escape", therapists, #"{"id":"t\u0000x"}"#, 422, ["/id"]),
        Case(
            "nested 100,000 deep",
            therapists,
            String(repeating: "[", count: 100_000),
            400,
            [Array(repeating: "/0", count: 64).joined()]
        ),
        Case("10,000-character id", therapists, #"{"id":"\#(long)"}"#, 422, ["/id"]),
        Case("truncated", keys, #"{"role":"#, 400, ["/role"]),
        Case("duplicate member", keys, #"{"role":"intake","role":"admin"}"#, 400, ["/role"]),
        Case(
            "invalid UTF-8 label",
            keys,
            bytes: Array(#"{"role":"intake","label":""#.utf8) + [0xFF] + Array(#""}"#.utf8),
            400,
            ["/label"]
        ),
        Case("array", keys, #"["intake"]"#, 422, [""]),
        Case("missing role", keys, "{}", 422, ["/role"]),
        Case("unknown role", keys, #"{"role":"superuser"}"#, 422, ["/role"]),
        Case("role wrong case", keys, #"{"role":"Admin"}"#, 422, ["/role"]),
        Case("role number", keys, #"{"role":1}"#, 422, ["/role"]),
        Case("label number", keys, #"{"role":"intake","label":5}"#, 422, ["/label"]),
        Case("unknown field", keys, #"{"role":"intake","secret":"x"}"#, 422, ["/secret"]),
        Case("10,000-character label", keys, #"{"role":"intake","label":"\#(long)"}"#, 422, ["/label"]),
        Case("clinician without therapist", keys, #"{"role":"clinician"}"#, 422, ["/therapist"]),
        Case("intake with therapist", keys, #"{"role":"intake","therapist":"t-own"}"#, 422, ["/therapist"]),
        Case("clinician with bad therapist id", keys, #"{"role":"clinician","therapist":"t/1"}"#, 422, ["/therapist"]),
        Case(
            "clinician with missing therapist",
            keys,
            #"{"role":"clinician","therapist":"t-none"}"#,
            422,
            ["/therapist"]
        ),
        Case(
            "clinician with other practice's therapist",
            keys,
            #"{"role":"clinician","therapist":"t-other"}"#,
            422,
            ["/therapist"]
        ),
    ]

    @Test(arguments: cases)
    func badBodyIsRefusedWithPointersAndChangesNothing(_ test: Case) throws {
        let live = try LiveService()
        defer { live.stop() }
        let other = try live.makePractice(name: "Other")
        _ = try live.store.createTherapist(practiceID: live.practiceID, id: "t-own", actor: .commandLine)
        _ = try live.store.createTherapist(practiceID: other.practice.id, id: "t-other", actor: .commandLine)
        let practices = [live.practiceID, other.practice.id]
        let before = try live.counts(practices)
        let response = try live.client.request("POST", test.path, token: live.adminToken, body: test.body)
        #expect(response.status == test.status, "\(response.text)")
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.json?["status"] as? Int == response.status)
        let errors = try #require(response.json?["errors"] as? [[String: Any]], "\(response.text)")
        #expect(errors.map { $0["pointer"] as? String } == test.pointers.map { Optional($0) })
        for entry in errors {
            #expect((entry["code"] as? String)?.isEmpty == false)
            #expect((entry["detail"] as? String)?.isEmpty == false)
        }
        #expect(try live.counts(practices) == before)
    }

    @Test func missingAndOtherPracticesTherapistAreRefusedAlike() throws {
        let live = try LiveService()
        defer { live.stop() }
        let other = try live.makePractice(name: "Other")
        _ = try live.store.createTherapist(practiceID: other.practice.id, id: "t-other", actor: .commandLine)
        let foreign = try live.client.post(
            Self.keys,
            token: live.adminToken,
            json: #"{"role":"clinician","therapist":"t-other"}"#
        )
        let missing = try live.client.post(
            Self.keys,
            token: live.adminToken,
            json: #"{"role":"clinician","therapist":"t-none"}"#
        )
        #expect(foreign.status >= 400 && foreign.status < 500)
        #expect(foreign.status == missing.status)
        #expect(
            foreign.problemBody.replacingOccurrences(of: "t-other", with: "t-none") == missing.problemBody,
            "\(foreign.text) vs \(missing.text)"
        )
    }

    @Test func longestAllowedIdIsAccepted() throws {
        let live = try LiveService()
        defer { live.stop() }
        let id = String(repeating: "a", count: 64)
        let response = try live.client.post(Self.therapists, token: live.adminToken, json: #"{"id":"\#(id)"}"#)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v1/therapists/" + id)
    }

    @Test func bodyOverTheLimitIs413AndChangesNothing() throws {
        let live = try LiveService()
        defer { live.stop() }
        let before = try live.counts([live.practiceID])
        let padding = [UInt8](repeating: UInt8(ascii: " "), count: 2_000_000)
        let body = Array(#"{"id":"t-big"}"#.utf8) + padding
        let response = try live.client.request("POST", Self.therapists, token: live.adminToken, body: body)
        #expect(response.status == 413)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(try live.counts([live.practiceID]) == before)
    }

    /// JSON media types in any case, with parameters and spaces, are accepted; near misses are not.
    @Test(arguments: [
        ("application/json", 201), ("Application/JSON; charset=utf-8", 201), (" application/json ;q=1", 201),
        ("application/merge-patch+json", 201), ("; application/json", 201), ("APPLICATION/PROBLEM+JSON", 201),
        ("application/jsonx", 415), ("application/json-seq", 415), ("application/ json", 415),
        ("text/json+xml", 415), ("json", 415), ("application/jsön", 415),
    ])
    func contentTypeIsJudgedByItsMediaType(_ contentType: String, expected: Int) throws {
        let live = try LiveService()
        defer { live.stop() }
        let before = try live.counts([live.practiceID])
        let response = try live.client.request(
            "POST",
            Self.therapists,
            token: live.adminToken,
            headers: [("Content-Type", contentType)],
            body: Array(#"{"id":"t-1"}"#.utf8)
        )
        #expect(response.status == expected)
        if expected == 415 { #expect(try live.counts([live.practiceID]) == before) }
    }

    @Test(arguments: ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
    func nonJSONContentTypeIs415(_ contentType: String) throws {
        let live = try LiveService()
        defer { live.stop() }
        let before = try live.counts([live.practiceID])
        let response = try live.client.request(
            "POST",
            Self.therapists,
            token: live.adminToken,
            headers: [("Content-Type", contentType)],
            body: Array(#"{"id":"t-1"}"#.utf8)
        )
        #expect(response.status == 415)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(try live.counts([live.practiceID]) == before)
    }

    @Test func duplicateTherapistIsConflictAndChangesNothing() throws {
        let live = try LiveService()
        defer { live.stop() }
        #expect(try live.client.post(Self.therapists, token: live.adminToken, json: #"{"id":"t-1"}"#).status == 201)
        let before = try live.counts([live.practiceID])
        let again = try live.client.post(Self.therapists, token: live.adminToken, json: #"{"id":"t-1"}"#)
        #expect(again.status == 409)
        #expect(again.header("Content-Type") == "application/problem+json")
        #expect(try live.counts([live.practiceID]) == before)
    }

    @Test(arguments: [
        "from=garbage", "to=2026-13-01", "from=2026-02-30", "limit=0", "limit=5000", "limit=ten", "limit=-1",
        "order=sideways", "cursor=garbage", "unknown=1",
    ])
    func badAuditQueryIs400(_ query: String) throws {
        let live = try LiveService()
        defer { live.stop() }
        let response = try live.client.get("/v1/audit?" + query, token: live.adminToken)
        #expect(response.status == 400, "\(response.text)")
        #expect(response.header("Content-Type") == "application/problem+json")
        let errors = response.json?["errors"] as? [[String: Any]]
        #expect(errors?.isEmpty == false)
    }

    @Test func goodAuditQueryIsAccepted() throws {
        let live = try LiveService()
        defer { live.stop() }
        let query = "from=2000-01-01&to=2100-01-01T00:00:00Z&order=oldestFirst&limit=1000"
        let response = try live.client.get("/v1/audit?" + query, token: live.adminToken)
        #expect(response.status == 200)
        #expect((response.json?["events"] as? [Any])?.isEmpty == false)
    }
}
