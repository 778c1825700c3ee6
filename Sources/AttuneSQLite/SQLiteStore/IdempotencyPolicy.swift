internal import AttuneStore
internal import Locking

/// The idempotency timings of one store, and when it last purged old records.
final class IdempotencyPolicy: Sendable {
    /// Completed records younger than this are kept.
    let retentionMilliseconds: Int64
    private let purgeIntervalMilliseconds: Int64
    private let lastPurge = Lock<Int64>(0)

    init(_ configuration: SQLiteStore.Configuration) {
        retentionMilliseconds = Int64(max(0, configuration.idempotencyRetentionMilliseconds))
        purgeIntervalMilliseconds = Int64(max(0, configuration.idempotencyPurgeIntervalMilliseconds))
    }

    /// True (and remembered) when a purge is due at `now`: at most one per interval.
    func shouldPurge(now: Int64) -> Bool {
        lastPurge.withLock { last in
            guard now - last >= purgeIntervalMilliseconds else { return false }
            last = now
            return true
        }
    }
}
