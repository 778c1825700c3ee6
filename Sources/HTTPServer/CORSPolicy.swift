/// Which browser origins may call the server across origins (the Fetch standard's CORS protocol), for
/// intake forms served from a practice's own site.
///
/// A request from an origin not listed gets no CORS fields at all, so the browser withholds the response.
public struct CORSPolicy: Sendable, Equatable {
    /// Origins allowed, exactly as browsers send them (`https://forms.example.org`); `*` allows any.
    public var allowedOrigins: [String]
    /// Request header fields a preflight may ask for.
    public var allowedHeaders: [String]
    /// Response header fields scripts may read beyond the CORS-safelisted ones.
    public var exposedHeaders: [String]
    /// How long, in seconds, a browser may cache a preflight's answer.
    public var maxAgeSeconds: Int
    /// Whether to send `Access-Control-Allow-Credentials: true` (cookies); never sent to an origin that is
    /// allowed only through `*`.
    public var allowsCredentials: Bool

    /// The default ``allowedHeaders``.
    public static let defaultAllowedHeaders = ["Authorization", "Content-Type", "Idempotency-Key"]

    /// A policy for `allowedOrigins`.
    public init(
        allowedOrigins: [String],
        allowedHeaders: [String] = CORSPolicy.defaultAllowedHeaders,
        exposedHeaders: [String] = ["X-Request-Id", "Retry-After"],
        maxAgeSeconds: Int = 600,
        allowsCredentials: Bool = false
    ) {
        self.allowedOrigins = allowedOrigins
        self.allowedHeaders = allowedHeaders
        self.exposedHeaders = exposedHeaders
        self.maxAgeSeconds = maxAgeSeconds
        self.allowsCredentials = allowsCredentials
    }

    /// Whether `origin` is listed by name (as opposed to allowed only through `*`).
    func listsExactly(_ origin: String) -> Bool { allowedOrigins.contains(origin) }

    /// Whether `origin` may call at all.
    func allows(_ origin: String) -> Bool { listsExactly(origin) || allowedOrigins.contains("*") }

    /// Adds the fields every response to an allowed origin carries, and `Vary: Origin` to every response,
    /// since the answer depends on the caller's origin (a shared cache must not mix them up).
    func apply(origin: String?, to headers: inout HTTPHeaders) {
        headers.add(name: "Vary", value: "Origin")
        guard let origin, allows(origin) else { return }
        let credentials = allowsCredentials && listsExactly(origin)
        // With credentials the origin must be echoed: browsers refuse `*` together with credentials.
        let isWildcard = allowedOrigins.contains("*") && !credentials
        headers["Access-Control-Allow-Origin"] = isWildcard ? "*" : origin
        if credentials { headers["Access-Control-Allow-Credentials"] = "true" }
        if !exposedHeaders.isEmpty { headers["Access-Control-Expose-Headers"] = exposedHeaders.joined(separator: ", ") }
    }

    /// The fields a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin gets.
    func applyPreflight(origin: String?, methods: String, to headers: inout HTTPHeaders) {
        guard let origin, allows(origin) else { return }
        headers["Access-Control-Allow-Methods"] = methods
        headers["Access-Control-Allow-Headers"] = allowedHeaders.joined(separator: ", ")
        headers["Access-Control-Max-Age"] = String(maxAgeSeconds)
    }
}
