internal import AttuneStore

/// One queued write. `run` does the work inside the batch's savepoint and returns how to tell
/// the caller once the transaction's fate is known.
struct PendingWrite: Sendable {
    /// Does the work; never throws: the outcome carries the error.
    let run: @Sendable (borrowing WriteContext) -> WriteOutcome
    /// Tells the caller the write never ran (store closed, transaction could not start).
    let fail: @Sendable (StoreError) -> Void
}

/// The result of running one write, before commit.
struct WriteOutcome: Sendable {
    /// True when the write's own work succeeded.
    let succeeded: Bool
    /// Delivers the result: with nil the committed value (or the write's own error), with an
    /// error the reason the whole transaction failed.
    let deliver: @Sendable (StoreError?) -> Void
}

extension PendingWrite {
    /// Wraps `work` and its caller's completion.
    init<Value: Sendable>(
        _ work: @escaping @Sendable (borrowing WriteContext) throws(StoreError) -> Value,
        completion: @escaping StoreCompletion<Value>
    ) {
        self.run = { context in
            do throws(StoreError) {
                let value = try work(context)
                return WriteOutcome(succeeded: true) { transactionError in
                    completion(transactionError.map { .failure($0) } ?? .success(value))
                }
            } catch {
                return WriteOutcome(succeeded: false) { _ in completion(.failure(error)) }
            }
        }
        self.fail = { completion(.failure($0)) }
    }
}

extension GroupCommitWriter {
    /// Runs `batch` in one transaction and returns the deliveries to make after it ended.
    ///
    /// First without savepoints: a savepoint per write copies every page the write touches into a
    /// statement journal (measured: about 5% of a submission's instructions). A write that fails
    /// before changing anything (the usual way: a missing therapist, a conflict) needs no undo, which
    /// `total_changes` tells. Only when a failing write had already changed rows is the transaction
    /// rolled back and the batch run again with a savepoint per write. Writes only touch the
    /// database until their deliveries run after the commit, so running one twice is safe.
    func commit(_ batch: [PendingWrite], on connection: SQLiteConnection) -> [@Sendable () -> Void] {
        guard !batch.isEmpty else { return [] }
        let now = Timestamp.now()
        if let failed = begin(batch, on: connection) { return failed }
        var outcomes: [WriteOutcome] = []
        outcomes.reserveCapacity(batch.count)
        for write in batch {
            let changesBefore = connection.totalChanges
            let outcome = write.run(WriteContext(connection: connection, now: now))
            // A vanished transaction (SQLite rolls back by itself after I/O errors or a full disk) must
            // be noticed even after a write that "succeeded": the next write would otherwise run in
            // autocommit mode, outside any transaction.
            if connection.isAutocommit || (!outcome.succeeded && connection.totalChanges != changesBefore) {
                if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
                return commitIsolated(batch, on: connection, now: now)
            }
            outcomes.append(outcome)
        }
        return finish(outcomes, batch: batch, on: connection)
    }

    /// Runs `batch` in one transaction with a SAVEPOINT per write: a failing write is rolled back
    /// to it alone and the rest commit. If SQLite itself abandoned the transaction (it does after
    /// I/O errors or a full disk), the failing write is dropped and the others run again in a fresh
    /// transaction; each retry is one write shorter, so this ends.
    private func commitIsolated(_ batch: [PendingWrite], on connection: SQLiteConnection, now: Int64)
        -> [@Sendable () -> Void]
    {
        guard !batch.isEmpty else { return [] }
        if let failed = begin(batch, on: connection) { return failed }
        var outcomes: [WriteOutcome] = []
        for (index, write) in batch.enumerated() {
            let outcome: WriteOutcome
            do throws(SQLiteError) {
                try connection.execute("SAVEPOINT write")
                outcome = write.run(WriteContext(connection: connection, now: now))
                // With the transaction gone, so is the savepoint: handled below, whatever the outcome.
                if !connection.isAutocommit {
                    if !outcome.succeeded { try connection.execute("ROLLBACK TO write") }
                    try connection.execute("RELEASE write")
                }
            } catch {
                return abandon(batch, on: connection, error: StoreError(error))
            }
            if connection.isAutocommit {
                // The transaction is gone with everything done so far: retry the others.
                // A write that "succeeded" as its transaction vanished did not commit either.
                let lost: StoreError? = outcome.succeeded ? .database("the transaction was rolled back") : nil
                record(failed: 1)
                var rest = batch
                rest.remove(at: index)
                return [{ outcome.deliver(lost) }] + commitIsolated(rest, on: connection, now: now)
            }
            outcomes.append(outcome)
        }
        return finish(outcomes, batch: batch, on: connection)
    }

    /// Opens the batch's transaction; when that fails, the deliveries that fail every write of it.
    private func begin(_ batch: [PendingWrite], on connection: SQLiteConnection) -> [@Sendable () -> Void]? {
        do throws(SQLiteError) {
            try connection.execute("BEGIN IMMEDIATE")
            return nil
        } catch {
            record(failed: batch.count)
            return batch.map { write in { write.fail(StoreError(error)) } }
        }
    }

    /// Commits the open transaction and returns the deliveries of `outcomes`.
    private func finish(_ outcomes: [WriteOutcome], batch: [PendingWrite], on connection: SQLiteConnection)
        -> [@Sendable () -> Void]
    {
        do throws(SQLiteError) {
            try connection.execute("COMMIT")
        } catch {
            return abandon(batch, on: connection, error: StoreError(error))
        }
        let succeeded = outcomes.filter(\.succeeded).count
        record(commits: 1, writes: succeeded, failed: outcomes.count - succeeded)
        return outcomes.map { outcome in { outcome.deliver(nil) } }
    }

    /// Rolls back and fails every write of the batch with `error`.
    private func abandon(_ batch: [PendingWrite], on connection: SQLiteConnection, error: StoreError)
        -> [@Sendable () -> Void]
    {
        if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
        record(failed: batch.count)
        return batch.map { write in { write.fail(error) } }
    }
}
