import AttuneClient
import AttuneCore
import AttuneJSON
import AttuneStore
import Testing

/// Every SDK method against the real server on 127.0.0.1:0, over real sockets through libcurl.
@Suite(.timeLimit(.minutes(1)))
struct ClientEndpointTests {
    @Test func healthReadinessAndMe() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            #expect(try await client.health().status == "ok")
            #expect(try await client.readiness().status == "ready")
            let me = try await client.me()
            #expect(me.role == .admin)
            #expect(me.practice == server.practiceID)
            #expect(me.therapist == nil)
            let clinician = try server.client(token: server.token(.clinician, therapist: "t-1"))
            #expect(try await clinician.me().therapist == "t-1")
        }
    }

    @Test func questionnairesAreListedFetchedAndRevalidated() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            let list = try await client.questionnaires()
            #expect(list.contains { $0.id == "relationship-checkin" && $0.builtIn })
            let first = try await client.questionnaire("relationship-checkin")
            #expect(first.source == .downloaded)
            #expect(first.etag != nil)
            #expect(first.definition.id == "relationship-checkin")
            let second = try await client.questionnaire("relationship-checkin")
            #expect(second.source == .revalidated)
            #expect(second.definition == first.definition)
            let version = try await client.questionnaire("relationship-checkin", version: 1)
            #expect(version.definition.version == 1 && version.source == .downloaded)
            let again = try await client.questionnaire("relationship-checkin", version: 1)
            #expect(again.source == .cached)
        }
    }

    @Test func publishingADefinitionThenFetchingIt() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            let published = try await client.publish(Fixtures.definition())
            #expect(published.definition == Fixtures.definition())
            let fetched = try await client.questionnaire("practice-pulse")
            #expect(fetched.definition == Fixtures.definition())
            #expect(fetched.etag == published.etag)
            #expect(try await client.questionnaires().contains { $0.id == "practice-pulse" && !$0.builtIn })
        }
    }

    @Test func submitReadBackAndList() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            let receipt = try await client.submit(Fixtures.checkin())
            #expect(!receipt.replayed)
            #expect(receipt.location == "/v1/submissions/" + receipt.submission.id)
            #expect(receipt.submission.score(of: "total")?.value == 2.75)
            #expect(receipt.submission.answer(to: "trust") == .number(2))
            let read = try await client.submission(receipt.submission.id)
            #expect(read == receipt.submission)
            let again = try await client.submit(Fixtures.checkin(), idempotencyKey: receipt.idempotencyKey)
            #expect(again.replayed)
            #expect(again.submission.id == receipt.submission.id)
        }
    }

    @Test func thePaginationSequenceFollowsTheCursorToTheEnd() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            var posted: Set<String> = []
            for session in 1...7 {
                posted.insert(try await client.submit(Fixtures.checkin(session: session)).submission.id)
            }
            let page = try await client.submissionPage(SubmissionFilter(client: "c-1", pageSize: 3))
            #expect(page.items.count == 3)
            #expect(page.next != nil)
            var seen: [String] = []
            for try await submission in client.submissions(SubmissionFilter(client: "c-1", pageSize: 3)) {
                seen.append(submission.id)
            }
            #expect(seen.count == 7)
            #expect(Set(seen) == posted)
            let none = try await client.submissions(SubmissionFilter(client: "nobody")).collect()
            #expect(none.isEmpty)
        }
    }

    @Test func therapistsAndKeys() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            let created = try await client.createTherapist("t-2")
            #expect(created.id == "t-2")
            #expect(try await client.therapist("t-2") == created)
            #expect(try await client.therapists().map(\.id).sorted() == ["t-1", "t-2"])
            let key = try await client.createKey(role: .clinician, therapist: "t-2", label: "tablet")
            let secret = try #require(key.secret)
            #expect(!key.description.contains(secret))
            #expect(try await client.key(key.id).secret == nil)
            #expect(try await client.keys().contains { $0.id == key.id && $0.label == "tablet" })
            let clinician = try server.client(token: secret)
            #expect(try await clinician.me().therapist == "t-2")
            let revoked = try await client.revokeKey(key.id)
            #expect(revoked.revokedAt != nil)
            #expect(try await client.keys().allSatisfy { $0.id != key.id })
            #expect(try await client.keys(includeRevoked: true).contains { $0.id == key.id })
            await #expect(throws: AttuneClientError.self) { try await clinician.me() }

            let bound = try await client.createKey(role: .clinician, therapist: "t-2")
            let deactivation = try await client.deactivateTherapist("t-2")
            #expect(deactivation.therapist.deactivatedAt != nil)
            #expect(deactivation.revokedKeys == [bound.id])
            #expect(try await client.therapists().map(\.id) == ["t-1"])
            #expect(try await client.therapists(includeDeactivated: true).contains { $0.deactivatedAt != nil })
        }
    }

    @Test func theAuditTrailPagesLikeTheOtherLists() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            for id in ["t-2", "t-3", "t-4"] { _ = try await client.createTherapist(id) }
            let events = try await client.auditEvents(oldestFirst: true, pageSize: 2).collect()
            let creations = events.filter { $0.resourceType == "therapist" && $0.keyID != nil }
            #expect(creations.map(\.resourceID) == ["t-2", "t-3", "t-4"])
        }
    }

    @Test func serverProblemsAreDecodedWithTheirPointers() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            var bad = Fixtures.checkin()
            bad.answers[2].value = .number(9)
            let error = await #expect(throws: AttuneClientError.self) { try await client.submit(bad) }
            let problem = try #require(error?.problem)
            #expect(problem.status == 422)
            #expect(problem.code == "invalid-fields")
            #expect(problem.errors.contains { $0.pointer == "/answers/trust" })
            let missing = await #expect(throws: AttuneClientError.self) { try await client.submission("nope") }
            #expect(missing?.problem?.status == 404)
            #expect(missing?.problem?.code == "not-found")
            _ = try await client.submit(Fixtures.checkin(session: 3))
            let duplicate = await #expect(throws: AttuneClientError.self) {
                try await client.submit(Fixtures.checkin(session: 3))
            }
            #expect(duplicate?.problem?.status == 409)
            #expect(duplicate?.problem?.existingSubmission != nil)
            let submitOnly = try server.client(token: server.token(.submit))
            let forbidden = await #expect(throws: AttuneClientError.self) { try await submitOnly.therapists() }
            #expect(forbidden?.problem?.status == 403)
            #expect(forbidden?.problem?.code == "forbidden")
        }
    }

    @Test func aWrongKeyIsAProblemThatDoesNotContainTheKey() async throws {
        try await withLiveServer { server in
            let secret = "attune_wrong_0123456789abcdef"
            let client = try server.client(token: secret)
            let error = await #expect(throws: AttuneClientError.self) { try await client.me() }
            #expect(error?.problem?.status == 401)
            #expect(!String(describing: error).contains(secret))
            #expect(!String(describing: client.configuration).contains(secret))
        }
    }

    @Test func connectionsAreReusedAcrossSequentialRequests() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            for _ in 0..<20 { _ = try await client.me() }
            #expect(client.statistics.attempts == 20)
            #expect(client.statistics.connectionsOpened == 1)
            let fresh = try server.client(reuseConnections: false)
            for _ in 0..<5 { _ = try await fresh.me() }
            #expect(fresh.statistics.connectionsOpened == 5)
        }
    }

    @Test func concurrentRequestsEachGetAConnection() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            try await withThrowingTaskGroup(of: String.self) { group in
                for session in 1...16 {
                    group.addTask { try await client.submit(Fixtures.checkin(session: session)).submission.id }
                }
                var ids: Set<String> = []
                for try await id in group { ids.insert(id) }
                #expect(ids.count == 16)
            }
            #expect(try server.submissionCount(client: "c-1") == 16)
        }
    }

    @Test func analyticsRoutesAnswerThroughTheSameErrorType() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            _ = try await client.submit(Fixtures.checkin())
            let trajectory = try await client.trajectory(client: "c-1", questionnaire: "relationship-checkin")
            #expect(trajectory.sessions.count == 1)
            let csv = try await client.trajectory(client: "c-1", questionnaire: "relationship-checkin", format: .csv)
            #expect(String(decoding: csv, as: UTF8.self).hasPrefix("client,questionnaire,"))
            let svg = try await client.trajectory(client: "c-1", questionnaire: "relationship-checkin", format: .svg)
            #expect(String(decoding: svg, as: UTF8.self).hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
            do {
                _ = try await client.trajectory(client: "nobody", questionnaire: "relationship-checkin")
                Issue.record("a client without submissions has no trajectory")
            } catch let error as AttuneClientError {
                #expect(error.status == 404)
                #expect(error.problem?.status == 404)
            }
        }
    }
}
