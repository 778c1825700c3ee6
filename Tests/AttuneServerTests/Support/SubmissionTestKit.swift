import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// A submission body built field by field, serialized with members in a fixed order (so the same value always
/// gives the same bytes, which idempotency tests rely on). Answers and scores hold raw JSON values.
struct SubmissionBody: Sendable {
    var questionnaire: String? = "relationship-checkin"
    var version: String? = nil
    var client: String? = "c-1"
    var therapist: String? = "t-1"
    var respondent: String? = "client"
    var session: String? = "1"
    var date: String? = "2026-11-20"
    /// Item id → raw JSON value.
    var answers: [String: String] = SubmissionBody.checkinAnswers
    /// Replaces `answers` with raw JSON (e.g. an array); nil uses `answers`.
    var rawAnswers: String? = nil
    /// Scale id → raw JSON value; nil leaves `scores` out.
    var scores: [String: String]? = nil
    var supersedes: Bool? = nil
    /// Extra raw members, e.g. `("note", "1")` for an unknown field.
    var extra: [String: String] = [:]

    /// 3, 4, 2, 3, 4, 3, 2, 1 in the check-in's item order: Σ 22, mean 22 / 8 = 2.75.
    static let checkinAnswers: [String: String] = [
        "secure_base": "3", "attunement": "4", "trust": "2", "acceptance": "3",
        "repair": "4", "autonomy": "3", "cultural_humility": "2", "flexibility": "1",
    ]

    static func checkin(session: Int = 1, client: String = "c-1", therapist: String = "t-1") -> SubmissionBody {
        var body = SubmissionBody()
        body.session = String(session)
        body.client = client
        body.therapist = therapist
        return body
    }

    var json: String {
        var members: [String] = []
        func add(_ key: String, _ raw: String?) { if let raw { members.append("\(quoted(key)):\(raw)") } }
        add("questionnaire", questionnaire.map(quoted))
        add("version", version)
        add("client", client.map(quoted))
        add("therapist", therapist.map(quoted))
        add("respondent", respondent.map(quoted))
        add("session", session)
        add("date", date.map(quoted))
        add("answers", rawAnswers ?? object(answers))
        add("scores", scores.map(object))
        add("supersedes", supersedes.map { $0 ? "true" : "false" })
        for key in extra.keys.sorted() { add(key, extra[key]) }
        return "{" + members.joined(separator: ",") + "}"
    }

    var bytes: [UInt8] { Array(json.utf8) }

    private func object(_ members: [String: String]) -> String {
        "{" + members.keys.sorted().map { "\(quoted($0)):\(members[$0] ?? "null")" }.joined(separator: ",") + "}"
    }
}

/// A JSON string literal for ids and keys written by the tests (no escaping needed for them).
func quoted(_ text: String) -> String { "\"" + text + "\"" }

/// The live service with therapists `t-1` and `t-2` and one key per role.
final class SubmissionFixture {
    let live: LiveService
    let intake: String
    let supervisor: String
    /// Clinician keys bound to `t-1` and `t-2`.
    let clinician1: String
    let clinician2: String

    init() throws {
        live = try LiveService()
        for therapist in ["t-1", "t-2"] {
            _ = try live.store.createTherapist(practiceID: live.practiceID, id: therapist, actor: .commandLine)
        }
        intake = try live.makeKey(.intake).token
        supervisor = try live.makeKey(.supervisor).token
        clinician1 = try live.makeKey(.clinician, therapist: "t-1").token
        clinician2 = try live.makeKey(.clinician, therapist: "t-2").token
    }

    var admin: String { live.adminToken }
    var client: HTTPClient { live.client }

    func stop() { live.stop() }

    /// `POST /v1/submissions` with the intake key unless another is given.
    func post(_ body: SubmissionBody, token: String? = nil, headers: [(String, String)] = []) throws
        -> TestResponse
    {
        try client.request("POST", "/v1/submissions", token: token ?? intake, headers: headers, body: body.bytes)
    }

