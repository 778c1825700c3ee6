import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// Every refused submission: exact status, one pointer per problem, and no submission stored.
@Suite(.timeLimit(.minutes(1)))
struct SubmissionRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var change: @Sendable (inout SubmissionBody) -> Void
        var status: Int
        var pointers: [String]

        init(
            _ label: String,
            _ status: Int,
            _ pointers: [String],
            _ change: @escaping @Sendable (inout SubmissionBody) -> Void
        ) {
            self.label = label
            self.change = change
            self.status = status
            self.pointers = pointers
        }

        var testDescription: String { label }
    }

    /// Valid answers to the practice definition `wellbeing` (see `wellbeingDefinition()`).
    static let wellbeingAnswers = ["l1": "3", "l2": "1", "v1": "7.5", "c1": "\"often\"", "b1": "true"]

    static func wellbeing(_ body: inout SubmissionBody) {
        body.questionnaire = "wellbeing"
        body.answers = wellbeingAnswers
    }

    static let cases: [Case] = [
        Case("unknown questionnaire", 422, ["/questionnaire"]) { $0.questionnaire = "no-such-questionnaire" },
        Case("unknown questionnaire with a version", 422, ["/questionnaire"]) {
            $0.questionnaire = "no-such-questionnaire"
            $0.version = "1"
        },
        Case("unknown built-in version", 422, ["/version"]) { $0.version = "3" },
        Case("unknown practice version", 422, ["/version"]) {
            wellbeing(&$0)
            $0.version = "2"
        },
        Case("version 0", 422, ["/version"]) { $0.version = "0" },
        Case("unregistered therapist", 422, ["/therapist"]) { $0.therapist = "t-9" },
        Case("respondent mismatch", 422, ["/respondent"]) { $0.respondent = "therapist" },
        Case("unknown respondent", 422, ["/respondent"]) { $0.respondent = "parent" },
        Case("session 0", 422, ["/session"]) { $0.session = "0" },
        Case("session a string", 422, ["/session"]) { $0.session = "\"5\"" },
        Case("impossible date", 422, ["/date"]) { $0.date = "2026-02-30" },
        Case("date with time", 422, ["/date"]) { $0.date = "2026-11-20T10:00:00Z" },
        Case("invalid client id", 422, ["/client"]) { $0.client = "c 1" },
        Case("empty client id", 422, ["/client"]) { $0.client = "" },
        Case("missing client", 422, ["/client"]) { $0.client = nil },
        Case("unknown top-level field", 422, ["/colour"]) { $0.extra = ["colour": "\"blue\""] },
        Case("answers not an object", 422, ["/answers"]) { $0.rawAnswers = "[3]" },
        Case("unknown item", 422, ["/answers/bogus"]) { $0.answers["bogus"] = "1" },
        Case("likert answered with a string", 422, ["/answers/trust"]) { $0.answers["trust"] = "\"3\"" },
        Case("likert answered with an object", 422, ["/answers/trust"]) { $0.answers["trust"] = "{}" },
        Case("likert above max", 422, ["/answers/trust"]) { $0.answers["trust"] = "5" },
        Case("likert below min", 422, ["/answers/trust"]) { $0.answers["trust"] = "-1" },
        Case("likert not a whole number", 422, ["/answers/trust"]) { $0.answers["trust"] = "2.5" },
        // Version 1 of the check-in leaves `required` out, so its items are required.
        Case("missing required answer", 422, ["/answers/trust"]) {
            $0.version = "1"
            $0.answers["trust"] = nil
        },
        Case("null counts as unanswered", 422, ["/answers/trust"]) {
            $0.version = "1"
            $0.answers["trust"] = "null"
        },
        Case("scale item off-step", 422, ["/answers/v1"]) {
            wellbeing(&$0)
            $0.answers["v1"] = "7.3"
        },
        Case("scale item above max", 422, ["/answers/v1"]) {
            wellbeing(&$0)
            $0.answers["v1"] = "10.5"
        },
        Case("choice value not among options", 422, ["/answers/c1"]) {
            wellbeing(&$0)
            $0.answers["c1"] = "\"always\""
        },
        Case("choice answered with its score", 422, ["/answers/c1"]) {
            wellbeing(&$0)
            $0.answers["c1"] = "2"
        },
        Case("boolean answered with 1", 422, ["/answers/b1"]) {
            wellbeing(&$0)
            $0.answers["b1"] = "1"
        },
        Case("text answered with a number", 422, ["/answers/note"]) {
            wellbeing(&$0)
            $0.answers["note"] = "5"
        },
        Case("text over 4000 characters", 422, ["/answers/note"]) {
            wellbeing(&$0)
            $0.answers["note"] = quoted(String(repeating: "x", count: 4001))
        },
        Case("three answer problems at once", 422, ["/answers/bogus", "/answers/secure_base", "/answers/trust"]) {
            $0.version = "1"
            $0.answers["secure_base"] = "9"
            $0.answers["trust"] = nil
            $0.answers["bogus"] = "true"
        },
        Case("envelope and answer problems at once", 422, ["/respondent", "/date", "/client", "/answers/trust"]) {
            $0.respondent = "therapist"
            $0.date = "2026-13-01"
            $0.client = "-c"
            $0.answers["trust"] = "7"
        },
        // Strict decoding runs first: its problems come together, and semantic checks wait for a decodable body.
        Case("decoding problems at once", 422, ["/session", "/answers/trust", "/scores/total", "/colour"]) {
            $0.session = "0"
            $0.answers["trust"] = "[7]"
            $0.scores = ["total": "null"]
            $0.scores = ["total": "true"]
            $0.extra = ["colour": "1"]
        },
        Case("score mismatch", 422, ["/scores/total"]) { $0.scores = ["total": "2.5"] },
        Case("score for an unknown scale", 422, ["/scores/nope"]) { $0.scores = ["nope": "1"] },
        Case("score a string", 422, ["/scores/total"]) { $0.scores = ["total": "\"2.75\""] },
        Case("supersedes a string", 422, ["/supersedes"]) { $0.extra = ["supersedes": "\"yes\""] },
    ]

    @Test(arguments: cases)
    func refusesWithEveryPointerAndStoresNothing(_ testCase: Case) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        var body = SubmissionBody()
        testCase.change(&body)
        let response = try setup.post(body)
        #expect(response.status == testCase.status, "\(response.text)")
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.errorPointers.sorted() == testCase.pointers.sorted(), "\(response.text)")
        #expect(response.header("Location") == nil)
        #expect(try setup.submissionCount() == 0)
    }

    /// Bodies that are not JSON at all: 400, nothing stored.
    static let malformed: [String] = ["", "answers", #"{"questionnaire":"relationship-checkin""#, "{} {}", "[1,]"]

    @Test(arguments: malformed)
    func malformedJSONIs400(_ text: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let response = try setup.client.request(
            "POST",
            "/v1/submissions",
            token: setup.intake,
            body: Array(text.utf8)
        )
        #expect(response.status == 400, "\(response.text)")
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(try setup.submissionCount() == 0)
    }

    @Test func duplicateMembersAreRefused() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let text = SubmissionBody().json.replacingOccurrences(of: #""session":1"#, with: #""session":1,"session":2"#)
        let response = try setup.client.request("POST", "/v1/submissions", token: setup.intake, body: Array(text.utf8))
        #expect(response.status == 400, "\(response.text)")
        #expect(try setup.submissionCount() == 0)
    }

    @Test func refusalsNeverEchoTheClientIdOrAnswers() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        var body = SubmissionBody()
        Self.wellbeing(&body)
        body.client = "CLIENT-XYZ-9"
        body.answers["c1"] = quoted("SECRET-TEXT-123")
        body.answers["v1"] = "7.3"
        body.answers["note"] = "12345"
        let response = try setup.post(body)
        #expect(response.status == 422)
        #expect(response.errorPointers.sorted() == ["/answers/c1", "/answers/note", "/answers/v1"])
        #expect(!response.text.contains("CLIENT-XYZ-9") && !response.text.contains("SECRET-TEXT-123"))
        #expect(!response.text.contains("7.3") && !response.text.contains("12345"))
    }
}
