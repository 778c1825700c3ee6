import AttuneSQLite
import AttuneStore
import Dispatch
import Foundation
import Synchronization
import Testing

/// `Idempotency-Key` on the `POST`s that create: same key + same request (by meaning, RFC 8785) replays the
/// first answer, same key + another request is refused, a malformed key is a 400, `POST /v1/keys` refuses
/// the header, and a storm of retries stores exactly one submission in one commit.
@Suite(.timeLimit(.minutes(1)))
struct IdempotencyTests {
    private func post(_ setup: SubmissionFixture, _ body: SubmissionBody, key: String, token: String? = nil) throws
        -> TestResponse
    {
        try setup.post(body, token: token, headers: [("Idempotency-Key", key)])
    }

    @Test func sameKeyAndBodyReplaysTheFirstResponse() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try post(setup, SubmissionBody(), key: "retry-1")
        #expect(first.status == 201)
        #expect(first.header("Idempotent-Replayed") == nil)
        let id = try #require(first.json?["id"] as? String)
        for _ in 0..<3 {
            let again = try post(setup, SubmissionBody(), key: "retry-1")
            #expect(again.status == 201)
            #expect(again.header("Idempotent-Replayed") == "true")
            #expect(again.header("Location") == "/v1/submissions/" + id)
            #expect(again.body == first.body)
        }
        // The admin key of the same practice retrying the same request gets the same answer.
        let byAdmin = try post(setup, SubmissionBody(), key: "retry-1", token: setup.admin)
        #expect(byAdmin.status == 201 && byAdmin.body == first.body)
        #expect(try setup.storedSubmissions().map(\.id) == [id])
        #expect(try setup.storedSubmissions().first?.idempotencyKey == "retry-1")
    }

    @Test func sameKeyWithAnotherBodyIs422AndChangesNothing() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try post(setup, SubmissionBody(), key: "k-mismatch")
        #expect(first.status == 201)
        // Valid on its own (another session), so only the key can refuse it.
        var other = SubmissionBody()
        other.session = "2"
        let refused = try post(setup, other, key: "k-mismatch")
        #expect(refused.status == 422, "\(refused.text)")
        #expect(refused.header("Content-Type") == "application/problem+json")
        #expect(refused.header("Idempotent-Replayed") == nil)
        #expect((refused.json?["detail"] as? String)?.contains("Idempotency-Key") == true)
        #expect(try setup.submissionCount() == 1)
        // Without the key, the second session is accepted.
        #expect(try setup.post(other).status == 201)
        #expect(try setup.submissionCount() == 2)
    }

    @Test func theSameJSONReserializedIsTheSameRequest() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try post(setup, SubmissionBody(), key: "k-meaning")
        #expect(first.status == 201)
        // Other whitespace, another member order and another spelling of the same numbers (RFC 8785).
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(SubmissionBody().bytes)) as? [String: Any]
        )
        let reordered = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        var text = String(decoding: reordered, as: UTF8.self)
        text = text.replacingOccurrences(of: #""session" : 1"#, with: #""session" : 1.0e0"#)
        for body in [Array(reordered), Array(text.utf8)] {
            let again = try setup.client.request(
                "POST",
                "/v1/submissions",
                token: setup.intake,
                headers: [("Idempotency-Key", "k-meaning")],
                body: body
            )
            #expect(again.status == 201, "\(again.text)")
            #expect(again.header("Idempotent-Replayed") == "true")
            #expect(again.body == first.body)
        }
        #expect(try setup.submissionCount() == 1)
    }

    @Test func anIdempotentSubmissionIsOneCommit() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        // The first idempotent write of a process also queues the periodic purge of old records.
        #expect(try post(setup, SubmissionBody.checkin(session: 1), key: "k-warm").status == 201)
        let before = setup.live.store.writeStats
        #expect(try post(setup, SubmissionBody.checkin(session: 2), key: "k-one-commit").status == 201)
        let after = setup.live.store.writeStats
        #expect(after.commits - before.commits == 1)
        #expect(after.writes - before.writes == 1)
    }

    @Test func therapistsAndQuestionnairesHonourTheKey() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let client = setup.client
        func postTherapist(_ json: String) throws -> TestResponse {
            try client.request(
                "POST",
                "/v1/therapists",
                token: setup.admin,
                headers: [("Idempotency-Key", "k-therapist"), ("Content-Type", "application/json")],
                body: Array(json.utf8)
            )
        }
        let first = try postTherapist(#"{"id":"t-idem"}"#)
        #expect(first.status == 201)
        let again = try postTherapist(#"{ "id" : "t-idem" }"#)
        #expect(again.status == 201, "a replay, not a 409 for the existing therapist: \(again.text)")
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(again.header("Location") == "/v1/therapists/t-idem")
        #expect(again.body == first.body)
        #expect(try postTherapist(#"{"id":"t-other"}"#).status == 422)
        #expect(try setup.live.store.therapist(practiceID: setup.live.practiceID, id: "t-other") == nil)

        func publish(_ definition: String) throws -> TestResponse {
            try client.request(
                "POST",
                "/v1/questionnaires",
                token: setup.admin,
                headers: [("Idempotency-Key", "k-definition"), ("Content-Type", "application/json")],
                body: Array(definition.utf8)
            )
        }
        let published = try publish(wellbeingDefinition())
        #expect(published.status == 201, "\(published.text)")
        let republished = try publish(wellbeingDefinition())
        #expect(republished.status == 201, "a replay, not a 409 for the existing version: \(republished.text)")
        #expect(republished.header("Idempotent-Replayed") == "true")
        #expect(republished.header("Location") == "/v1/questionnaires/wellbeing/versions/1")
        #expect(republished.body == published.body)
    }

    @Test func keysRefuseTheKeyInsteadOfIgnoringIt() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let before = try setup.live.store.keys(practiceID: setup.live.practiceID).count
        for _ in 0..<2 {
            let response = try setup.client.request(
                "POST",
                "/v1/keys",
                token: setup.admin,
                headers: [("Idempotency-Key", "k-keys"), ("Content-Type", "application/json")],
                body: Array(#"{"role":"intake"}"#.utf8)
            )
            #expect(response.status == 400, "\(response.text)")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect((response.json?["detail"] as? String)?.contains("Idempotency-Key") == true)
        }
        #expect(try setup.live.store.keys(practiceID: setup.live.practiceID).count == before)
    }

    static let malformedKeys = [
        "",
        "has space",
        "tab\tinside",
        String(repeating: "k", count: 256),
        "kl\u{00E9}",
        "\u{043A}\u{043B}\u{044E}\u{0447}",
    ]

    @Test(arguments: malformedKeys)
    func malformedKeyIs400AndStoresNothing(_ key: String) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let response = try post(setup, SubmissionBody(), key: key)
        #expect(response.status == 400, "\(response.text)")
        #expect((response.json?["detail"] as? String)?.contains("Idempotency-Key") == true)
        #expect(try setup.submissionCount() == 0)
    }

    @Test func aKeyOf255VisibleCharactersIsAccepted() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let key = String(repeating: "~", count: 128) + String(repeating: "!", count: 127)
        let first = try post(setup, SubmissionBody(), key: key)
        #expect(first.status == 201)
        let again = try post(setup, SubmissionBody(), key: key)
        #expect(again.header("Idempotent-Replayed") == "true" && again.body == first.body)
    }

    @Test func aRefusedRequestDoesNotUseUpItsKey() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        var bad = SubmissionBody()
        bad.answers["trust"] = "9"
        #expect(try post(setup, bad, key: "k-fix").status == 422)
        let fixed = try post(setup, SubmissionBody(), key: "k-fix")
        #expect(fixed.status == 201)
        #expect(fixed.header("Idempotent-Replayed") == nil)
        #expect(try setup.submissionCount() == 1)
    }

    @Test func aConflictIsNotRecordedSoItsRetryMeetsTheSameConflict() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let first = try setup.create(SubmissionBody())
        var again = SubmissionBody()
        again.answers["trust"] = "4"
        for _ in 0..<2 {
            let conflict = try post(setup, again, key: "k-conflict")
            #expect(conflict.status == 409)
            #expect(conflict.json?["existing"] as? String == first["id"] as? String)
        }
        // With "supersedes" (another body) the same key is free, since the conflict was not recorded.
        again.supersedes = true
        #expect(try post(setup, again, key: "k-conflict").status == 201)
        #expect(try setup.submissionCount() == 2)
    }

    @Test func keysBelongToOnePractice() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let other = try setup.live.makePractice(name: "Practice B")
        _ = try setup.live.store.createTherapist(practiceID: other.practice.id, id: "t-1", actor: .commandLine)
        let inA = try post(setup, SubmissionBody(), key: "shared-key")
        let inB = try post(setup, SubmissionBody(), key: "shared-key", token: other.adminKey.token)
        #expect(inA.status == 201 && inB.status == 201)
        #expect(inB.header("Idempotent-Replayed") == nil)
        #expect(inA.json?["id"] as? String != inB.json?["id"] as? String)
        let inBStored = try setup.live.store.submissions(practiceID: other.practice.id, query: SubmissionQuery())
        #expect(inBStored.submissions.count == 1)
        #expect(try setup.submissionCount() == 1)
    }

    @Test
    func aRetryReplaysEvenAfterANewVersionWouldRefuseTheBody() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        #expect(try setup.publish(wellbeingDefinition()).status == 201)
        var body = SubmissionBody()
        body.questionnaire = "wellbeing"  // no version: the latest, v1 now
        body.answers = ["l1": "3", "v1": "7.5", "c1": "\"often\"", "b1": "true"]
        let first = try post(setup, body, key: "k-versioned")
        #expect(first.status == 201)
        // Version 2 makes l2 required: the same body would now be refused with /answers/l2.
        let v2 = wellbeingDefinition(version: 2).replacingOccurrences(
            of: #""reverse":true,"required":false"#,
            with: #""reverse":true"#
        )
        #expect(try setup.publish(v2).status == 201)
        #expect(try setup.post(body).errorPointers == ["/answers/l2"])
        // The retry of the first request must still get the first answer.
        let retry = try post(setup, body, key: "k-versioned")
        #expect(retry.status == 201, "\(retry.text)")
        #expect(retry.header("Idempotent-Replayed") == "true")
        #expect(retry.text == first.text)
        #expect(try setup.submissionCount() == 1)
    }

    /// Sends `bodies[i]` from thread i, all released at once; returns the responses in thread order.
    static func storm(port: Int, token: String, key: String?, bodies: [[UInt8]]) throws -> [TestResponse] {
        let results = ResultsBox()
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for (index, body) in bodies.enumerated() {
            ready.enter()
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                let connection: HTTPConnection
                do {
                    connection = try HTTPConnection(port: port)
                } catch {
                    results.value.withLock { $0[index] = .failure(HTTPClientError(description: "\(error)")) }
                    ready.leave()
                    return
                }
                ready.leave()
                start.wait()
                let headers = key.map { [("Idempotency-Key", $0)] } ?? []
                let result = Result {
                    try connection.send("POST", "/v1/submissions", token: token, headers: headers, body: body)
                }
                results.value.withLock { $0[index] = result.mapError { HTTPClientError(description: "\($0)") } }
            }
            thread.start()
        }
        ready.wait()
        for _ in bodies { start.signal() }
        done.wait()
        return try results.value.withLock { results in try bodies.indices.map { try #require(results[$0]).get() } }
    }

    @Test func aConcurrentRetryStormStoresExactlyOneSubmission() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let body = SubmissionBody().bytes
        let responses = try Self.storm(
            port: setup.live.port,
            token: setup.intake,
            key: "storm-key",
            bodies: Array(repeating: body, count: 20)
        )
        // The check, the write and the record share one transaction on the single writer, so every retry
        // waits for the first and replays it (201, same bytes); exactly one request is the original.
        #expect(responses.allSatisfy { $0.status == 201 }, "\(responses.map { "\($0.status) \($0.text)" })")
        let created = responses.filter { $0.status == 201 }
        #expect(created.filter { $0.header("Idempotent-Replayed") == nil }.count == 1)
        #expect(Set(created.map(\.body)).count == 1, "every replay answers the first response byte for byte")
        let ids = Set(created.compactMap { $0.json?["id"] as? String })
        #expect(ids.count == 1)
        let stored = try setup.storedSubmissions()
        #expect(stored.map(\.id) == Array(ids))
        // Once the storm is over, a retry gets the first answer.
        let retry = try Self.storm(port: setup.live.port, token: setup.intake, key: "storm-key", bodies: [body])
        #expect(retry.first?.status == 201)
        #expect(retry.first?.body == created.first?.body)
    }

    @Test func aConcurrentStormWithoutAKeyStoresOneAndNamesItInEveryConflict() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let responses = try Self.storm(
            port: setup.live.port,
            token: setup.intake,
            key: nil,
            bodies: Array(repeating: SubmissionBody().bytes, count: 20)
        )
        let created = responses.filter { $0.status == 201 }
        #expect(created.count == 1)
        let id = try #require(created.first?.json?["id"] as? String)
        let conflicts = responses.filter { $0.status == 409 }
        #expect(conflicts.count == 19)
        #expect(conflicts.allSatisfy { $0.json?["existing"] as? String == id })
        #expect(try setup.storedSubmissions().map(\.id) == [id])
    }

    @Test func aConcurrentStormOfOneKeyWithDifferentBodiesStoresOnlyOne() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let bodies = (1...20).map { SubmissionBody.checkin(session: $0).bytes }
        let responses = try Self.storm(port: setup.live.port, token: setup.intake, key: "one-key", bodies: bodies)
        #expect(responses.filter { $0.status == 201 }.count == 1, "\(responses.map(\.status))")
        #expect(responses.filter { $0.status == 422 }.count == 19)
        #expect(try setup.submissionCount() == 1)
    }
}

/// Responses by thread index, filled from the storm's threads.
private final class ResultsBox: Sendable {
    let value = Mutex<[Int: Result<TestResponse, HTTPClientError>]>([:])
}
