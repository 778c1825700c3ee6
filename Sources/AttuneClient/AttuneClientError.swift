public import AttuneCore

/// The one error every ``AttuneClient`` method throws.
///
/// - ``transport(code:message:)``: libcurl could not complete the exchange (refused or reset connection,
///   DNS, TLS verification…); `message` is libcurl's own, `code` its `CURLcode`.
/// - ``timeout(message:)``: the connect timeout or the request timeout ran out.
/// - ``cancelled``: the calling Swift task was cancelled; the transfer was aborted.
/// - ``server(_:)``: the server answered with an error status; its RFC 9457 problem (status, type,
///   title, detail and one JSON pointer per invalid field).
/// - ``invalidResponse(status:reason:)``: a success status whose body is not what the API promises.
/// - ``invalidArgument(_:)``: the call itself cannot be sent (a malformed base URL, an empty id).
///
/// No case ever holds the API key: not the request's headers, and not libcurl's verbose output (never
/// switched on).
public enum AttuneClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libcurl failed: its `CURLcode` and message.
    case transport(code: Int, message: String)
    /// The connect or request timeout ran out.
    case timeout(message: String)
    /// The Swift task was cancelled.
    case cancelled
    /// The server's problem details for a 4xx or 5xx answer.
    case server(ProblemResource)
    /// A 2xx (or 3xx) answer whose body the client could not read.
    case invalidResponse(status: Int, reason: String)
    /// The request cannot be made from these arguments.
    case invalidArgument(String)

    /// The HTTP status, for ``server(_:)`` and ``invalidResponse(status:reason:)``.
    public var status: Int? {
        switch self {
        case .server(let problem): problem.status
        case .invalidResponse(let status, _): status
        default: nil
        }
    }

    /// The problem, for ``server(_:)``.
    public var problem: ProblemResource? {
        if case .server(let problem) = self { problem } else { nil }
    }

    /// One line for logs; free of the key by construction.
    public var description: String {
        switch self {
        case .transport(let code, let message): "transport error (libcurl \(code)): \(message)"
        case .timeout(let message): "timeout: \(message)"
        case .cancelled: "cancelled"
        case .server(let problem): "server: \(problem)"
        case .invalidResponse(let status, let reason): "invalid response (\(status)): \(reason)"
        case .invalidArgument(let reason): "invalid argument: \(reason)"
        }
    }
}
