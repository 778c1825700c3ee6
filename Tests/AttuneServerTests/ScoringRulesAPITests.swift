import AttuneCore
import AttuneTesting
import Foundation
import Testing

/// The scoring rules of docs/scoring.md over the live server: definitions whose numbers scoring cannot
/// represent are a 422 and the server stays up; skips, not-applicable answers, exact integers and the
/// straight-lining flag as a client sees them, in the 201 and in every read.
@Suite(.timeLimit(.minutes(1))) struct ScoringRulesAPITests {
    /// A definition with two likert items `a` and `b` and one scale, with `scale` spliced in raw.
    static func definition(id: String, items: String? = nil, scale: String) -> String {
        let items =
            items
            ?? #"{"id":"a","text":"A","type":"likert","min":0,"max":4},{"id":"b","text":"B","type":"likert","min":0,"max":4}"#
        return #"{"id":""# + id + #"","version":1,"title":"T","respondent":"client","items":["# + items
            + #"],"scales":["# + scale + "]}"
    }

    @Test func hugeWeightsAndRangesAre422AndTheServerStaysUp() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let weights = try setup.publish(
            Self.definition(
                id: "weights",
                scale: #"{"id":"s","title":"S","items":["a","b"],"method":"mean","weights":{"a":1e308,"b":1e308}}"#
            )
        )
        #expect(weights.status == 422)
        #expect(weights.errorPointers == ["/scales/0/weights/a", "/scales/0/weights/b"])
        #expect(weights.errorCodes == ["numberOutOfBounds", "numberOutOfBounds"])
        let ranges = try setup.publish(
            Self.definition(
                id: "ranges",
                items: #"{"id":"a","text":"A","type":"scale","min":-1e308,"max":1e308},"#
                    + #"{"id":"b","text":"B","type":"scale","min":-1e308,"max":1e308}"#,
                scale: #"{"id":"s","title":"S","items":["a","b"],"method":"sum"}"#
            )
        )
        #expect(ranges.status == 422)
        #expect(ranges.errorPointers == ["/items/0/min", "/items/0/max", "/items/1/min", "/items/1/max"])
        // Still serving, for every practice.
        #expect(try setup.client.get("/healthz", token: nil).status == 200)
        #expect(try setup.post(SubmissionBody()).status == 201)
    }

    @Test func aProratingSumOverDifferentRangesAndBandsShortOfTheRangeAre422() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let mixed = try setup.publish(
            Self.definition(
                id: "mixed",
                items: #"{"id":"a","text":"A","type":"likert","min":0,"max":10},"#
                    + #"{"id":"b","text":"B","type":"likert","min":0,"max":1}"#,
                scale: #"{"id":"s","title":"S","items":["a","b"],"method":"sum","minAnswered":0.5}"#
            )
        )
        #expect(mixed.status == 422)
        #expect(mixed.errorCodes == ["prorateMixedRanges"])
        let short = try setup.publish(
            Self.definition(
                id: "short",
                scale: #"{"id":"s","title":"S","items":["a","b"],"method":"sum","#
                    + #""bands":[{"min":1,"max":4,"label":"low"},{"min":5,"max":7,"label":"high"}]}"#
            )
        )
        #expect(short.status == 422)
        #expect(short.errorPointers == ["/scales/0/bands/0/min", "/scales/0/bands/1/max"])
        #expect(short.errorCodes == ["bandsDoNotCoverRange", "bandsDoNotCoverRange"])
    }

    /// Optional items, `e` allowing "notApplicable", a mean over all three with minAnswered 0.5.
    static let events = definition(
        id: "events",
        items: #"{"id":"a","text":"A","type":"likert","min":0,"max":4,"required":false},"#
            + #"{"id":"b","text":"B","type":"likert","min":0,"max":4,"required":false},"#
            + #"{"id":"e","text":"If it happened…","type":"likert","min":0,"max":4,"required":false,"#
            + #""allowNotApplicable":true}"#,
        scale: #"{"id":"s","title":"S","items":["a","b","e"],"method":"mean","minAnswered":0.5}"#
    )

    static func eventsBody(_ answers: [String: String], session: Int = 1) -> SubmissionBody {
        var body = SubmissionBody()
        body.questionnaire = "events"
        body.session = String(session)
        body.answers = answers
        return body
    }

    @Test func skipsAndNotApplicableAnswersAreStoredAndScoredByTheRule() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let published = try setup.publish(Self.events)
        #expect(published.status == 201)
        #expect(published.text.contains(#""allowNotApplicable":true"#))

        // e not applicable, b skipped: 1 of 2 applicable ≥ ⌈0.5 · 2⌉ = 1.
        let created = try setup.create(Self.eventsBody(["a": "3", "e": #""notApplicable""#]))
        let scale = try #require(score(created, "s"))
        #expect(scale["value"] as? Double == 3)
        #expect(scale["notApplicable"] as? Int == 1 && scale["answered"] as? Int == 1)
        #expect((created["answers"] as? [String: Any])?["e"] as? String == "notApplicable")

        // Only not applicable: no scored answer, a 422 at /answers.
        let none = try setup.post(Self.eventsBody(["e": #""notApplicable""#], session: 2))
        #expect(none.status == 422)
        #expect(none.errorPointers == ["/answers"])
        #expect(none.errorCodes == ["noScoredAnswer"])

        // "notApplicable" where the item does not allow it.
        let refused = try setup.post(Self.eventsBody(["a": #""notApplicable""#, "b": "1"], session: 2))
        #expect(refused.status == 422)
        #expect(refused.errorPointers == ["/answers/a"])
        #expect(refused.errorCodes == ["notApplicableNotAllowed"])
        #expect(try setup.submissionCount() == 1)
    }

    @Test func exactIntegersOnTheWire() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(Self.events).status == 201)
        for (session, text) in ["3.0000000001", "2.0000000000000001", "1e-400"].enumerated() {
            let response = try setup.post(Self.eventsBody(["a": text, "b": "1"], session: session + 1))
            #expect(response.status == 422, "\(text)")
            #expect(response.errorPointers == ["/answers/a"])
            #expect(response.errorCodes == ["notInteger"])
        }
        let created = try setup.create(Self.eventsBody(["a": "-0", "b": "3.0"]))
        let id = try #require(created["id"] as? String)
        let fetched = try setup.client.get("/v1/submissions/" + id, token: setup.intake)
        #expect(fetched.text.contains(#""answers":{"a":0,"b":3}"#), "\(fetched.text)")
        #expect(!fetched.text.contains(":-0"))
        #expect(scoreValue(created, "s") == 1.5)
    }

    /// The latest built-in profile with every likert item answered `value`.
    static func straightLinedProfile(_ value: Int, session: Int) throws -> SubmissionBody {
        let profile = try #require(
            BuiltInInstruments.all.filter { $0.id == "relationship-profile" }.max { $0.version < $1.version }
        )
        var body = SubmissionBody()
        body.questionnaire = profile.id
        body.version = String(profile.version)
        body.session = String(session)
        body.answers = Dictionary(
            uniqueKeysWithValues: profile.items.filter { $0.type == .likert }.map { ($0.id, String(value)) }
        )
        return body
    }

    @Test func straightLiningIsFlaggedInTheAnswerAndEveryRead() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let created = try setup.create(try Self.straightLinedProfile(3, session: 1))
        #expect(created["flags"] as? [String] == ["straightLining"])
        let checkin = try setup.create(SubmissionBody.checkin(session: 1))
        #expect(checkin["flags"] as? [String] == [])

        let id = try #require(created["id"] as? String)
        let fetched = try setup.client.get("/v1/submissions/" + id, token: setup.clinician1)
        #expect(fetched.json?["flags"] as? [String] == ["straightLining"])
        let listed = try setup.client.get("/v1/submissions?client=c-1", token: setup.supervisor)
        let items = try #require(listed.json?["submissions"] as? [[String: Any]])
        #expect(Set(items.compactMap { ($0["flags"] as? [String])?.first }) == ["straightLining"])
        #expect(items.count == 2)

        // A submission stored before flags existed (flags NULL) reads as no flags.
        let raw = try RawSQLite(path: setup.live.databasePath)
        try raw.execute("UPDATE submissions SET flags = NULL")
        let old = try setup.client.get("/v1/submissions/" + id, token: setup.clinician1)
        #expect(old.status == 200)
        #expect(old.json?["flags"] as? [String] == [])
    }
}
