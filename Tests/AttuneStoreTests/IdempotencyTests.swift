import AttuneStore
import AttuneTesting
import Dispatch
import Foundation
import Synchronization
import Testing

/// `Idempotency-Key` records: claim, replay, mismatch, abandon, staleness, and completion in the
/// submission's own transaction.
@Suite struct IdempotencyTests {
    static let body = Array(#"{"id":"sub_000000000000000000000001"}"#.utf8)

    static func completion(_ key: String = "k-1", hash: Character = "a") -> IdempotencyCompletion {
        IdempotencyCompletion(key: key, requestHash: requestHash(hash), responseBody: body)
    }

    @Test(arguments: StoreBackend.available)
    func claimsReplaysAndRefusesAnotherBody(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id

        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .inFlight)
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("b")) == .mismatch)

        let write = try f.store.createSubmission(
            practiceID: p,
            .make(id: submissionID(1)),
            idempotency: Self.completion(),
            actor: f.admin
        )
        #expect(write != .idempotencyMismatch)
        let response = IdempotentResponse(status: 201, body: Self.body, resourceID: submissionID(1))
        #expect(
            try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .replay(response)
        )
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("b")) == .mismatch)
        #expect(try f.store.submission(practiceID: p, id: submissionID(1))?.idempotencyKey == "k-1")

        // A completed record is never abandoned, and a repeated write replays instead of storing.
        #expect(try f.store.abandonIdempotent(practiceID: p, key: "k-1") == false)
        #expect(
            try f.store.createSubmission(
                practiceID: p,
                .make(id: submissionID(2), session: 2),
                idempotency: Self.completion(),
                actor: f.admin
            ) == .replay(response)
        )
        #expect(
            try f.store.createSubmission(
                practiceID: p,
                .make(id: submissionID(3), session: 3),
                idempotency: Self.completion(hash: "b"),
                actor: f.admin
            ) == .idempotencyMismatch
        )
        #expect(
            try f.store.submissions(practiceID: p, query: SubmissionQuery()).submissions.map(\.id) == [submissionID(1)]
        )
    }

    @Test(arguments: StoreBackend.available)
    func abandoningFreesTheKey(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id

        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)
        #expect(try f.store.abandonIdempotent(practiceID: p, key: "k-1"))
        #expect(try f.store.abandonIdempotent(practiceID: p, key: "k-1") == false)
        // Free again, even for another body.
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("b")) == .new)
        #expect(throws: StoreError.invalid(field: "requestHash", reason: "must be 64 lowercase hex digits")) {
            try f.store.beginIdempotent(practiceID: p, key: "k-2", requestHash: "abc")
        }
        #expect(
            throws: StoreError.invalid(field: "idempotencyKey", reason: "must be 1 to 255 printable ASCII characters")
        ) {
            try f.store.beginIdempotent(practiceID: p, key: "", requestHash: requestHash("a"))
        }
    }

    @Test(arguments: StoreBackend.available)
    func aConflictReleasesTheClaimSoRetriesConflictAgain(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id
        let existing = try f.create(.make(session: 1))

        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)
        let write = try f.store.createSubmission(
            practiceID: p,
            .make(session: 1),
            idempotency: Self.completion(),
            actor: f.admin
        )
        #expect(write == .conflict(existingID: existing.id))
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)
    }

    @Test(.timeLimit(.minutes(1)))
    func completionCommitsOnlyWithTheSubmission() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let f = try SubmissionFixture(store: try SQLiteStore(path: path, configuration: .init(durability: .off)))
        defer { f.store.close() }
        let p = f.practice.id
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)

        // The last step of the write (its audit event) fails: everything before it must go too.
        let raw = try RawSQLite(path: path)
        try raw.execute(
            """
            CREATE TRIGGER refuse_submission_audit BEFORE INSERT ON audit_events
            WHEN NEW.action = 'submission.create' BEGIN SELECT RAISE(ABORT, 'refused by test'); END
            """
        )
        let failure = #expect(throws: StoreError.self) {
            try f.store.createSubmission(practiceID: p, .make(), idempotency: Self.completion(), actor: f.admin)
        }
        guard case .database? = failure else {
            Issue.record("expected a database error, got \(String(describing: failure))")
            return
        }
        #expect(try raw.integer("SELECT COUNT(*) FROM submissions") == 0)
        #expect(try raw.integer("SELECT COUNT(*) FROM idempotency_keys WHERE state = 'done'") == 0)
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .inFlight)

        try raw.execute("DROP TRIGGER refuse_submission_audit")
        let write = try f.store.createSubmission(practiceID: p, .make(), idempotency: Self.completion(), actor: f.admin)
        guard case .created(let stored, _) = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
        #expect(
            try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a"))
                == .replay(IdempotentResponse(status: 201, body: Self.body, resourceID: stored.id))
        )
    }

    @Test func staleInFlightClaimsCountAsAbandoned() throws {
        let directory = try TemporaryDirectory()
        var configuration = SQLiteStore.Configuration(durability: .off)
        // Long enough that the claim can't go stale between two back-to-back calls on a loaded machine.
        configuration.idempotencyInFlightTimeoutMilliseconds = 1500
        let f = try SubmissionFixture(
            store: try SQLiteStore(path: directory.file("a.sqlite"), configuration: configuration)
        )
        defer { f.store.close() }
        let p = f.practice.id

        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)
        Thread.sleep(forTimeInterval: 1.6)
        // The same request, retried after its first attempt died: it takes the claim over.
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("b")) == .mismatch)
        Thread.sleep(forTimeInterval: 1.6)
        // An abandoned claim does not pin its body either, and a write may complete it directly.
        let write = try f.store.createSubmission(
            practiceID: p,
            .make(),
            idempotency: Self.completion(hash: "b"),
            actor: f.admin
        )
        guard case .created = write else {
            Issue.record("expected .created, got \(write)")
            return
        }
    }

    @Test(arguments: StoreBackend.available)
    func purgesRecordsOlderThanTheCutoff(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)
        _ = try f.store.createSubmission(practiceID: p, .make(), idempotency: Self.completion("k-2"), actor: f.admin)

        #expect(try f.store.purgeIdempotencyKeys(olderThan: Date().addingTimeInterval(-3600)) == 0)
        #expect(try f.store.purgeIdempotencyKeys(olderThan: Date().addingTimeInterval(1)) == 2)
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-2", requestHash: requestHash("a")) == .new)
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

        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a")) == .new)
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("b")) == .mismatch)
        Thread.sleep(forTimeInterval: 0.1)
        // This claim queues a purge behind it; the writer runs writes in order, so the next
        // claim sees k-1 gone.
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-2", requestHash: requestHash("a")) == .new)
        #expect(try f.store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("b")) == .new)
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
            store.createSubmission(
                practiceID: p,
                .make(id: submissionID(index + 1)),
                idempotency: Self.completion(),
                actor: admin
            ) { result in
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

    @Test(.timeLimit(.minutes(1)), arguments: StoreBackend.available)
    func concurrentClaimsOfOneKeyLetExactlyOneProceed(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let p = f.practice.id
        let store = f.store
        let admin = f.admin

        // The server's flow on twenty threads: claim, and only the claimant writes.
        let answers = Mutex<[IdempotencyBegin]>([])
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 20) { index in
            do {
                let begin = try store.beginIdempotent(practiceID: p, key: "k-1", requestHash: requestHash("a"))
                answers.withLock { $0.append(begin) }
                if begin == .new {
                    _ = try store.createSubmission(
                        practiceID: p,
                        .make(id: submissionID(index + 1)),
                        idempotency: Self.completion(),
                        actor: admin
                    )
                }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        let all = answers.withLock { $0 }
        #expect(failures.withLock { $0 } == 0)
        #expect(all.count == 20)
        #expect(all.filter { $0 == .new }.count == 1)
        #expect(!all.contains(.mismatch))
        #expect(try store.submissions(practiceID: p, query: SubmissionQuery()).submissions.count == 1)
    }
}
