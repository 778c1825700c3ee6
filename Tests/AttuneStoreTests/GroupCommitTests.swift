import AttuneSQLite
import AttuneStore
import AttuneTesting
import Dispatch
import Foundation
import Synchronization
import Testing

/// The writer batches concurrent writes into shared transactions without letting one failure
/// spoil the rest.
@Suite struct GroupCommitTests {
    /// Results gathered from completions on many threads.
    final class Results: Sendable {
        let values = Mutex<[String: Result<Therapist, StoreError>]>([:])
        let group = DispatchGroup()

        func completion(for id: String) -> StoreCompletion<IdempotentOutcome<Therapist>> {
            group.enter()
            return { result in
                let therapist = result.flatMap { outcome -> Result<Therapist, StoreError> in
                    guard case .done(let therapist) = outcome else { return .failure(.database("not done")) }
                    return .success(therapist)
                }
                self.values.withLock { $0[id] = therapist }
                self.group.leave()
            }
        }

        func wait() -> [String: Result<Therapist, StoreError>] {
            _ = group.wait(timeout: .now() + 30)
            return values.withLock { $0 }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func batchesConcurrentWritesFromManyThreads() throws {
        let directory = try TemporaryDirectory()
        // Real syncs, so there is a commit in progress for writes to pile up behind.
        let store = try SQLiteStore(path: directory.file("attune.sqlite"), configuration: .init(durability: .full))
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        let before = store.writeStats

        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            let id = "t-\(index)"
            store.createTherapist(
                practiceID: practice.id,
                id: id,
                actor: .commandLine,
                idempotency: nil,
                completion: results.completion(for: id)
            )
        }
        let outcomes = results.wait()

        #expect(outcomes.count == 200)
        #expect(outcomes.values.allSatisfy { (try? $0.get()) != nil })
        #expect(try store.therapists(practiceID: practice.id).count == 200)
        let after = store.writeStats
        #expect(after.writes - before.writes == 200)
        #expect(after.commits - before.commits < 200)
        #expect(after.commits > before.commits)
    }

    @Test(.timeLimit(.minutes(1)))
    func blockingWritersOnManyThreadsShareCommits() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.file("attune.sqlite"), configuration: .init(durability: .full))
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        let before = store.writeStats

        // Ten threads, each waiting for its own commit before its next write (as the CLI would).
        let failures = Mutex(0)
        let done = DispatchGroup()
        for thread in 0..<10 {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                for index in 0..<20 {
                    do {
                        _ = try store.createTherapist(
                            practiceID: practice.id,
                            id: "t-\(thread)-\(index)",
                            actor: .commandLine
                        )
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
            }
        }
        #expect(done.wait(timeout: .now() + 50) == .success)

        #expect(failures.withLock { $0 } == 0)
        #expect(try store.therapists(practiceID: practice.id).count == 200)
        let after = store.writeStats
        #expect(after.writes - before.writes == 200)
        #expect(after.commits - before.commits < 200)
    }

    @Test(.timeLimit(.minutes(1)))
    func failingWritesInABatchDoNotLoseTheOthers() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        var configuration = SQLiteStore.Configuration(durability: .off)
        configuration.busyTimeoutMilliseconds = 20_000
        let store = try SQLiteStore(path: path, configuration: configuration)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        let taken = ["t-10", "t-20", "t-30", "t-40"]
        for id in taken {
            _ = try store.createTherapist(practiceID: practice.id, id: id, actor: .commandLine)
        }
        let before = store.writeStats

        // Holding the write lock from outside stalls the writer, so every write below is queued
        // before it can commit: they end up in at most two transactions.
        let raw = try RawSQLite(path: path)
        try raw.execute("BEGIN IMMEDIATE")
        let results = Results()
        for index in 0..<50 {
            let id = "t-\(index)"
            store.createTherapist(
                practiceID: practice.id,
                id: id,
                actor: .commandLine,
                idempotency: nil,
                completion: results.completion(for: id)
            )
        }
        Thread.sleep(forTimeInterval: 0.3)
        try raw.execute("COMMIT")
        let outcomes = results.wait()

        #expect(outcomes.count == 50)
        for (id, outcome) in outcomes {
            if taken.contains(id) {
                #expect(throws: StoreError.conflict(.therapist)) { try outcome.get() }
            } else {
                #expect((try? outcome.get())?.id == id)
            }
        }
        #expect(try store.therapists(practiceID: practice.id).count == 50)
        let after = store.writeStats
        #expect(after.commits - before.commits <= 2)
        #expect(after.writes - before.writes == 46)
        #expect(after.failedWrites - before.failedWrites == 4)
        // The failed writes left no audit events behind.
        let audit = try store.auditEvents(practiceID: practice.id, query: AuditQuery(limit: 1000)).events
        #expect(audit.filter { $0.action == "therapist.create" }.count == 50)
    }

    @Test func closedStoreRefusesWrites() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.file("attune.sqlite"), configuration: .init(durability: .off))
        let practice = try store.createPractice(name: "P").practice
        store.close()

        #expect(throws: StoreError.closed) {
            try store.createTherapist(practiceID: practice.id, id: "t-1", actor: .commandLine)
        }
        #expect(throws: StoreError.closed) { try store.practice(id: practice.id) }
    }
}
