import AttuneCore
import AttuneJSON
import Testing

/// `SubmissionJSON`: strict decoding of posted submissions (every problem, with its pointer and code) and the
/// encodings of stored answers, scores and alerts.
@Suite struct SubmissionJSONTests {
    static let valid = #"""
        {"questionnaire":"relationship-checkin","version":1,"client":"c-0193","therapist":"t-07",
         "respondent":"client","session":5,"date":"2026-11-20",
         "answers":{"secure_base":3,"vas1":7.5,"c1":"never","b1":true,"skipped":null},"scores":{"total":2.75}}
        """#

    /// The problems `text` decodes to, as `pointer code` strings; empty when it decodes.
    static func problems(_ text: String) throws -> [String] {
        let value = try JSONReader().parse(text)
        do {
            _ = try SubmissionJSON.decode(value)
            return []
        } catch {
            return error.problems.map { "\($0.pointer) \($0.code.rawValue)" }
        }
    }

    /// `valid` with `member` (raw `"key":value`) replacing or adding one top-level member.
    static func with(_ key: String, _ raw: String?) -> String {
        var members = [
            #""questionnaire":"relationship-checkin""#, #""client":"c-1""#, #""therapist":"t-1""#,
            #""respondent":"client""#, #""session":1"#, #""date":"2026-11-20""#, #""answers":{"a":1}"#,
        ]
        members.removeAll { $0.hasPrefix("\"\(key)\":") }
        if let raw { members.append("\"\(key)\":\(raw)") }
        return "{" + members.joined(separator: ",") + "}"
    }

    @Test func decodesTheDesignSubmission() throws {
        let posted = try SubmissionJSON.decode(JSONReader().parse(Self.valid))
        let submission = posted
        #expect(submission.questionnaire == "relationship-checkin" && submission.version == 1)
        #expect(submission.client == "c-0193" && submission.therapist == "t-07")
        #expect(submission.respondent == .client && submission.session == 5 && submission.date == "2026-11-20")
        // `null` means unanswered: the key is dropped.
        #expect(submission.answerMap == ["secure_base": 3, "vas1": 7.5, "c1": "never", "b1": true])
        #expect(submission.scores == [PostedSubmission.SentScore(scale: "total", value: 2.75)])
        #expect(posted.supersedes == false)
    }

    @Test func optionalMembersMayBeAbsentOrNull() throws {
        let minimal = try SubmissionJSON.decode(JSONReader().parse(Self.with("version", nil)))
        #expect(minimal.version == nil && minimal.scores == nil && !minimal.supersedes)
        let nulls = try SubmissionJSON.decode(
            JSONReader().parse(Self.with("version", "null").dropLast() + #","scores":null,"supersedes":null}"#)
        )
        #expect(nulls.version == nil && nulls.scores == nil && !nulls.supersedes)
        let superseding = try SubmissionJSON.decode(JSONReader().parse(Self.with("supersedes", "true")))
        #expect(superseding.supersedes)
    }

    static let refusals: [(String, [String])] = [
        ("[]", [" wrongType"]),
        ("null", [" wrongType"]),
        (
            "{}",
            [
                "/questionnaire missingField", "/client missingField", "/therapist missingField",
                "/respondent missingField", "/session missingField", "/date missingField", "/answers missingField",
            ]
        ),
        (with("questionnaire", "7"), ["/questionnaire wrongType"]),
        (with("questionnaire", "null"), ["/questionnaire wrongType"]),
        (with("version", #""1""#), ["/version wrongType"]),
        (with("version", "1.5"), ["/version notInteger"]),
        (with("version", "0"), ["/version outOfRange"]),
        (with("version", "1000001"), ["/version outOfRange"]),
        (with("session", "0"), ["/session outOfRange"]),
        (with("session", "100001"), ["/session outOfRange"]),
        (with("session", "2.0"), []),
        (with("session", "1e300"), ["/session outOfRange"]),
        (with("respondent", #""parent""#), ["/respondent invalidValue"]),
        (with("respondent", #""Client""#), ["/respondent invalidValue"]),
        (with("date", "20261120"), ["/date wrongType"]),
        (with("answers", "[]"), ["/answers wrongType"]),
        (with("answers", #"{"a":[1],"b":{},"c":null,"d":"x"}"#), ["/answers/a wrongType", "/answers/b wrongType"]),
        (with("answers", #"{"a/b":[1],"c~d":{}}"#), ["/answers/a~1b wrongType", "/answers/c~0d wrongType"]),
        (with("scores", #"{"total":"2.75"}"#), ["/scores/total wrongType"]),
        (with("scores", "[2.75]"), ["/scores wrongType"]),
        (with("supersedes", #""true""#), ["/supersedes wrongType"]),
        (with("extra", "1"), ["/extra unknownField"]),
        (with("Client", #""c-1""#), ["/Client unknownField"]),
        (
            #"{"questionnaire":1,"z":0,"client":"c","therapist":"t","respondent":"robot","session":"5","#
                + #""date":"2026-11-20","answers":{"x":[]},"a":0}"#,
            [
                "/questionnaire wrongType", "/respondent invalidValue", "/session wrongType", "/answers/x wrongType",
                "/z unknownField", "/a unknownField",
            ]
        ),
    ]

    @Test(arguments: refusals)
    func strictDecodingReportsEveryProblemInOrder(_ refusal: (text: String, expected: [String])) throws {
        #expect(try Self.problems(refusal.text) == refusal.expected, "\(refusal.text)")
    }

    @Test func answersKeepTheDefinitionsOrderAndTheirJSONTypes() {
        let answers: [String: AnswerValue] = ["b1": true, "note": "a \"quote\"\n", "l1": 3, "v1": 7.5, "extra": 1]
        let bytes = SubmissionJSON.encodeAnswers(answers, order: ["l1", "v1", "missing", "b1", "note"])
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"l1":3,"v1":7.5,"b1":true,"note":"a \"quote\"\n"}"#)
    }

    @Test func scoresAreSortedWithNullForUnscoredScales() {
        let result = ScoringResult(
            scores: [
                "total": ScaleScore(
                    value: 2.63,
                    answered: 8,
                    of: 8,
                    prorated: false,
                    band: "mixed",
                    cutoffCrossed: true
                ),
                "a": ScaleScore(
                    value: nil,
                    answered: 1,
                    of: 3,
                    notApplicable: 1,
                    prorated: false,
                    unscored: .tooFewAnswered
                ),
                "sum": ScaleScore(value: 12, answered: 3, of: 4, prorated: true),
                "z": ScaleScore(value: -0.5, answered: 2, of: 2, prorated: false, cutoffCrossed: false),
            ],
            alerts: [
                FiredAlert(id: "low-total", target: .scale("total"), value: 2.63),
                FiredAlert(id: "floor", target: .item("flexibility"), value: 0),
            ]
        )
        #expect(
            String(decoding: SubmissionJSON.encodeScores(result), as: UTF8.self)
                == #"{"a":{"value":null,"answered":1,"of":3,"notApplicable":1,"prorated":false,"#
                + #""unscored":"tooFewAnswered"},"#
                + #""sum":{"value":12,"answered":3,"of":4,"notApplicable":0,"prorated":true},"#
                + #""total":{"value":2.63,"answered":8,"of":8,"notApplicable":0,"prorated":false,"band":"mixed","#
                + #""cutoffCrossed":true},"#
                + #""z":{"value":-0.5,"answered":2,"of":2,"notApplicable":0,"prorated":false,"cutoffCrossed":false}}"#
        )
        #expect(
            String(decoding: SubmissionJSON.encodeAlerts(result), as: UTF8.self)
                == #"[{"id":"low-total","scale":"total","value":2.63},{"id":"floor","item":"flexibility","value":0}]"#
        )
        #expect(SubmissionJSON.encodeAlerts(ScoringResult(scores: [:], alerts: [])) == Array("[]".utf8))
    }

    @Test(arguments: [nil, "sub_000000000000000000000002"])
    func theStoredSubmissionHasEveryWireField(_ supersededBy: String?) throws {
        let envelope = SubmissionJSON.Envelope(
            id: "sub_000000000000000000000001",
            questionnaire: "relationship-checkin",
            version: 1,
            client: "c-0193",
            therapist: "t-07",
            respondent: .therapist,
            session: 5,
            date: "2026-11-20",
            receivedAt: "2026-11-20T14:03:11.000Z",
            supersededBy: supersededBy
        )
        var writer = JSONWriter()
        SubmissionJSON.write(
            envelope,
            answers: Array(#"{"a":1}"#.utf8),
            scores: Array("{}".utf8),
            alerts: Array("[]".utf8),
            flags: Array(#"["straightLining"]"#.utf8),
            into: &writer
        )
        let value = try JSONReader().parse(writer.bytes)
        #expect(
            value.objectValue?.keys == [
                "id", "questionnaire", "version", "client", "therapist", "respondent", "session", "date",
                "receivedAt", "answers", "scores", "alerts", "flags", "supersededBy",
            ]
        )
        #expect(value["respondent"]?.stringValue == "therapist" && value["session"]?.intValue == 5)
        #expect(value["answers"]?["a"]?.intValue == 1)
        #expect(value["flags"] == .array([.string("straightLining")]))
        #expect(value["supersededBy"] == (supersededBy.map { JSONValue.string($0) } ?? .null))
    }
}
