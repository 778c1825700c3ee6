internal import AttuneCore
internal import AttuneJSON
internal import Synchronization

/// The Attune API from Swift: async/await over libcurl, with the server's own wire models.
///
/// ```swift
/// let client = try AttuneClient(AttuneClientConfiguration(baseURL: "https://attune.example", key: APIKey(key)))
/// let checkin = try await client.questionnaire("relationship-checkin").definition
/// let receipt = try await client.submit(posted)          // retried safely: one Idempotency-Key
/// print(receipt.submission.score(of: "total")?.value as Any, receipt.submission.alerts)
/// ```
///
/// One client serves many concurrent tasks; it keeps connections open and reuses them (see
/// ``AttuneClientConfiguration/reuseConnections``). Every method throws only ``AttuneClientError``.
public final class AttuneClient: Sendable {
    /// The configuration it was made with (its description hides the key).
    public let configuration: AttuneClientConfiguration
    let transport: Transport
    let base: String
    let authorization: String
    let cache = QuestionnaireCache()
    private let counters = Mutex(Statistics())

    /// What the client has done so far, for monitoring and measurements.
    public struct Statistics: Sendable, Equatable {
        /// Attempts sent (a retried request counts once per attempt).
        public var attempts = 0
        /// Retries among them.
        public var retries = 0
        /// Connections libcurl opened; with reuse, far fewer than attempts.
        public var connectionsOpened = 0
    }

    /// A client; throws ``AttuneClientError/invalidArgument(_:)`` for a URL that is not `http(s)://`.
    public init(_ configuration: AttuneClientConfiguration) throws(AttuneClientError) {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let lowered = base.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), base.count > 8 else {
            throw .invalidArgument("the base URL must start with http:// or https://")
        }
        guard !configuration.key.secret.isEmpty,
            configuration.key.secret.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw .invalidArgument("the API key must be visible ASCII without spaces")
        }
        guard CurlLibrary.initialized else { throw .transport(code: 2, message: "curl_global_init failed") }
        self.configuration = configuration
        self.base = base
        authorization = "Bearer " + configuration.key.secret
        transport = Transport(
            settings: TransferSettings(
                connectTimeoutMilliseconds: Self.milliseconds(configuration.connectTimeout),
                requestTimeoutMilliseconds: Self.milliseconds(configuration.requestTimeout),
                caFile: configuration.caFile,
                reuseConnections: configuration.reuseConnections
            ),
            poolCapacity: max(1, configuration.maxIdleConnections)
        )
    }

    /// The counters so far.
    public var statistics: Statistics { counters.withLock { $0 } }

    /// The linked libcurl's version (`libcurl/7.88.1 OpenSSL/3.0.x …`).
    public static var curlVersion: String { CurlLibrary.version }

    private static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int(min(seconds, 86_400) * 1000)
    }
}

// MARK: - Requests

extension AttuneClient {
    /// A request before it is sent: method, path with its query, body and extra header fields.
    struct Call: Sendable {
        var method: TransportRequest.Method
        var path: String
        var query: [(name: String, value: String)] = []
        var body: [UInt8]? = nil
        var headers: [(name: String, value: String)] = []
        var idempotencyKey: IdempotencyKey? = nil
        var accept = "application/json"

        /// A `POST` without an idempotency key may have created something even when no answer came back.
        var isRetryable: Bool { method != .post || idempotencyKey != nil }
    }