    /// Posts and requires a 201; returns the stored submission as the server answered it.
    @discardableResult
    func create(_ body: SubmissionBody, token: String? = nil) throws -> [String: Any] {
        let response = try post(body, token: token)
        try #require(response.status == 201, "\(response.status) \(response.text)")
        return try #require(response.json)
    }

    /// `POST /v1/questionnaires` as admin.
    func publish(_ definition: String, token: String? = nil) throws -> TestResponse {
        try client.post("/v1/questionnaires", token: token ?? admin, json: definition)
    }

    /// Every stored submission of the practice (superseded ones too), straight from the store.
    func storedSubmissions() throws -> [StoredSubmission] {
        try live.store.submissions(
            practiceID: live.practiceID,
            query: SubmissionQuery(includeSuperseded: true, limit: SubmissionQuery.maxLimit)
        ).submissions
    }

    func submissionCount() throws -> Int { try storedSubmissions().count }
}

extension TestResponse {
    /// `errors[].code` of a problem body.
    var errorCodes: [String] {
        (json?["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
    }

    /// `errors[].detail` of a problem body.
    var errorDetails: [String] {
        (json?["errors"] as? [[String: Any]])?.compactMap { $0["detail"] as? String } ?? []
    }
}

/// `scores[scale].value` of a stored submission.
func scoreValue(_ submission: [String: Any], _ scale: String) -> Double? {
    ((submission["scores"] as? [String: Any])?[scale] as? [String: Any])?["value"] as? Double
}

/// `scores[scale]` of a stored submission.
func score(_ submission: [String: Any], _ scale: String) -> [String: Any]? {
    (submission["scores"] as? [String: Any])?[scale] as? [String: Any]
}

/// The alert ids of a stored submission, in order.
func alertIDs(_ submission: [String: Any]) -> [String] {
    (submission["alerts"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
}

/// A practice definition using every item type: `l1` likert 0–4, `l2` likert 0–4 reversed and optional,
/// `v1` scale 0–10 step 0.5, `c1` choice never 0 / sometimes 2 / often 4, `b1` boolean, `note` text.
/// Scales: `total` = sum of l1, l2, c1 (all 0–4, so it may prorate: weights 1, prorated when 2 of 3 are
/// answered; bands low 0–5, high 6–12); `vas` = mean of v1 (weight 3) and l1 (weight 1). Alerts: `often`
/// item c1 ≥ 2, `high-vas` above 8.
func wellbeingDefinition(id: String = "wellbeing", version: Int = 1, title: String = "Wellbeing") -> String {
    """
    {"id":"\(id)","version":\(version),"title":"\(title)","respondent":"client",
     "items":[
      {"id":"l1","text":"I slept well.","type":"likert","min":0,"max":4},
      {"id":"l2","text":"I felt tense.","type":"likert","min":0,"max":4,"reverse":true,"required":false},
      {"id":"v1","text":"How calm were you?","type":"scale","min":0,"max":10,"step":0.5},
      {"id":"c1","text":"How often did you go out?","type":"choice","options":[
        {"value":"never","label":"Never","score":0},{"value":"sometimes","label":"Sometimes","score":2},
        {"value":"often","label":"Often","score":4}]},
      {"id":"b1","text":"Did you exercise?","type":"boolean"},
      {"id":"note","text":"Anything else?","type":"text","required":false}],
     "scales":[
      {"id":"total","title":"Total","items":["l1","l2","c1"],"method":"sum","minAnswered":0.6,
       "bands":[{"min":0,"max":5,"label":"low"},{"min":6,"max":12,"label":"high"}]},
      {"id":"vas","title":"Calm","items":["v1","l1"],"method":"mean","weights":{"v1":3,"l1":1}}],
     "alerts":[{"id":"often","item":"c1","atLeast":2},{"id":"high-vas","scale":"vas","above":8}]}
    """
}
