import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Synchronization
import Testing

@testable import AttuneServer

/// Cached keys: fresh, then stale while one background check runs, then gone.
@Suite struct KeyCacheTests {
    struct CheckFailed: Error {}

    static func key(_ id: String, role: Role = .intake) -> APIKey {
        APIKey(
            id: id,
            practiceID: "prc_a",
            role: role,
            therapistID: nil,
            label: nil,
            createdAt: Date(timeIntervalSince1970: 0),
            lastUsedAt: nil,
            revokedAt: nil
        )
    }

    /// Polls until `condition` holds or two seconds pass.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition()
    }

    static func isFresh(_ lookup: KeyCache.Lookup, id: String) -> Bool {
        if case .fresh(let key) = lookup { key.id == id } else { false }
    }

    @Test func aStaleKeyIsServedWhileOneCheckRunsAndTheCheckRenewsIt() {
        let cache = KeyCache(lifetimeSeconds: 0.5)
        cache.store(Self.key("key_1"), forToken: "t")
        #expect(Self.isFresh(cache.lookup(token: "t"), id: "key_1"))
        Thread.sleep(forTimeInterval: 0.6)

        guard case .stale(let first, refresh: true) = cache.lookup(token: "t") else {
            Issue.record("expected the first stale lookup to ask for a check")
            return
        }
        #expect(first.id == "key_1")
        guard case .stale(_, refresh: false) = cache.lookup(token: "t") else {
            Issue.record("expected one check at a time")
            return
        }
        let checks = Mutex(0)
        cache.refresh(token: "t") {
            checks.withLock { $0 += 1 }
            return Self.key("key_1", role: .admin)
        }
        #expect(Self.eventually { Self.isFresh(cache.lookup(token: "t"), id: "key_1") })
        guard case .fresh(let renewed) = cache.lookup(token: "t") else { return }
        #expect(renewed.role == .admin)
        #expect(checks.withLock { $0 } == 1)
    }

    @Test func aCheckThatFindsTheKeyRevokedDropsIt() {
        let cache = KeyCache(lifetimeSeconds: 0.5)
        cache.store(Self.key("key_1"), forToken: "t")
        Thread.sleep(forTimeInterval: 0.6)
        guard case .stale(_, refresh: true) = cache.lookup(token: "t") else {
            Issue.record("expected a stale entry")
            return
        }
        cache.refresh(token: "t") { nil }
        #expect(Self.eventually { if case .missing = cache.lookup(token: "t") { true } else { false } })
    }

    @Test func aFailedCheckLetsTheNextRequestTryAgainAndOldEntriesExpire() {
        let cache = KeyCache(lifetimeSeconds: 0.5)
        cache.store(Self.key("key_1"), forToken: "t")
        Thread.sleep(forTimeInterval: 0.6)
        guard case .stale(_, refresh: true) = cache.lookup(token: "t") else {
            Issue.record("expected a stale entry")
            return
        }
        cache.refresh(token: "t") { throw CheckFailed() }
        #expect(
            Self.eventually {
                if case .stale(_, refresh: true) = cache.lookup(token: "t") { true } else { false }
            }
        )
        Thread.sleep(forTimeInterval: 0.5)
        guard case .missing = cache.lookup(token: "t") else {
            Issue.record("expected the entry to be gone after twice its lifetime")
            return
        }
    }

    @Test func evictingAKeyForgetsEveryTokenOfIt() {
        let cache = KeyCache()
        cache.store(Self.key("key_1"), forToken: "a")
        cache.store(Self.key("key_1"), forToken: "b")
        cache.store(Self.key("key_2"), forToken: "c")
        cache.evict(keyID: "key_1")
        guard case .missing = cache.lookup(token: "a"), case .missing = cache.lookup(token: "b") else {
            Issue.record("expected key_1's tokens to be gone")
            return
        }
        #expect(Self.isFresh(cache.lookup(token: "c"), id: "key_2"))
    }
}
