internal import HTTPServer
internal import Locking

/// A token bucket per API key: `rate` requests a second on average, bursts up to twice that.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: UInt64
    }

    private let rate: Double
    private let burst: Double
    private let buckets = Lock<[String: Bucket]>([:])

    /// A limiter; `rate` 0 turns it off.
    init(requestsPerSecond rate: Int) {
        self.rate = Double(rate)
        burst = Double(max(1, rate * 2))
    }

    /// Nil when the request may proceed, else the whole seconds to wait.
    func check(key: String) -> Int? {
        guard rate > 0 else { return nil }
        let now = monotonicNanoseconds()
        return buckets.withLock { buckets -> Int? in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updatedAt: now)
            let elapsed = Double(now &- bucket.updatedAt) / 1e9
            bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
            bucket.updatedAt = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}
