import Foundation
import Testing

/// Both published versions of the built-ins over the wire: a submission naming version 1 is scored by
/// version 1 exactly as before; one naming none gets version 2, with optional items and the rupture
/// questions beside the total.
@Suite(.timeLimit(.minutes(1)))
struct BuiltInVersionAPITests {
    @Test func aCheckinNamingVersion1IsScoredAsBefore() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        body.version = "1"
        body.answers["flexibility"] = "0"
        let created = try setup.create(body)
        #expect(created["version"] as? Int == 1)
        // 3 + 4 + 2 + 3 + 4 + 3 + 2 + 0 = 21; 21 / 8 = 2.625 → 2.63, "mixed"; version 1 has no other scale.
        let scores = try #require(created["scores"] as? [String: Any])
        #expect(Array(scores.keys) == ["total"])
        let total = try #require(score(created, "total"))
        #expect(total["value"] as? Double == 2.63 && total["band"] as? String == "mixed")
        let alerts = try #require(created["alerts"] as? [[String: Any]])
        #expect(alerts.compactMap { $0["id"] as? String } == ["floor-flexibility"])
    }

    @Test func version1RefusesTheRuptureQuestionsItNeverAsked() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        body.version = "1"
        body.answers["rupture_felt"] = "true"
        let response = try setup.post(body)
        #expect(response.status == 422)
        #expect(response.errorPointers == ["/answers/rupture_felt"])
        #expect(try setup.submissionCount() == 0)
    }

    @Test func theRuptureQuestionsStayOutOfTheTotalAndAnUnspokenRuptureAlerts() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        body.answers["rupture_felt"] = "true"
        body.answers["rupture_discussed"] = #""no""#
        let created = try setup.create(body)
        #expect(created["version"] as? Int == 2)
        // The default answers: 22 / 8 = 2.75, whatever the rupture questions say.
        let total = try #require(score(created, "total"))
        #expect(total["value"] as? Double == 2.75)
        #expect(total["answered"] as? Int == 8 && total["of"] as? Int == 8)
        let talk = try #require(score(created, "rupture_talk"))
        #expect(talk["value"] as? Double == 0)
        let alerts = try #require(created["alerts"] as? [[String: Any]])
        #expect(alerts.compactMap { $0["id"] as? String } == ["rupture-not-discussed"])
        let answers = try #require(created["answers"] as? [String: Any])
        #expect(answers["rupture_felt"] as? Bool == true && answers["rupture_discussed"] as? String == "no")
    }

    @Test func aTalkedThroughRuptureScoresTwoAndDoesNotAlert() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        body.questionnaire = "relationship-checkin-therapist"
        body.respondent = "therapist"
        body.answers["rupture_felt"] = "true"
        body.answers["rupture_discussed"] = #""yes""#
        let created = try setup.create(body)
        #expect(try #require(score(created, "rupture_talk"))["value"] as? Double == 2)
        #expect((created["alerts"] as? [[String: Any]])?.isEmpty == true)
    }

    /// Skipped items (version 2 says `required: false`): 6 of 8 still score the total (`minAnswered`
    /// 0.75), 5 of 8 leave it unscored; both are stored.
    @Test(arguments: [(2, true), (3, false)])
    func version2ScoresAroundSkips(_ skips: (Int, Bool)) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        for id in ["secure_base", "attunement", "trust"].prefix(skips.0) { body.answers[id] = nil }
        let created = try setup.create(body)
        let total = try #require(score(created, "total"))
        #expect(total["answered"] as? Int == 8 - skips.0 && total["of"] as? Int == 8)
        if skips.1 {
            // 2 + 3 + 4 + 3 + 2 + 1 = 15 over six answered: 2.5.
            #expect(total["value"] as? Double == 2.5)
        } else {
            #expect(total["value"] is NSNull)
        }
    }
}
