import AttuneCore
import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// Submissions: one current submission per session, superseding, filters, pages and the
/// therapist restriction of clinician keys.
@Suite struct SubmissionStoreTests {
    @Test(arguments: StoreBackend.available)
    func storesAndReadsBackASubmission(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }

        let received = Date(timeIntervalSince1970: 1_795_000_000.123)
        let stored = try f.create(.make(id: submissionID(7), session: 5, receivedAt: received))
        #expect(stored.id == submissionID(7))
        #expect(stored.receivedAt == received)
        #expect(stored.isCurrent)
        #expect(stored.createdBy == f.admin.keyID)
        #expect(try f.store.submission(practiceID: f.practice.id, id: stored.id) == stored)
        #expect(try f.store.submission(practiceID: f.practice.id, id: submissionID(8)) == nil)

        let generated = try f.create(.make(session: 6))
        #expect(generated.id.hasPrefix("sub_"))
        #expect(generated.id.count == 28)
    }

    @Test(arguments: StoreBackend.available)
    func refusesBadFieldsAndUnknownTherapists(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let practiceID = f.practice.id

        let cases: [(NewSubmission, StoreError)] = [
            (.make(id: "sub_xyz"), .invalid(field: "id", reason: "must be 'sub_' and 24 lowercase hex digits")),
            (
                .make(client: "c 1"),
                .invalid(
                    field: "client",
                    reason: "may contain only letters, digits, '.', '_' and '-', starting with a letter or digit"
                )
            ),
            (.make(session: 0), .invalid(field: "session", reason: "must be 1 or more")),
            (.make(date: "2026-02-30"), .invalid(field: "date", reason: "must be a date YYYY-MM-DD")),
            (.make(therapist: "t-9"), .notFound(.therapist)),
        ]
        for (submission, error) in cases {
            #expect(throws: error) { try f.store.createSubmission(practiceID: practiceID, submission, actor: f.admin) }
        }
        #expect(try f.store.submissions(practiceID: practiceID, query: SubmissionQuery()).submissions.isEmpty)
    }

    @Test(arguments: StoreBackend.available)
    func aSecondSubmissionForTheSameSessionConflictsNamingTheFirst(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let first = try f.create(.make(session: 3))

        let second = try f.store.createSubmission(practiceID: f.practice.id, .make(session: 3), actor: f.admin)
        #expect(second == .conflict(existingID: first.id))
        // Another respondent, session, client or questionnaire is a different slot.
        try f.create(.make(respondent: .therapist, session: 3))
        try f.create(.make(session: 4))
        try f.create(.make(client: "c-2", session: 3))
        try f.create(.make(questionnaire: "relationship-profile", session: 3))
        let page = try f.store.submissions(practiceID: f.practice.id, query: SubmissionQuery(clientID: "c-1"))
        #expect(page.submissions.count == 4)
    }

    @Test(arguments: StoreBackend.available)
    func supersedingKeepsTheOldSubmissionMarkedAndOutOfCurrentLists(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let old = try f.create(.make(session: 2))

        let write = try f.store.createSubmission(
            practiceID: f.practice.id,
            .make(session: 2, supersedes: true),
            actor: f.admin
        )
        guard case .created(let new, let superseded, _) = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
        #expect(superseded == old.id)
        #expect(try f.store.submission(practiceID: f.practice.id, id: old.id)?.supersededBy == new.id)
        #expect(try f.store.submission(practiceID: f.practice.id, id: new.id)?.isCurrent == true)

        let current = try f.store.submissions(practiceID: f.practice.id, query: SubmissionQuery())
        #expect(current.submissions.map(\.id) == [new.id])
        let all = try f.store.submissions(practiceID: f.practice.id, query: SubmissionQuery(includeSuperseded: true))
        #expect(Set(all.submissions.map(\.id)) == [old.id, new.id])
        // The new one is now the one a plain repeat conflicts with.
        #expect(
            try f.store.createSubmission(practiceID: f.practice.id, .make(session: 2), actor: f.admin)
                == .conflict(existingID: new.id)
        )
        // Superseding with nothing to supersede is a plain create.
        guard
            case .created(_, nil, _) = try f.store.createSubmission(
                practiceID: f.practice.id,
                .make(session: 9, supersedes: true),
                actor: f.admin
            )
        else {
            Issue.record("expected a plain create")
            return
        }
    }

    @Test(arguments: StoreBackend.available)
    func pagesCoverEveryRowOnceNewestFirst(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        // 23 rows over 5 distinct milliseconds, so ties in time are broken by id.
        let base = Date(timeIntervalSince1970: 1_795_000_000)
        for session in 1...23 {
            try f.create(.make(session: session, receivedAt: base.addingTimeInterval(Double(session % 5) / 1000)))
        }
        let all = try f.store.submissions(practiceID: f.practice.id, query: SubmissionQuery(limit: 500)).submissions
        #expect(all.count == 23)
        let sorted = all.sorted { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }
        #expect(all == sorted)

        var seen: [StoredSubmission] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try f.store.submissions(
                practiceID: f.practice.id,
                query: SubmissionQuery(limit: 5, cursor: cursor)
            )
            #expect(page.submissions.count <= 5)
            seen += page.submissions
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 5)
        #expect(seen == all)
    }

    @Test(arguments: StoreBackend.available)
    func capsPagesAndRefusesBadQueries(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let practiceID = f.practice.id

        #expect(SubmissionQuery().limit == 50)
        #expect(throws: StoreError.invalid(field: "limit", reason: "must be between 1 and 500")) {
            try f.store.submissions(practiceID: practiceID, query: SubmissionQuery(limit: 501))
        }
        #expect(throws: StoreError.invalid(field: "limit", reason: "must be between 1 and 500")) {
            try f.store.submissions(practiceID: practiceID, query: SubmissionQuery(limit: 0))
        }
        #expect(throws: StoreError.invalid(field: "cursor", reason: "is not a cursor from this query")) {
            try f.store.submissions(practiceID: practiceID, query: SubmissionQuery(cursor: "bm90OmE6Yg"))
        }
        #expect(throws: StoreError.invalid(field: "from", reason: "must be a date YYYY-MM-DD")) {
            try f.store.submissions(practiceID: practiceID, query: SubmissionQuery(from: "yesterday"))
        }
    }

    @Test(arguments: StoreBackend.available)
    func filtersByClientTherapistQuestionnaireAndSessionDate(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let a = try f.create(.make(client: "c-1", therapist: "t-1", session: 1, date: "2026-01-10"))
        let b = try f.create(.make(client: "c-1", therapist: "t-1", session: 2, date: "2026-02-10"))
        let c = try f.create(.make(client: "c-2", therapist: "t-2", session: 1, date: "2026-03-10"))
        let d = try f.create(
            .make(
                client: "c-2",
                therapist: "t-2",
                questionnaire: "relationship-profile",
                session: 1,
                date: "2026-03-11"
            )
        )

        func ids(_ query: SubmissionQuery) throws -> Set<String> {
            Set(try f.store.submissions(practiceID: f.practice.id, query: query).submissions.map(\.id))
        }
        #expect(try ids(SubmissionQuery(clientID: "c-1")) == [a.id, b.id])
        #expect(try ids(SubmissionQuery(therapistID: "t-2")) == [c.id, d.id])
        #expect(try ids(SubmissionQuery(questionnaireID: "relationship-profile")) == [d.id])
        // Session dates, both ends inclusive.
        #expect(try ids(SubmissionQuery(from: "2026-02-10", to: "2026-03-10")) == [b.id, c.id])
        #expect(try ids(SubmissionQuery(clientID: "c-2", from: "2026-03-11")) == [d.id])
    }

    @Test(arguments: StoreBackend.available)
    func therapistScopeHidesOtherTherapistsSubmissions(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let mine = try f.create(.make(client: "c-1", therapist: "t-1"))
        let theirs = try f.create(.make(client: "c-2", therapist: "t-2"))
        let practiceID = f.practice.id

        #expect(
            try f.store.submission(practiceID: practiceID, id: mine.id, therapistScope: "t-1", auditAs: nil) == mine
        )
        #expect(
            try f.store.submission(practiceID: practiceID, id: theirs.id, therapistScope: "t-1", auditAs: nil) == nil
        )
        let scoped = try f.store.submissions(practiceID: practiceID, query: SubmissionQuery(therapistScope: "t-1"))
        #expect(scoped.submissions.map(\.id) == [mine.id])
        // Asking for another therapist inside the scope finds nothing rather than widening it.
        let widened = try f.store.submissions(
            practiceID: practiceID,
            query: SubmissionQuery(therapistID: "t-2", therapistScope: "t-1")
        )
        #expect(widened.submissions.isEmpty)
        let byClient = try f.store.submissions(
            practiceID: practiceID,
            query: SubmissionQuery(clientID: "c-2", therapistScope: "t-1")
        )
        #expect(byClient.submissions.isEmpty)
    }

    @Test(arguments: StoreBackend.available)
    func auditsEveryWriteWithoutAnswersOrScores(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let old = try f.create(.make(session: 1))
        let write = try f.store.createSubmission(
            practiceID: f.practice.id,
            .make(session: 1, supersedes: true),
            actor: f.admin
        )
        guard case .created(let new, _, _) = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
        _ = try f.store.createSubmission(practiceID: f.practice.id, .make(session: 1), actor: f.admin)

        let events = try f.store.auditEvents(practiceID: f.practice.id, query: AuditQuery(limit: 1000)).events
            .filter { $0.resourceType == "submission" }
        let summary = Set(events.map { "\($0.action) \($0.resourceID ?? "-") \($0.outcome)" })
        #expect(
            summary == [
                "submission.create \(old.id) success",
                "submission.supersede \(old.id) success",
                "submission.create \(new.id) success",
                "submission.create \(new.id) conflict",
            ]
        )
        #expect(events.allSatisfy { $0.keyID == f.admin.keyID })
    }

    @Test(arguments: StoreBackend.available)
    func readsAreAuditedWithoutWaiting(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let stored = try f.create()
        let reader = AuditActor(keyID: "key_000000000000000000000001", role: .clinician)

        _ = try f.store.submission(practiceID: f.practice.id, id: stored.id, therapistScope: "t-2", auditAs: reader)
        _ = try f.store.submission(practiceID: f.practice.id, id: stored.id, therapistScope: nil, auditAs: reader)
        _ = try f.store.submissions(practiceID: f.practice.id, query: SubmissionQuery(clientID: "c-1"), auditAs: reader)

        let recorded = try eventually {
            try f.store.auditEvents(practiceID: f.practice.id, query: AuditQuery(limit: 1000)).events
                .filter { $0.keyID == reader.keyID }.count == 3
        }
        #expect(recorded)
        let events = try f.store.auditEvents(practiceID: f.practice.id, query: AuditQuery(limit: 1000)).events
            .filter { $0.keyID == reader.keyID }
        #expect(
            Set(events.map { "\($0.action) \($0.resourceType) \($0.resourceID ?? "-") \($0.outcome)" }) == [
                "submission.read submission \(stored.id) not_found",
                "submission.read submission \(stored.id) success",
                "submission.list client c-1 success",
            ]
        )
    }
}
