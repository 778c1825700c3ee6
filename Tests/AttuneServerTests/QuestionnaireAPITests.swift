import AttuneCore
import AttuneJSON
import AttuneSQLite
import AttuneStore
import Dispatch
import Foundation
import Synchronization
import Testing

/// `/v1/questionnaires`: the list, latest and versioned reads with ETag/304, and publishing practice versions.
@Suite(.timeLimit(.minutes(1)))
struct QuestionnaireAPITests {
    static let builtIns = ["relationship-checkin", "relationship-checkin-therapist", "relationship-profile"]

    private func summaries(_ response: TestResponse) -> [[String: Any]] {
        response.json?["questionnaires"] as? [[String: Any]] ?? []
    }

    @Test func everyRoleListsTheBuiltInsAndThePracticesLatestVersions() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        #expect(try setup.publish(wellbeingDefinition(version: 2, title: "Wellbeing 2")).status == 201)
        #expect(try setup.publish(wellbeingDefinition(id: "another")).status == 201)
        for token in [setup.admin, setup.intake, setup.clinician1, setup.supervisor] {
            let response = try setup.client.get("/v1/questionnaires", token: token)
            #expect(response.status == 200)
            let list = summaries(response)
            #expect(list.compactMap { $0["id"] as? String } == Self.builtIns + ["another", "wellbeing"])
            let wellbeing = try #require(list.first { $0["id"] as? String == "wellbeing" })
            #expect(wellbeing["version"] as? Int == 2)
            #expect(wellbeing["title"] as? String == "Wellbeing 2")
            #expect(wellbeing["respondent"] as? String == "client")
            #expect(wellbeing["builtIn"] as? Bool == false)
            let therapistForm = try #require(list.first { $0["id"] as? String == "relationship-checkin-therapist" })
            #expect(therapistForm["builtIn"] as? Bool == true)
            #expect(therapistForm["respondent"] as? String == "therapist")
            #expect(therapistForm["version"] as? Int == 2)
            #expect(Set(list.flatMap { $0.keys }) == ["id", "version", "title", "respondent", "builtIn"])
        }
    }

    @Test func anotherPracticesDefinitionsAreInvisible() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        let other = try setup.live.makePractice(name: "Practice B")
        let list = try setup.client.get("/v1/questionnaires", token: other.adminKey.token)
        #expect(summaries(list).compactMap { $0["id"] as? String } == Self.builtIns)
        let foreign = try setup.client.get("/v1/questionnaires/wellbeing", token: other.adminKey.token)
        let missing = try setup.client.get("/v1/questionnaires/never-published", token: other.adminKey.token)
        #expect(foreign.status == 404)
        #expect(foreign.problemBody == missing.problemBody)
        let foreignVersion = try setup.client.get(
            "/v1/questionnaires/wellbeing/versions/1",
            token: other.adminKey.token
        )
        #expect(foreignVersion.status == 404)
    }

    @Test(arguments: builtIns)
    func builtInLatestEqualsItsVersionAndTheCodeDefinition(_ id: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let latest = try setup.client.get("/v1/questionnaires/\(id)", token: setup.clinician1)
        let version = try setup.client.get("/v1/questionnaires/\(id)/versions/2", token: setup.clinician1)
        #expect(latest.status == 200 && version.status == 200)
        #expect(latest.body == version.body)
        let expected = try #require(BuiltInInstruments.definition(withID: id))
        #expect(latest.body == DefinitionJSON.encode(expected))
        #expect(latest.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(latest.header("Cache-Control") == "private, no-cache")
        #expect(version.header("Cache-Control") == "private, max-age=31536000, immutable")
        let etag = try #require(latest.header("ETag"))
        #expect(etag == version.header("ETag"))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"))
        // The fields come pre-encoded: each exactly once, in this order, before the server's own.
        for response in [latest, version] {
            #expect(
                Array(response.headers.map(\.name).prefix(3)) == ["etag", "cache-control", "content-type"]
            )
            #expect(response.headers.filter { $0.name == "etag" }.count == 1)
        }
    }

    /// Version 1 of each built-in as served before version 2 existed (Tests/Fixtures/builtin-v1).
    static func publishedVersion1(_ id: String) throws -> (body: [UInt8], etag: String) {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/builtin-v1")
        let body = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent("\(id).json")))
        let etag = try String(contentsOf: fixtures.appendingPathComponent("\(id).etag"), encoding: .utf8)
        return (body, etag.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: builtIns)
    func builtInVersion1IsStillServedWithItsPublishedBytesAndETag(_ id: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let published = try Self.publishedVersion1(id)
        let version1 = try setup.client.get("/v1/questionnaires/\(id)/versions/1", token: setup.intake)
        #expect(version1.status == 200)
        #expect(version1.body == published.body)
        #expect(version1.header("ETag") == published.etag)
        #expect(version1.json?["version"] as? Int == 1)
        let revalidated = try setup.client.request(
            "GET",
            "/v1/questionnaires/\(id)/versions/1",
            token: setup.intake,
            headers: [("If-None-Match", published.etag)]
        )
        #expect(revalidated.status == 304)
        // The latest is version 2, with other bytes and so another ETag.
        let latest = try setup.client.get("/v1/questionnaires/\(id)", token: setup.intake)
        #expect(latest.json?["version"] as? Int == 2)
        #expect(latest.header("ETag") != published.etag)
    }

    static let unknownPaths = [
        "/v1/questionnaires/nope",
        "/v1/questionnaires/nope/versions/1",
        "/v1/questionnaires/relationship-checkin/versions/3",
        "/v1/questionnaires/relationship-checkin/versions/0",
        "/v1/questionnaires/relationship-checkin/versions/one",
        "/v1/questionnaires/wellbeing/versions/2",
    ]

    @Test(arguments: unknownPaths)
    func unknownQuestionnaireOrVersionIs404(_ path: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        let response = try setup.client.get(path, token: setup.intake)
        #expect(response.status == 404, "\(response.text)")
        #expect(response.header("ETag") == nil)
        #expect(response.header("Content-Type") == "application/problem+json")
    }

    /// `If-None-Match` values and whether they name the current representation (RFC 9110 §13.1.2).
    static let conditions: [(String, Bool)] = [
        ("{etag}", true),
        ("W/{etag}", true),
        ("*", true),
        ("\"other\", {etag}", true),
        ("\"other\",{etag}", true),
        ("\"a\" , W/{etag} , \"b\"", true),
        ("\"other\"", false),
        ("W/\"other\"", false),
        ("\"\"", false),
    ]

    @Test(arguments: conditions, ["latest", "versions/1"])
    func ifNoneMatchAnswers304OnlyForAMatchingTag(_ condition: (String, Bool), _ suffix: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        for id in ["relationship-checkin", "wellbeing"] {
            let path = "/v1/questionnaires/\(id)" + (suffix == "latest" ? "" : "/" + suffix)
            let first = try setup.client.get(path, token: setup.intake)
            let etag = try #require(first.header("ETag"))
            let header = condition.0.replacingOccurrences(of: "{etag}", with: etag)
            let second = try setup.client.request(
                "GET",
                path,
                token: setup.intake,
                headers: [("If-None-Match", header)]
            )
            if condition.1 {
                #expect(second.status == 304, "\(path) If-None-Match: \(header)")
                #expect(second.body.isEmpty)
                #expect(second.header("ETag") == etag)
                #expect(second.header("Cache-Control") == first.header("Cache-Control"))
                #expect(second.header("Content-Type") == nil && second.header("Content-Length") == nil)
                #expect(second.headers.filter { $0.name == "etag" }.count == 1)
            } else {
                #expect(second.status == 200, "\(path) If-None-Match: \(header)")
                #expect(second.body == first.body)
            }
        }
    }

    @Test func publishingAVersionAnswers201WithLocationETagAndTheCanonicalDefinition() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let posted = wellbeingDefinition()
        let created = try setup.publish(posted)
        #expect(created.status == 201, "\(created.text)")
        #expect(created.header("Location") == "/v1/questionnaires/wellbeing/versions/1")
        let canonical = DefinitionJSON.encode(try DefinitionJSON.decode(JSONReader().parse(Array(posted.utf8))))
        #expect(created.body == canonical)
        let byVersion = try setup.client.get("/v1/questionnaires/wellbeing/versions/1", token: setup.intake)
        let latest = try setup.client.get("/v1/questionnaires/wellbeing", token: setup.clinician2)
        #expect(byVersion.status == 200 && latest.status == 200)
        #expect(byVersion.body == canonical && latest.body == canonical)
        let etag = try #require(created.header("ETag"))
        #expect(byVersion.header("ETag") == etag && latest.header("ETag") == etag)
        let stored = try #require(
            try setup.live.store.questionnaireVersion(practiceID: setup.live.practiceID, id: "wellbeing", version: 1)
        )
        #expect(stored.title == "Wellbeing" && stored.respondent == .client)
    }

    @Test func aNewVersionMovesLatestButNotTheOldVersion() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try setup.publish(wellbeingDefinition())
        let etag1 = try #require(first.header("ETag"))
        let second = try setup.publish(wellbeingDefinition(version: 2, title: "Wellbeing, revised"))
        #expect(second.status == 201)
        #expect(second.header("Location") == "/v1/questionnaires/wellbeing/versions/2")
        let etag2 = try #require(second.header("ETag"))
        #expect(etag1 != etag2)
        // A client holding v1's tag for "latest" must now get v2.
        let latest = try setup.client.request(
            "GET",
            "/v1/questionnaires/wellbeing",
            token: setup.intake,
            headers: [("If-None-Match", etag1)]
        )
        #expect(latest.status == 200)
        #expect(latest.header("ETag") == etag2)
        #expect(latest.json?["title"] as? String == "Wellbeing, revised")
        #expect(latest.json?["version"] as? Int == 2)
        let old = try setup.client.request(
            "GET",
            "/v1/questionnaires/wellbeing/versions/1",
            token: setup.intake,
            headers: [("If-None-Match", etag1)]
        )
        #expect(old.status == 304)
        let oldBody = try setup.client.get("/v1/questionnaires/wellbeing/versions/1", token: setup.intake)
        #expect(oldBody.json?["title"] as? String == "Wellbeing")
    }

    @Test func twoPracticesMayPublishTheSameIdEachSeeingItsOwn() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let other = try setup.live.makePractice(name: "Practice B")
        let mine = try setup.publish(wellbeingDefinition(title: "Ours"))
        let theirs = try setup.publish(wellbeingDefinition(title: "Theirs"), token: other.adminKey.token)
        #expect(mine.status == 201 && theirs.status == 201)
        #expect(mine.header("ETag") != theirs.header("ETag"))
        for (token, title) in [(setup.intake, "Ours"), (other.adminKey.token, "Theirs")] {
            for path in ["/v1/questionnaires/wellbeing", "/v1/questionnaires/wellbeing/versions/1"] {
                let response = try setup.client.get(path, token: token)
                #expect(response.json?["title"] as? String == title, "\(path)")
            }
        }
        // Practice A's tag does not validate B's representation.
        let crossed = try setup.client.request(
            "GET",
            "/v1/questionnaires/wellbeing/versions/1",
            token: other.adminKey.token,
            headers: [("If-None-Match", mine.header("ETag") ?? "")]
        )
        #expect(crossed.status == 200)
    }

    @Test func concurrentPublishesOfOneVersionStoreOne() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let bodies = (0..<8).map { Array(wellbeingDefinition(title: "Race \($0)").utf8) }
        let client = setup.client
        let admin = setup.admin
        let all = bodies.indices.map { index in
            Thread.detachedResult {
                try? client.request("POST", "/v1/questionnaires", token: admin, body: bodies[index])
            }
        }.map { $0.wait()??.status ?? -1 }
        #expect(all.filter { $0 == 201 }.count == 1, "\(all)")
        #expect(all.filter { $0 == 409 }.count == bodies.count - 1, "\(all)")
        #expect(try setup.live.store.questionnaires(practiceID: setup.live.practiceID).map(\.version) == [1])
    }

    @Test func publishedVersionsAreImmutable() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try setup.publish(wellbeingDefinition())
        #expect(first.status == 201)
        let auditBefore = try setup.live.counts([setup.live.practiceID])
        for definition in [wellbeingDefinition(), wellbeingDefinition(title: "Changed")] {
            let again = try setup.publish(definition)
            #expect(again.status == 409, "\(again.text)")
            #expect(again.header("Content-Type") == "application/problem+json")
        }
        #expect(try setup.live.counts([setup.live.practiceID]) == auditBefore)
        let fetched = try setup.client.get("/v1/questionnaires/wellbeing/versions/1", token: setup.intake)
        #expect(fetched.body == first.body)
        #expect(fetched.header("ETag") == first.header("ETag"))
    }

    @Test func versionsMustBeSequential() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        // (version posted, status): a gap is 422 at /version, a published version 409, the next one 201.
        let sequence = [(1, 201), (3, 422), (2, 201), (2, 409), (4, 422), (1, 409), (3, 201), (5, 422)]
        for (version, status) in sequence {
            let response = try setup.publish(wellbeingDefinition(version: version))
            #expect(response.status == status, "version \(version): \(response.text)")
            if status == 422 { #expect(response.errorPointers == ["/version"], "version \(version)") }
        }
        let latest = try setup.live.store.latestQuestionnaire(practiceID: setup.live.practiceID, id: "wellbeing")
        #expect(latest?.version == 3)
    }

    @Test func theFirstVersionOfANewIdMustBe1() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let response = try setup.publish(wellbeingDefinition(version: 2))
        #expect(response.status == 422)
        #expect(response.errorPointers == ["/version"])
        #expect(try setup.live.store.latestQuestionnaire(practiceID: setup.live.practiceID, id: "wellbeing") == nil)
    }

    @Test(arguments: builtIns)
    func builtInIdsAreReserved(_ id: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        for version in [1, 2] {
            let response = try setup.publish(wellbeingDefinition(id: id, version: version))
            #expect(response.status == 422)
            #expect(response.errorPointers == ["/id"])
        }
        #expect(try setup.live.store.questionnaires(practiceID: setup.live.practiceID).isEmpty)
        let builtIn = try setup.client.get("/v1/questionnaires/\(id)", token: setup.intake)
        #expect(builtIn.json?["title"] as? String != "Wellbeing")
    }

    @Test(arguments: [("intake", 403), ("clinician", 403), ("supervisor", 403), ("none", 401)])
    func onlyAdminsPublish(_ role: (String, Int)) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let token: String? =
            switch role.0 {
            case "intake": setup.intake
            case "clinician": setup.clinician1
            case "supervisor": setup.supervisor
            default: nil
            }
        let response = try setup.client.post("/v1/questionnaires", token: token, json: wellbeingDefinition())
        #expect(response.status == role.1)
        #expect(try setup.live.store.questionnaires(practiceID: setup.live.practiceID).isEmpty)
    }

    @Test func aSubmissionAgainstAPracticeDefinitionIsScoredByIt() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        var body = SubmissionBody()
        body.questionnaire = "wellbeing"
        body.answers = ["l1": "3", "l2": "1", "v1": "7.5", "c1": "\"often\"", "b1": "true", "note": "\"fine\""]
        let created = try setup.create(body)
        #expect(created["version"] as? Int == 1)
        // total (sum): l1 3 + l2 reversed (0 + 4 − 1 = 3) + c1 "often" 4 = 10 → band "high" (6–12).
        let total = try #require(score(created, "total"))
        #expect(total["value"] as? Double == 10)
        #expect(total["band"] as? String == "high")
        #expect(total["prorated"] as? Bool == false)
        // vas (weighted mean): (3 · 7.5 + 1 · 3) / (3 + 1) = 25.5 / 4 = 6.375.
        #expect(scoreValue(created, "vas") == 6.375)
        // Item alert "often": c1 scored 4 ≥ 2 fires; "high-vas": 6.375 is not above 8.
        #expect(alertIDs(created) == ["often"])
        let answers = try #require(created["answers"] as? [String: Any])
        #expect(answers["note"] as? String == "fine")
        #expect(answers["c1"] as? String == "often")
        #expect(answers["b1"] as? Bool == true)
    }

    @Test func submissionsPinTheVersionTheyAnswered() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        #expect(try setup.publish(wellbeingDefinition(version: 2)).status == 201)
        var body = SubmissionBody()
        body.questionnaire = "wellbeing"
        body.answers = ["l1": "3", "v1": "7", "c1": "\"never\"", "b1": "false"]
        let latest = try setup.create(body)
        #expect(latest["version"] as? Int == 2)
        body.version = "1"
        body.session = "2"
        let pinned = try setup.create(body)
        #expect(pinned["version"] as? Int == 1)
        // l2 is optional and missing: 2 of 3 answered ≥ ⌈0.6 · 3⌉ = 2, so the sum is prorated:
        // (3 + 0) · 3 / 2 = 4.5 → band "low" (0–5).
        let total = try #require(score(pinned, "total"))
        #expect(total["value"] as? Double == 4.5)
        #expect(total["prorated"] as? Bool == true)
        #expect(total["answered"] as? Int == 2 && total["of"] as? Int == 3)
        #expect(total["band"] as? String == "low")
        body.version = "3"
        let missing = try setup.post(body)
        #expect(missing.status == 422)
        #expect(missing.errorPointers == ["/version"])
    }
}

/// A value computed on its own thread, for requests that must overlap.
final class ThreadResult<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    fileprivate func set(_ result: Value) {
        value.withLock { $0 = result }
        done.signal()
    }

    /// Blocks until the thread finished.
    func wait() -> Value? {
        done.wait()
        return value.withLock { $0 }
    }
}

extension Thread {
    /// Starts `body` on a new thread at once.
    static func detachedResult<Value: Sendable>(_ body: @escaping @Sendable () -> Value) -> ThreadResult<Value> {
        let result = ThreadResult<Value>()
        Thread { result.set(body()) }.start()
        return result
    }
}
