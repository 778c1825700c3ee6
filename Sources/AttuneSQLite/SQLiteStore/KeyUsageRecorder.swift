internal import AttuneStore
internal import Locking

/// Decides when a key's `lastUsedAt` is worth writing: at most once per interval per key, so a
/// busy key costs one small write a minute, not one per request.
final class KeyUsageRecorder: Sendable {
    private let intervalMilliseconds: Int64
    /// When each key's use was last sent to the writer. Bounded by the number of keys.
    private let lastRecorded = Lock<[String: Int64]>([:])

    init(intervalMilliseconds: Int64) {
        self.intervalMilliseconds = intervalMilliseconds
    }

    /// True (and remembered) when `keyID`'s use at `now` should be written.
    func shouldRecord(keyID: String, now: Int64) -> Bool {
        lastRecorded.withLock { recorded in
            if let last = recorded[keyID], now - last < intervalMilliseconds { return false }
            recorded[keyID] = now
            return true
        }
    }
}
