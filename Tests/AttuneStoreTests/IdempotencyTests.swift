import AttuneCore
import AttuneSQLite
import AttuneStore
import AttuneTesting
import Dispatch
import Foundation
import Synchronization
import Testing

/// `Idempotency-Key` records: checked, written and kept in the write's own transaction; replayed to
/// retries, refused for another request, never left behind by a refusal, purged after retention.
@Suite struct IdempotencyTests {
    static let body = Array(#"{"id":"sub_000000000000000000000001"}"#.utf8)
    static let noFacts = SubmissionFacts(scales: [], alertCount: 0)

    static func claim(_ key: String = "k-1", hash: Character = "a") -> IdempotencyClaim {
        IdempotencyClaim(key: key, requestHash: requestHash(hash))
    }

    @Test(arguments: StoreBackend.available)
    func replaysTheFirstAnswerAndRefusesAnotherRequest(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id

        let first = try f.store.createSubmission(
            practiceID: p,
            .make(id: submissionID(1)),
            idempotency: Self.claim(),
            responseBody: Self.body,
            actor: f.admin
        )
        guard case .created(let stored, _) = first else {
            Issue.record("expected .created, got \(first)")
            return
        }
        #expect(stored.idempotencyKey == "k-1")
        let response = IdempotentResponse(status: 201, body: Self.body, resourceID: submissionID(1))
        // The same request again (its server generated another id and session): the first answer.
        let again = try f.store.createSubmission(
            practiceID: p,
            .make(id: submissionID(2), session: 2),
            idempotency: Self.claim(),
            actor: f.admin
        )
        #expect(again == .replay(response))
        let other = try f.store.createSubmission(
            practiceID: p,
            .make(id: submissionID(3), session: 3),
            idempotency: Self.claim(hash: "b"),
            actor: f.admin
        )
        #expect(other == .idempotencyMismatch)
        #expect(
            try f.store.submissions(practiceID: p, query: SubmissionQuery()).submissions.map(\.id) == [submissionID(1)]
        )
    }