    /// Sends `call`, retrying as ``RetryPolicy`` says; returns any HTTP answer (error statuses included).
    func exchange(_ call: Call) async throws(AttuneClientError) -> TransportResponse {
        var headers: [(name: String, value: String)] = [("Authorization", authorization), ("Accept", call.accept)]
        if call.body != nil { headers.append(("Content-Type", "application/json")) }
        if let key = call.idempotencyKey { headers.append(("Idempotency-Key", key.value)) }
        headers += call.headers
        // A CR or LF in a field would end it and start another (request splitting, RFC 9112 §5).
        for field in headers where (field.name + field.value).utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw .invalidArgument("header field \(field.name) contains a line break")
        }
        let request = TransportRequest(method: call.method, url: url(call), headers: headers, body: call.body)
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            let canRetry = call.isRetryable && attempt < policy.maxAttempts
            let response: TransportResponse
            do {
                response = try await transport.perform(request)
            } catch {
                count(retry: attempt > 1, connections: 0)
                switch error {
                case .cancelled: throw .cancelled
                case .timeout(let message): throw .timeout(message: message)
                case .curl(let code, let message):
                    guard canRetry, error.isConnectionFailure else { throw .transport(code: code, message: message) }
                    try await pause(policy.backoff(retry: attempt - 1))
                    continue
                }
            }
            count(retry: attempt > 1, connections: response.newConnections)
            guard canRetry, RetryPolicy.retryableStatuses.contains(response.status) else { return response }
            var delay = policy.backoff(retry: attempt - 1)
            if let retryAfter = response.header("retry-after").flatMap(Self.retryAfterSeconds) {
                // RFC 9110 §10.2.3: the server says when; waiting longer than the policy allows is not
                // a retry but a hang, so its answer is returned instead.
                guard retryAfter <= policy.maxRetryAfter else { return response }
                delay = max(delay, retryAfter)
            }
            try await pause(delay)
        }
    }

    /// `Retry-After` as delay-seconds (RFC 9110 §10.2.3); an HTTP-date is not used by Attune.
    static func retryAfterSeconds(_ value: String) -> Double? {
        guard let seconds = Int(value), seconds >= 0 else { return nil }
        return Double(seconds)
    }

    private func pause(_ seconds: Double) async throws(AttuneClientError) {
        guard seconds > 0 else { return }
        do {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        } catch {
            throw .cancelled
        }
    }

    private func count(retry: Bool, connections: Int) {
        counters.withLock { counters in
            counters.attempts += 1
            if retry { counters.retries += 1 }
            counters.connectionsOpened += connections
        }
    }

    private func url(_ call: Call) -> String {
        var url = base + call.path
        if !call.query.isEmpty {
            url += "?" + call.query.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
        }
        return url
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, for path segments and query parts.
    static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// `prefix/id…` with each id percent-encoded as one path segment; an empty id names nothing.
    static func path(_ prefix: String, _ ids: String...) throws(AttuneClientError) -> String {
        var path = prefix
        for id in ids {
            guard !id.isEmpty else { throw .invalidArgument("an id in the path is empty") }
            path += "/" + encode(id)
        }
        return path
    }

    /// The answer to `call` when it is a success: its status and bytes; otherwise the server's problem.
    func send(_ call: Call, expecting statuses: Set<Int> = [200]) async throws(AttuneClientError)
        -> TransportResponse
    {
        let response = try await exchange(call)
        guard statuses.contains(response.status) else { throw Self.failure(response) }
        return response
    }

    /// A decoded resource from a success answer.
    func resource<R: WireResource>(_ type: R.Type, _ call: Call, expecting statuses: Set<Int> = [200])
        async throws(AttuneClientError) -> R
    {
        let response = try await send(call, expecting: statuses)
        return try Self.decode(type, response)
    }

    static func decode<R: WireResource>(_ type: R.Type, _ response: TransportResponse) throws(AttuneClientError)
        -> R
    {
        do {
            return try R.decode(bytes: response.body)
        } catch {
            throw .invalidResponse(status: response.status, reason: error.description)
        }
    }

    static func json(_ response: TransportResponse) throws(AttuneClientError) -> JSONValue {
        do {
            return try JSONReader().parse(response.body)
        } catch {
            throw .invalidResponse(status: response.status, reason: "not JSON: \(error.message)")
        }
    }

    /// The error an unexpected status stands for: the RFC 9457 body when there is one, else a problem
    /// made from the status alone (a proxy's HTML page, an empty 502).
    static func failure(_ response: TransportResponse) -> AttuneClientError {
        if response.status >= 400 {
            if let problem = try? ProblemResource.decode(bytes: response.body), problem.status == response.status {
                return .server(problem)
            }
            return .server(
                ProblemResource(
                    type: "about:blank",
                    title: "HTTP \(response.status)",
                    status: response.status,
                    detail: "The response carried no problem details."
                )
            )
        }
        return .invalidResponse(status: response.status, reason: "unexpected status \(response.status)")
    }
}
