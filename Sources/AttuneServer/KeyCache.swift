internal import AttuneStore
internal import Synchronization

/// Recently authenticated keys, so that a request whose key was seen in the last few seconds needs no
/// hashing or database read (and can be answered on the I/O queue).
///
/// Revocations through this server evict at once; other processes' revocations (another replica) take
/// effect within `lifetime`.
final class KeyCache: Sendable {
    private struct Entry {
        let key: APIKey
        let expiresAt: UInt64
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetimeNanoseconds: UInt64
    private let capacity: Int

    init(lifetimeSeconds: Double = 5, capacity: Int = 10_000) {
        lifetimeNanoseconds = UInt64(lifetimeSeconds * 1e9)
        self.capacity = capacity
    }

    func key(forToken token: String) -> APIKey? {
        let now = monotonicNanoseconds()
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.expiresAt > now else {
                entries[token] = nil
                return nil
            }
            return entry.key
        }
    }

    func store(_ key: APIKey, forToken token: String) {
        let entry = Entry(key: key, expiresAt: monotonicNanoseconds() + lifetimeNanoseconds)
        entries.withLock { entries in
            // Bounded: a flood of distinct valid keys can't grow memory without limit.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = entry
        }
    }

    /// Forgets every cached token of key `id` (after a revocation).
    func evict(keyID id: String) {
        entries.withLock { entries in
            for (token, entry) in entries where entry.key.id == id { entries[token] = nil }
        }
    }
}