    @Test(arguments: StoreBackend.available)
    func aKnownKeyIsAnsweredBeforeThePreparationRuns(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id
        let preparations = Mutex(0)
        func write(_ prepared: PreparedSubmission?) throws -> SubmissionWrite {
            let semaphore = DispatchSemaphore(value: 0)
            let outcome = Mutex<Result<SubmissionWrite, StoreError>?>(nil)
            f.store.createSubmission(practiceID: p, idempotency: Self.claim(), actor: f.admin) {
                preparations.withLock { $0 += 1 }
                return prepared
            } completion: { result in
                outcome.withLock { $0 = result }
                semaphore.signal()
            }
            semaphore.wait()
            return try #require(outcome.withLock { $0 }).get()
        }

        // A refusal stores nothing, not even the key: the corrected retry proceeds.
        #expect(try write(nil) == .refused)
        #expect(preparations.withLock { $0 } == 1)
        let prepared = PreparedSubmission(
            submission: .make(id: submissionID(1)),
            responseBody: Self.body,
            facts: Self.noFacts
        )
        guard case .created = try write(prepared) else {
            Issue.record("expected the retry to be stored")
            return
        }
        #expect(preparations.withLock { $0 } == 2)
        // Now the key answers by itself: a retry that would be refused today still replays.
        #expect(
            try write(nil) == .replay(IdempotentResponse(status: 201, body: Self.body, resourceID: submissionID(1)))
        )
        #expect(preparations.withLock { $0 } == 2)
    }

    @Test(arguments: StoreBackend.available)
    func aConflictLeavesNoRecordSoRetriesConflictAgain(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id
        let existing = try f.create(.make(session: 1))

        for _ in 0..<2 {
            let write = try f.store.createSubmission(
                practiceID: p,
                .make(session: 1),
                idempotency: Self.claim(),
                actor: f.admin
            )
            #expect(write == .conflict(existingID: existing.id))
        }
    }

    @Test func oneIdempotentSubmissionIsOneCommit() throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(
            store: try SQLiteStore(path: directory.file("a.sqlite"), configuration: .init(durability: .off))
        )
        defer { f.store.close() }
        // The first idempotent write of a process also queues the periodic purge of old records.
        _ = try f.store.createSubmission(
            practiceID: f.practice.id,
            .make(),
            idempotency: Self.claim("k-0"),
            actor: f.admin
        )
        let before = f.store.writeStats
        _ = try f.store.createSubmission(
            practiceID: f.practice.id,
            .make(session: 2),
            idempotency: Self.claim(),
            actor: f.admin
        )
        let after = f.store.writeStats
        #expect(after.commits - before.commits == 1)
        #expect(after.writes - before.writes == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func theRecordCommitsOnlyWithTheSubmission() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let f = try SubmissionFixture(store: try SQLiteStore(path: path, configuration: .init(durability: .off)))
        defer { f.store.close() }
        let p = f.practice.id

        // The last step of the write (its audit event) fails: everything before it must go too.
        let raw = try RawSQLite(path: path)
        try raw.execute(
            """
            CREATE TRIGGER refuse_submission_audit BEFORE INSERT ON audit_events
            WHEN NEW.action = 'submission.create' BEGIN SELECT RAISE(ABORT, 'refused by test'); END
            """
        )
        let failure = #expect(throws: StoreError.self) {
            try f.store.createSubmission(practiceID: p, .make(), idempotency: Self.claim(), actor: f.admin)
        }
        guard case .database? = failure else {
            Issue.record("expected a database error, got \(String(describing: failure))")
            return
        }
        #expect(try raw.integer("SELECT COUNT(*) FROM submissions") == 0)
        #expect(try raw.integer("SELECT COUNT(*) FROM idempotency_keys") == 0)

        try raw.execute("DROP TRIGGER refuse_submission_audit")
        let write = try f.store.createSubmission(
            practiceID: p,
            .make(),
            idempotency: Self.claim(),
            responseBody: Self.body,
            actor: f.admin
        )
        guard case .created(let stored, _) = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
        #expect(
            try f.store.createSubmission(practiceID: p, .make(session: 9), idempotency: Self.claim(), actor: f.admin)
                == .replay(IdempotentResponse(status: 201, body: Self.body, resourceID: stored.id))
        )
    }

    @Test func aClaimWithoutAResponseFromAnOlderVersionCountsAsAbsent() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let f = try SubmissionFixture(store: try SQLiteStore(path: path, configuration: .init(durability: .off)))
        defer { f.store.close() }
        let raw = try RawSQLite(path: path)
        try raw.execute(
            """
            INSERT INTO idempotency_keys (practice_id, idempotency_key, request_hash, state, created_at)
            VALUES ('\(f.practice.id)', 'k-1', '\(requestHash("b"))', 'in_flight', 0)
            """
        )
        let write = try f.store.createSubmission(
            practiceID: f.practice.id,
            .make(),
            idempotency: Self.claim(),
            actor: f.admin
        )
        guard case .created = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
        #expect(try raw.integer("SELECT COUNT(*) FROM idempotency_keys WHERE state = 'done'") == 1)
    }

    @Test(arguments: StoreBackend.available)
    func therapistsReplayAndRefuseLikeSubmissions(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        func create(_ id: String, hash: Character) throws -> IdempotentOutcome<Therapist> {
            try f.store.createTherapist(
                practiceID: f.practice.id,
                id: id,
                actor: f.admin,
                idempotency: IdempotentWrite(claim: Self.claim("t-key", hash: hash)) { therapist in
                    IdempotentResponse(status: 201, body: Array(therapist.id.utf8), resourceID: therapist.id)
                }
            )
        }
        guard case .done(let therapist) = try create("t-new", hash: "a") else {
            Issue.record("expected the therapist to be created")
            return
        }
        #expect(therapist.id == "t-new")
        #expect(
            try create("t-new", hash: "a")
                == .replay(IdempotentResponse(status: 201, body: Array("t-new".utf8), resourceID: "t-new"))
        )
        #expect(try create("t-other", hash: "b") == .mismatch)
        #expect(try f.store.therapist(practiceID: f.practice.id, id: "t-other") == nil)
    }

    @Test(arguments: StoreBackend.available)
    func purgesRecordsOlderThanTheCutoff(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id
        _ = try f.store.createSubmission(practiceID: p, .make(), idempotency: Self.claim("k-2"), actor: f.admin)

        #expect(try f.store.purgeIdempotencyKeys(olderThan: Date().addingTimeInterval(-3600)) == 0)
        #expect(try f.store.purgeIdempotencyKeys(olderThan: Date().addingTimeInterval(1)) == 1)
        // The key is free again, even for another request.
        let write = try f.store.createSubmission(
            practiceID: p,
            .make(session: 2),
            idempotency: Self.claim("k-2", hash: "b"),
            actor: f.admin
        )
        guard case .created = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
    }

    @Test func purgesByItselfOnceRecordsPassTheRetentionPeriod() throws {
        let directory = try TemporaryDirectory()
        var configuration = SQLiteStore.Configuration(durability: .off)
        configuration.idempotencyRetentionMilliseconds = 50
        configuration.idempotencyPurgeIntervalMilliseconds = 0
        let f = try SubmissionFixture(
            store: try SQLiteStore(path: directory.file("a.sqlite"), configuration: configuration)
        )
        defer { f.store.close() }
        let p = f.practice.id

        _ = try f.store.createSubmission(practiceID: p, .make(), idempotency: Self.claim(), actor: f.admin)
        #expect(
            try f.store.createSubmission(
                practiceID: p,
                .make(session: 2),
                idempotency: Self.claim(hash: "b"),
                actor: f.admin
            )
                == .idempotencyMismatch
        )
        Thread.sleep(forTimeInterval: 0.1)
        // This write queues a purge ahead of itself; the writer runs writes in order, so the next
        // one finds k-1 gone.
        _ = try f.store.createSubmission(
            practiceID: p,
            .make(session: 3),
            idempotency: Self.claim("k-2"),
            actor: f.admin
        )
        let write = try f.store.createSubmission(
            practiceID: p,
            .make(session: 4),
            idempotency: Self.claim(hash: "b"),
            actor: f.admin
        )
        guard case .created = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: StoreBackend.available)
    func concurrentWritesWithOneKeyStoreExactlyOneSubmission(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id
        let store = f.store
        let admin = f.admin

        // Twenty retries of one request racing, each with the id its server instance generated.
        let results = Mutex<[SubmissionWrite]>([])
        let done = DispatchGroup()
        DispatchQueue.concurrentPerform(iterations: 20) { index in
            done.enter()
            let prepared = PreparedSubmission(
                submission: .make(id: submissionID(index + 1)),
                responseBody: Self.body,
                facts: Self.noFacts
            )
            store.createSubmission(practiceID: p, idempotency: Self.claim(), actor: admin) {
                prepared
            } completion: { result in
                if let write = try? result.get() { results.withLock { $0.append(write) } }
                done.leave()
            }
        }
        #expect(done.wait(timeout: .now() + 30) == .success)

        let writes = results.withLock { $0 }
        let created = writes.compactMap { write -> StoredSubmission? in
            if case .created(let stored, _) = write { return stored }
            return nil
        }
        #expect(writes.count == 20)
        #expect(created.count == 1)
        let response = IdempotentResponse(status: 201, body: Self.body, resourceID: created.first?.id)
        #expect(writes.filter { $0 == .replay(response) }.count == 19)
        #expect(try store.submissions(practiceID: p, query: SubmissionQuery()).submissions.count == 1)
    }
}
