import AttuneTesting
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import AttuneSQLite
@testable import AttuneStore

/// A write that fails after it changed rows is undone alone, even though batches run without a
/// savepoint per write until one is needed.
@Suite struct GroupCommitRollbackTests {
    @Test(.timeLimit(.minutes(1)))
    func aWriteThatFailsAfterChangingRowsIsUndoneAloneAndTheBatchCommits() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        var configuration = SQLiteStore.Configuration(durability: .off)
        configuration.busyTimeoutMilliseconds = 20_000
        let store = try SQLiteStore(path: path, configuration: configuration)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        let before = store.writeStats

        // Holding the write lock from outside queues every write below into one batch.
        let raw = try RawSQLite(path: path)
        try raw.execute("BEGIN IMMEDIATE")
        let outcomes = Mutex<[String: Bool]>([:])
        let done = DispatchGroup()
        for index in 0..<20 {
            let id = "t-\(index)"
            let failsAfterWriting = index % 7 == 3
            done.enter()
            store.submit(
                { context throws(StoreError) -> Bool in
                    try context.sql { connection throws(SQLiteError) in
                        try connection.execute(
                            "INSERT INTO therapists (practice_id, id, created_at) VALUES (?, ?, 0)",
                            [.text(practice.id), .text(id)]
                        )
                    }
                    if failsAfterWriting { throw StoreError.invalid(field: "id", reason: "refused after writing") }
                    return true
                },
                completion: { result in
                    outcomes.withLock { $0[id] = (try? result.get()) == true }
                    done.leave()
                }
            )
        }
        Thread.sleep(forTimeInterval: 0.3)
        try raw.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 30) == .success)

        let failed = Set(["t-3", "t-10", "t-17"])
        let results = outcomes.withLock { $0 }
        #expect(results.count == 20)
        for (id, succeeded) in results { #expect(succeeded == !failed.contains(id), "\(id)") }
        let stored = Set(try store.therapists(practiceID: practice.id).map(\.id))
        #expect(stored.count == 17)
        #expect(stored.isDisjoint(with: failed))
        let after = store.writeStats
        #expect(after.writes - before.writes == 17)
        #expect(after.failedWrites - before.failedWrites == 3)
        #expect(after.commits - before.commits <= 2)
    }

    /// SQLite rolls a transaction back by itself after some errors (I/O, a full disk); a write may
    /// still report success. The writes after it must not run outside a transaction.
    @Test(.timeLimit(.minutes(1)))
    func aTransactionThatVanishesMidBatchLosesOnlyTheWriteThatSawIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        var configuration = SQLiteStore.Configuration(durability: .off)
        configuration.busyTimeoutMilliseconds = 20_000
        let store = try SQLiteStore(path: path, configuration: configuration)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice

        let raw = try RawSQLite(path: path)
        try raw.execute("BEGIN IMMEDIATE")
        let outcomes = Mutex<[String: Bool]>([:])
        let done = DispatchGroup()
        for index in 0..<12 {
            let id = "t-\(index)"
            done.enter()
            store.submit(
                { context throws(StoreError) -> Bool in
                    try context.sql { connection throws(SQLiteError) in
                        try connection.execute(
                            "INSERT INTO therapists (practice_id, id, created_at) VALUES (?, ?, 0)",
                            [.text(practice.id), .text(id)]
                        )
                        // As SQLite does after an I/O error, behind the write's back.
                        if id == "t-5" { try connection.execute("ROLLBACK") }
                    }
                    return true
                },
                completion: { result in
                    outcomes.withLock { $0[id] = (try? result.get()) == true }
                    done.leave()
                }
            )
        }
        Thread.sleep(forTimeInterval: 0.3)
        try raw.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 30) == .success)

        let results = outcomes.withLock { $0 }
        #expect(results.count == 12)
        for (id, succeeded) in results { #expect(succeeded == (id != "t-5"), "\(id)") }
        let stored = Set(try store.therapists(practiceID: practice.id).map(\.id))
        #expect(stored == Set((0..<12).map { "t-\($0)" }).subtracting(["t-5"]))
    }
}
