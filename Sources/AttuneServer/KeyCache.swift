internal import AttuneStore
internal import Dispatch
internal import HTTPServer
internal import Locking

/// Recently authenticated keys, so that a request whose key was seen in the last few seconds needs no
/// hashing or database read (and can be answered on the I/O queue).
///
/// An entry is fresh for `lifetime`, then stale for as long again: a stale key is still accepted, and
/// the first request that finds it stale has it checked again in the background. Without that, every
/// connection of a busy client missed at the same moment when the entry expired, and all of them moved
/// to worker threads for the same database read (the thread count grew under load).
///
/// Revocations through this server evict at once. Another process's revocation (another replica) takes
/// effect within `lifetime` plus one background check.
final class KeyCache: Sendable {
    /// What a lookup found.
    enum Lookup {
        /// Checked within `lifetime`.
        case fresh(APIKey)
        /// Usable, and due for a check; `refresh` is true for the one caller that should start it.
        case stale(APIKey, refresh: Bool)
        /// Unknown or too old: authenticate before answering.
        case missing
    }

    private struct Entry {
        let key: APIKey
        let freshUntil: UInt64
        let staleUntil: UInt64
        var isRefreshing = false
    }

    private let entries = Lock<[String: Entry]>([:])
    private let lifetimeNanoseconds: UInt64
    private let capacity: Int
    private let refreshQueue = DispatchQueue(label: "attune.key-refresh")

    init(lifetimeSeconds: Double = 5, capacity: Int = 10_000) {
        lifetimeNanoseconds = UInt64(lifetimeSeconds * 1e9)
        self.capacity = capacity
    }

    /// The cached key for `token`, and whether it is due for a check.
    func lookup(token: String) -> Lookup {
        let now = monotonicNanoseconds()
        return entries.withLock { entries in
            guard let entry = entries[token] else { return .missing }
            if entry.freshUntil > now { return .fresh(entry.key) }
            guard entry.staleUntil > now else {
                entries[token] = nil
                return .missing
            }
            if entry.isRefreshing { return .stale(entry.key, refresh: false) }
            entries[token]?.isRefreshing = true
            return .stale(entry.key, refresh: true)
        }
    }

    func store(_ key: APIKey, forToken token: String) {
        let now = monotonicNanoseconds()
        let entry = Entry(key: key, freshUntil: now + lifetimeNanoseconds, staleUntil: now + 2 * lifetimeNanoseconds)
        entries.withLock { entries in
            // Bounded: a flood of distinct valid keys can't grow memory without limit.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = entry
        }
    }

    /// Checks `token` again off the caller's thread: `authenticate` returns the key as it is now, nil
    /// when it is revoked or gone (the entry is then dropped), or throws (the entry stays until it ages
    /// out, and the next request that finds it stale tries again).
    func refresh(token: String, authenticate: @escaping @Sendable () throws -> APIKey?) {
        refreshQueue.async { [self] in
            do {
                if let key = try authenticate() {
                    store(key, forToken: token)
                } else {
                    entries.withLock { $0[token] = nil }
                }
            } catch {
                entries.withLock { $0[token]?.isRefreshing = false }
            }
        }
    }

    /// Forgets every cached token of key `id` (after a revocation).
    func evict(keyID id: String) {
        entries.withLock { entries in
            for (token, entry) in entries where entry.key.id == id { entries[token] = nil }
        }
    }
}
