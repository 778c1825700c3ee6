import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// `POST /v1/submissions` for each built-in, with the scores worked out by hand; reading back by id;
/// duplicates and `supersedes`.
@Suite(.timeLimit(.minutes(1)))
struct SubmissionAPITests {
    @Test func checkinIsStoredAndScoredAsWorkedOutByHand() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        body.session = "5"
        body.answers["flexibility"] = "0"
        let response = try setup.post(body)
        #expect(response.status == 201, "\(response.text)")
        let created = try #require(response.json)
        let id = try #require(created["id"] as? String)
        #expect(response.header("Location") == "/v1/submissions/" + id)
        #expect(created["questionnaire"] as? String == "relationship-checkin")
        // No version named: the latest, whose total leaves the rupture questions out.
        #expect(created["version"] as? Int == 2)
        #expect(created["client"] as? String == "c-1" && created["therapist"] as? String == "t-1")
        #expect(created["respondent"] as? String == "client")
        #expect(created["session"] as? Int == 5 && created["date"] as? String == "2026-11-20")
        #expect(created["supersededBy"] is NSNull)
        #expect((created["receivedAt"] as? String)?.hasSuffix("Z") == true)
        // 3 + 4 + 2 + 3 + 4 + 3 + 2 + 0 = 21; 21 / 8 = 2.625, rounded half away from zero to 2 decimals: 2.63.
        // Bands: 2–2.99 "mixed"; cut-off "below 3" crossed.
        let total = try #require(score(created, "total"))
        #expect(total["value"] as? Double == 2.63)
        #expect(total["answered"] as? Int == 8 && total["of"] as? Int == 8)
        #expect(total["prorated"] as? Bool == false)
        #expect(total["band"] as? String == "mixed")
        #expect(total["cutoffCrossed"] as? Bool == true)
        // low-total needs < 2 (no); floor-flexibility fires on flexibility ≤ 0 with the item's own score.
        let alerts = try #require(created["alerts"] as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect(alerts.first?["id"] as? String == "floor-flexibility")
        #expect(alerts.first?["item"] as? String == "flexibility")
        #expect(alerts.first?["value"] as? Double == 0)
        let answers = try #require(created["answers"] as? [String: Any])
        #expect(answers.count == 8 && answers["attunement"] as? Int == 4)
        // Stored exactly as answered: GET returns the same bytes.
        let fetched = try setup.client.get("/v1/submissions/" + id, token: setup.supervisor)
        #expect(fetched.status == 200)
        #expect(fetched.body == response.body)
        #expect(try setup.submissionCount() == 1)
    }

    @Test func therapistFormIsAnsweredByTheTherapist() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        body.questionnaire = "relationship-checkin-therapist"
        body.respondent = "therapist"
        body.answers = [
            "secure_base": "0", "attunement": "2", "trust": "1", "acceptance": "1",
            "repair": "1", "autonomy": "1", "cultural_humility": "1", "flexibility": "1",
        ]
        let created = try setup.create(body, token: setup.admin)
        #expect(created["respondent"] as? String == "therapist")
        // 0 + 2 + 1 · 6 = 8; 8 / 8 = 1 → band "strained" (0–1.99), cut-off crossed.
        let total = try #require(score(created, "total"))
        #expect(total["value"] as? Double == 1)
        #expect(total["band"] as? String == "strained")
        #expect(total["cutoffCrossed"] as? Bool == true)
        // low-total: 1 < 2 fires with the scale value; floor-secure_base: 0 ≤ 0 fires.
        let alerts = try #require(created["alerts"] as? [[String: Any]])
        #expect(alerts.compactMap { $0["id"] as? String } == ["low-total", "floor-secure_base"])
        #expect(alerts.first?["scale"] as? String == "total" && alerts.first?["value"] as? Double == 1)
        // The client's check-in for the same session is another respondent: no conflict.
        try setup.create(SubmissionBody(), token: setup.admin)
        #expect(try setup.submissionCount() == 2)
    }

    /// (quality, answers to _1, _2, _3); `_3` is reverse-keyed: counts as 4 − answer.
    static let profileAnswers: [(String, Int, Int, Int)] = [
        ("secure_base", 4, 4, 0),  // 4, 4, 4 → 12 / 3 = 4        strong
        ("attunement", 3, 3, 1),  // 3, 3, 3 → 9 / 3 = 3          good
        ("trust", 2, 3, 2),  // 2, 3, 2 → 7 / 3 = 2.333… → 2.33   mixed
        ("acceptance", 1, 1, 4),  // 1, 1, 0 → 2 / 3 = 0.666… → 0.67 strained, alert
        ("repair", 4, 3, 1),  // 4, 3, 3 → 10 / 3 = 3.333… → 3.33 good
        ("autonomy", 2, 2, 2),  // 2, 2, 2 → 6 / 3 = 2            mixed
        ("cultural_humility", 3, 4, 0),  // 3, 4, 4 → 11 / 3 = 3.666… → 3.67 strong
        ("flexibility", 0, 1, 3),  // 0, 1, 1 → 2 / 3 = 0.666… → 0.67 strained, alert
    ]

    /// Per version: the total's value and how many statements it holds. Version 1's total is all 24: keyed
    /// sum 12 + 9 + 7 + 2 + 10 + 6 + 11 + 2 = 59; 59 / 24 = 2.4583… → 2.46. Version 2's leaves out the two
    /// statements that presuppose an event (repair_2 at 3, repair_3 reversed to 3): 53 / 22 = 2.409… → 2.41.
    static let profileTotals: [(String, Double, Int)] = [("1", 2.46, 24), ("2", 2.41, 22)]

    @Test(arguments: profileTotals)
    func profileScoresEachQualityAndTheTotalWithReverseKeying(_ version: (String, Double, Int)) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        body.questionnaire = "relationship-profile"
        body.version = version.0
        body.answers = [:]
        for (quality, first, second, third) in Self.profileAnswers {
            body.answers["\(quality)_1"] = String(first)
            body.answers["\(quality)_2"] = String(second)
            body.answers["\(quality)_3"] = String(third)
        }
        #expect(body.answers.count == 24)
        let created = try setup.create(body)
        #expect(created["version"] as? Int == Int(version.0))
        let expected: [String: (Double, String)] = [
            "secure_base": (4, "strong"), "attunement": (3, "good"), "trust": (2.33, "mixed"),
            "acceptance": (0.67, "strained"), "repair": (3.33, "good"), "autonomy": (2, "mixed"),
            "cultural_humility": (3.67, "strong"), "flexibility": (0.67, "strained"),
            "total": (version.1, "mixed"),
        ]
        let scores = try #require(created["scores"] as? [String: Any])
        #expect(Set(scores.keys) == Set(expected.keys))
        for (scale, (value, band)) in expected {
            let computed = try #require(score(created, scale), "\(scale)")
            #expect(computed["value"] as? Double == value, "\(scale)")
            #expect(computed["band"] as? String == band, "\(scale)")
            #expect(computed["answered"] as? Int == (scale == "total" ? version.2 : 3), "\(scale)")
            #expect(computed["cutoffCrossed"] as? Bool == (value < 3), "\(scale)")
        }
        // Alerts below 2: the total does not fire; acceptance and flexibility (0.67) do, in definition order.
        let alerts = try #require(created["alerts"] as? [[String: Any]])
        #expect(alerts.compactMap { $0["id"] as? String } == ["low-acceptance", "low-flexibility"])
        #expect(alerts.allSatisfy { $0["value"] as? Double == 0.67 })
    }

    @Test(arguments: [("2.75", 201), ("2.7500005", 201), ("2.7499995", 201), ("2.750002", 422), ("2.5", 422)])
    func senderScoresAreCheckedWithin1e6(_ sent: (String, Int)) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        // The default answers: 3 + 4 + 2 + 3 + 4 + 3 + 2 + 1 = 22; 22 / 8 = 2.75.
        body.scores = ["total": sent.0]
        let response = try setup.post(body)
        #expect(response.status == sent.1, "\(response.text)")
        if sent.1 == 422 {
            #expect(response.errorPointers == ["/scores/total"])
            #expect(response.errorCodes == ["scoreMismatch"])
            let detail = try #require(response.errorDetails.first)
            #expect(detail.contains("total") && detail.contains(sent.0) && detail.contains("2.75"), "\(detail)")
            #expect(try setup.submissionCount() == 0)
        } else {
            #expect(scoreValue(try #require(response.json), "total") == 2.75)
            #expect(try setup.submissionCount() == 1)
        }
    }

    @Test func aSecondSubmissionForTheSameSessionIs409NamingTheFirst() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try setup.create(SubmissionBody())
        let firstID = try #require(first["id"] as? String)
        var again = SubmissionBody()
        again.answers["trust"] = "4"
        let conflict = try setup.post(again)
        #expect(conflict.status == 409)
        #expect(conflict.json?["existing"] as? String == firstID)
        #expect((conflict.json?["detail"] as? String)?.contains(firstID) == true)
        #expect(try setup.submissionCount() == 1)
        // Another session or another client is no duplicate.
        var nextSession = SubmissionBody()
        nextSession.session = "2"
        #expect(try setup.post(nextSession).status == 201)
        var otherClient = SubmissionBody()
        otherClient.client = "c-2"
        #expect(try setup.post(otherClient).status == 201)
        var otherTherapist = SubmissionBody()
        otherTherapist.therapist = "t-2"
        otherTherapist.date = "2026-11-21"
        #expect(try setup.post(otherTherapist).status == 409, "same client, questionnaire, respondent and session")
        #expect(try setup.submissionCount() == 3)
    }

    @Test func supersedesReplacesTheCurrentSubmission() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try setup.create(SubmissionBody())
        let firstID = try #require(first["id"] as? String)
        var replacement = SubmissionBody()
        replacement.answers["trust"] = "4"
        replacement.supersedes = true
        let second = try setup.create(replacement)
        let secondID = try #require(second["id"] as? String)
        #expect(secondID != firstID)
        // 22 − 2 + 4 = 24; 24 / 8 = 3.
        #expect(scoreValue(second, "total") == 3)
        let old = try setup.client.get("/v1/submissions/" + firstID, token: setup.intake)
        #expect(old.status == 200)
        #expect(old.json?["supersededBy"] as? String == secondID)
        let current = try setup.client.get("/v1/submissions/" + secondID, token: setup.intake)
        #expect(current.json?["supersededBy"] is NSNull)
        // A third one without "supersedes" now conflicts with the replacement, not the original.
        let conflict = try setup.post(SubmissionBody())
        #expect(conflict.status == 409)
        #expect(conflict.json?["existing"] as? String == secondID)
        let stored = try setup.storedSubmissions()
        #expect(stored.count == 2)
        #expect(stored.first { $0.id == firstID }?.supersededBy == secondID)
    }

    @Test func supersedesWithNothingToReplaceIsAPlainCreate() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var body = SubmissionBody()
        body.supersedes = true
        let created = try setup.create(body)
        #expect(created["supersededBy"] is NSNull)
        #expect(try setup.submissionCount() == 1)
    }

    @Test func textAnswersAreStoredAndReturnedButNeverScored() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        var body = SubmissionBody()
        body.questionnaire = "wellbeing"
        body.answers = ["l1": "0", "l2": "4", "v1": "0", "c1": "\"never\"", "b1": "false"]
        let without = try setup.create(body)
        body.session = "2"
        body.answers["note"] = #""Slept badly — \"noisy\" neighbours.\n""#
        let with = try setup.create(body)
        #expect(with["scores"] as? NSDictionary == without["scores"] as? NSDictionary)
        // Everything zero: total 0 + (4 − 4) + 0 = 0, band "low"; vas (3 · 0 + 0) / 4 = 0.
        #expect(scoreValue(with, "total") == 0 && scoreValue(with, "vas") == 0)
        let id = try #require(with["id"] as? String)
        let fetched = try setup.client.get("/v1/submissions/" + id, token: setup.clinician1)
        let answers = try #require(fetched.json?["answers"] as? [String: Any])
        #expect(answers["note"] as? String == "Slept badly — \"noisy\" neighbours.\n")
    }

    @Test(arguments: ["clinician", "supervisor"])
    func readOnlyRolesMayNotSubmit(_ role: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let response = try setup.post(
            SubmissionBody(),
            token: role == "clinician" ? setup.clinician1 : setup.supervisor
        )
        #expect(response.status == 403)
        #expect(try setup.submissionCount() == 0)
    }

    @Test func readingByIdHonoursClinicianScopeAndTenancy() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let created = try setup.create(SubmissionBody())
        let id = try #require(created["id"] as? String)
        let path = "/v1/submissions/" + id
        for token in [setup.admin, setup.intake, setup.supervisor, setup.clinician1] {
            #expect(try setup.client.get(path, token: token).status == 200)
        }
        let missingPath = "/v1/submissions/sub_000000000000000000000000"
        let otherTherapist = try setup.client.get(path, token: setup.clinician2)
        let missing = try setup.client.get(missingPath, token: setup.clinician2)
        #expect(otherTherapist.status == 404)
        #expect(otherTherapist.problemBody == missing.problemBody)
        let other = try setup.live.makePractice(name: "Practice B")
        let foreign = try setup.client.get(path, token: other.adminKey.token)
        let foreignMissing = try setup.client.get(missingPath, token: other.adminKey.token)
        #expect(foreign.status == 404)
        #expect(foreign.problemBody == foreignMissing.problemBody)
        #expect(foreign.headers.map(\.name).sorted() == foreignMissing.headers.map(\.name).sorted())
    }
}
