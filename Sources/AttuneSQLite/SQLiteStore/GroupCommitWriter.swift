internal import AttuneStore
internal import Dispatch
internal import Locking

/// The single writer: owns the write connection and commits writes in groups.
///
/// `enqueue` appends to `pending` and, if no drain is running, starts one on `queue`. A drain
/// takes everything pending (up to `maxBatch`), runs each write in its own SAVEPOINT inside one
/// `BEGIN IMMEDIATE … COMMIT`, and loops. Writes that arrive while a commit is syncing wait in
/// `pending` and share the next transaction and its single fsync: that is the group commit.
/// Completions run only after COMMIT returned, on `completionQueue`.
///
/// `@unchecked Sendable`: `openConnection` is touched only on `queue` (by `drain`,
/// `withConnection` and `close`); everything else that changes is inside `state`'s lock.
final class GroupCommitWriter: @unchecked Sendable {
    private struct State {
        var pending: [PendingWrite] = []
        var isDraining = false
        var isClosed = false
        var stats = WriteStats(commits: 0, writes: 0, failedWrites: 0)
    }

    /// The write connection, nil once closed; only ever used on `queue`.
    private var openConnection: SQLiteConnection?
    private let queue = DispatchQueue(label: "attune.store.writer", qos: .userInitiated)
    private let completionQueue = DispatchQueue(label: "attune.store.completions", attributes: .concurrent)
    private let state = Lock(State())
    private let maxBatch: Int

    /// Takes ownership of `connection`, which must not be used elsewhere afterwards.
    init(connection: sending SQLiteConnection, maxBatch: Int) {
        self.openConnection = connection
        self.maxBatch = max(1, maxBatch)
    }

    /// Counters so far.
    var stats: WriteStats { state.withLock { $0.stats } }

    /// Queues `write`; false when the writer is closed (the write did not run).
    func enqueue(_ write: PendingWrite) -> Bool {
        state.withLock { state in
            guard !state.isClosed else { return false }
            state.pending.append(write)
            if !state.isDraining {
                state.isDraining = true
                // Scheduled under the lock, so `close` cannot slip in between and miss this drain.
                queue.async { self.drain() }
            }
            return true
        }
    }

    /// Refuses new writes, lets accepted ones commit, and waits until they have.
    func close() {
        state.withLock { $0.isClosed = true }
        // Runs after any drain already scheduled; that drain empties `pending` before it returns.
        queue.sync { openConnection = nil }
    }

    /// Runs `body` with the write connection on the writer's queue, outside any batch
    /// (migrations, backups of the writer's view).
    func withConnection<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        let result: Result<T, StoreError> = queue.sync {
            guard let connection = openConnection else { return .failure(.closed) }
            do throws(StoreError) {
                return .success(try body(connection))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func drain() {
        while let batch = takeBatch() {
            let deliveries: [@Sendable () -> Void]
            if let connection = openConnection {
                deliveries = commit(batch, on: connection)
            } else {
                record(failed: batch.count)
                deliveries = batch.map { write in { write.fail(.closed) } }
            }
            completionQueue.async {
                for deliver in deliveries { deliver() }
            }
        }
    }

    private func takeBatch() -> [PendingWrite]? {
        state.withLock { state in
            guard !state.pending.isEmpty else {
                state.isDraining = false
                return nil
            }
            let count = min(maxBatch, state.pending.count)
            let batch = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            return batch
        }
    }

    /// Adds to the counters.
    func record(commits: Int = 0, writes: Int = 0, failed: Int = 0) {
        state.withLock {
            $0.stats.commits += commits
            $0.stats.writes += writes
            $0.stats.failedWrites += failed
        }
    }
}
