/// An API key, kept out of every description, log line and error.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret as the practice received it.
    let secret: String

    /// Wraps a key.
    public init(_ secret: String) { self.secret = secret }

    /// `APIKey(redacted)`: printing a configuration never shows the key.
    public var description: String { "APIKey(redacted)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
}

/// How an ``AttuneClient`` reaches its server.
public struct AttuneClientConfiguration: Sendable, CustomStringConvertible {
    /// The server's base URL, `http://` or `https://`, without `/v1` (a trailing `/` is ignored).
    public var baseURL: String
    /// The API key sent as `Authorization: Bearer`.
    public var key: APIKey
    /// How long connecting (TCP and TLS) may take, in seconds. Default 5.
    public var connectTimeout: Double
    /// How long one attempt of a request may take in all, in seconds. Default 30.
    public var requestTimeout: Double
    /// A PEM file of certificate authorities to trust instead of the system's (for a private CA or a
    /// self-signed certificate). Verification of the peer and of its host name stays on regardless.
    public var caFile: String?
    /// When to retry; ``RetryPolicy/default`` unless set.
    public var retry: RetryPolicy
    /// Whether connections are kept open and reused between requests. Default true; false opens a
    /// new connection per request (for measurements).
    public var reuseConnections: Bool
    /// The most idle connections kept open (one per concurrent request in flight). Default 8.
    public var maxIdleConnections: Int

    /// A configuration with the defaults above.
    public init(
        baseURL: String,
        key: APIKey,
        connectTimeout: Double = 5,
        requestTimeout: Double = 30,
        caFile: String? = nil,
        retry: RetryPolicy = .default,
        reuseConnections: Bool = true,
        maxIdleConnections: Int = 8
    ) {
        self.baseURL = baseURL
        self.key = key
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.caFile = caFile
        self.retry = retry
        self.reuseConnections = reuseConnections
        self.maxIdleConnections = maxIdleConnections
    }

    /// The settings without the key.
    public var description: String {
        "AttuneClientConfiguration(baseURL: \(baseURL), key: \(key), connectTimeout: \(connectTimeout), "
            + "requestTimeout: \(requestTimeout), caFile: \(caFile ?? "system"))"
    }
}

/// Retries with full-jitter exponential backoff (each delay uniform in 0…min(cap, base·2ⁿ)), on the
/// failures a retry can fix: a refused, reset or half-answered connection, `429` (after its
/// `Retry-After`), `502`, `503` and `504`.
///
/// A `POST` is retried only when it carries an `Idempotency-Key` (``AttuneClient`` sends one with every
/// submission), so a retry never creates a second resource; other methods are idempotent.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; 1 turns retries off. Default 4.
    public var maxAttempts: Int
    /// The first backoff's ceiling in seconds. Default 0.1.
    public var baseDelay: Double
    /// The largest backoff ceiling in seconds. Default 2.
    public var maxDelay: Double
    /// The longest `Retry-After` honoured, in seconds; a server asking for more gets its error returned
    /// instead of a long wait. Default 10.
    public var maxRetryAfter: Double

    /// A policy.
    public init(maxAttempts: Int = 4, baseDelay: Double = 0.1, maxDelay: Double = 2, maxRetryAfter: Double = 10) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.maxRetryAfter = max(0, maxRetryAfter)
    }

    /// 4 attempts, 0.1 s doubling to 2 s, `Retry-After` up to 10 s.
    public static let `default` = RetryPolicy()
    /// One attempt, no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The statuses worth another attempt.
    static let retryableStatuses: Set<Int> = [429, 502, 503, 504]

    /// The full-jitter delay before attempt `retry + 1` (`retry` counts from 0).
    public func backoff(retry: Int) -> Double {
        let ceiling = min(maxDelay, baseDelay * Double(1 << min(retry, 30)))
        return ceiling > 0 ? Double.random(in: 0...ceiling) : 0
    }
}

/// An `Idempotency-Key`: 128 random bits as 32 hex digits, made once per logical request and sent
/// again, unchanged, with every retry of it.
public struct IdempotencyKey: Sendable, Hashable, CustomStringConvertible {
    /// The header's value.
    public let value: String

    /// A key with a value of the caller's (1–255 visible ASCII characters).
    public init(_ value: String) { self.value = value }

    /// A new random key (from the system's cryptographic generator).
    public static func generate() -> IdempotencyKey {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<2).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }
        return IdempotencyKey(hex.joined())
    }

    /// The value.
    public var description: String { value }
}
