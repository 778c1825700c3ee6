internal import AttuneCore
internal import AttuneJSON
internal import HTTPServer

/// Every kind of problem the API answers with, each with its own RFC 9457 `type`: `/problems/<code>`,
/// a relative URI that `GET /problems/<code>` describes. Clients match on the type, never on `detail`.
enum ProblemType: String, CaseIterable, Sendable {
    case unauthenticated
    case forbidden
    case notFound = "not-found"
    case malformedJSON = "malformed-json"
    case invalidFields = "invalid-fields"
    case invalidQuery = "invalid-query"
    case invalidHeader = "invalid-header"
    case alreadyExists = "already-exists"
    case duplicateSubmission = "duplicate-submission"
    case idempotencyKeyReused = "idempotency-key-reused"
    case idempotencyKeyErased = "idempotency-key-erased"
    case unsupportedMediaType = "unsupported-media-type"
    case rateLimited = "rate-limited"
    case unavailable
    case databaseBusy = "database-busy"
    case notReady = "not-ready"
    // Answered by the HTTP server itself, before any route runs.
    case badRequest = "bad-request"
    case methodNotAllowed = "method-not-allowed"
    case uriTooLong = "uri-too-long"
    case contentTooLarge = "content-too-large"
    case headerFieldsTooLarge = "header-fields-too-large"
    case expectationFailed = "expectation-failed"
    case requestTimeout = "request-timeout"
    case internalError = "internal-error"
    case notImplemented = "not-implemented"
    case httpVersionNotSupported = "http-version-not-supported"

    /// The problem's `type` member.
    var uri: String { "/problems/" + rawValue }

    /// The status every occurrence of this problem is answered with.
    var status: HTTPStatus {
        switch self {
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .malformedJSON, .invalidQuery, .invalidHeader, .badRequest: .badRequest
        case .invalidFields, .idempotencyKeyReused: .unprocessableContent
        case .alreadyExists, .duplicateSubmission: .conflict
        case .idempotencyKeyErased: HTTPStatus(code: 410)
        case .unsupportedMediaType: .unsupportedMediaType
        case .rateLimited: .tooManyRequests
        case .unavailable, .databaseBusy, .notReady: .serviceUnavailable
        case .methodNotAllowed: .methodNotAllowed
        case .uriTooLong: .uriTooLong
        case .contentTooLarge: .contentTooLarge
        case .headerFieldsTooLarge: .requestHeaderFieldsTooLarge
        case .expectationFailed: .expectationFailed
        case .requestTimeout: .requestTimeout
        case .internalError: .internalServerError
        case .notImplemented: .notImplemented
        case .httpVersionNotSupported: .httpVersionNotSupported
        }
    }

    /// The `title` member: the same for every occurrence of the type (RFC 9457 §3.1.3). The types the HTTP
    /// server also answers take its reason phrase, so both say the same.
    var title: String {
        switch self {
        case .unauthenticated: "Missing or unknown API key"
        case .forbidden: "Not allowed for this key's role"
        case .malformedJSON: "Body is not JSON"
        case .invalidFields: "Invalid fields"
        case .invalidQuery: "Invalid query parameter"
        case .invalidHeader: "Invalid header field"
        case .alreadyExists: "Already exists"
        case .duplicateSubmission: "Submission exists for this session"
        case .idempotencyKeyReused: "Idempotency-Key reused with another body"
        case .idempotencyKeyErased: "Idempotency-Key of erased data"
        case .databaseBusy: "Database locked elsewhere"
        case .unsupportedMediaType: "Body must be JSON"
        case .rateLimited: "Too many requests"
        case .notReady: "Not ready"
        case .notFound, .unavailable, .badRequest, .methodNotAllowed, .uriTooLong, .contentTooLarge,
            .headerFieldsTooLarge, .expectationFailed, .requestTimeout, .internalError, .notImplemented,
            .httpVersionNotSupported:
            status.reasonPhrase
        }
    }

    /// What the problem means and what a client does about it: the body of `GET /problems/<code>`.
    var explanation: String {
        switch self {
        case .unauthenticated:
            "No `Authorization: Bearer <key>` was sent, or the key is unknown or revoked. Send a valid key."
        case .forbidden: "The key is valid but its role may not call this endpoint. Use a key with another role."
        case .notFound:
            "Nothing exists at this path in the key's practice (a resource of another practice looks the same)."
        case .malformedJSON:
            "The body is not well-formed JSON. `errors[0].pointer` and `detail` say where parsing stopped."
        case .invalidFields:
            "The body is JSON but fields are wrong. `errors` lists every problem with a JSON pointer and a code."
        case .invalidQuery: "A query parameter is malformed, out of range, or a cursor that belongs to another query."
        case .invalidHeader: "A header field (such as Idempotency-Key) is malformed or not allowed here."
        case .alreadyExists: "A resource with this id already exists in the practice."
        case .duplicateSubmission:
            "A current submission exists for this client, questionnaire, respondent and session; `existing` "
                + "names it. Post again with \"supersedes\": true to replace it."
        case .idempotencyKeyReused:
            "This Idempotency-Key was used before with a different body. Use a new key for a new request."
        case .idempotencyKeyErased:
            "This Idempotency-Key created a submission of a client that an admin has since erased. The "
                + "answer is final: the data is gone and is not re-created. Stop retrying this request."
        case .databaseBusy:
            "Another process holds the database's write lock (an operator's shell inside a transaction, a "
                + "migration). Nothing was changed. Retry after `Retry-After` seconds."
        case .unsupportedMediaType: "The body must be sent as `application/json` (or a `+json` type)."
        case .rateLimited: "The key sent more requests than its rate allows. Retry after `Retry-After` seconds."
        case .unavailable: "The database or the server is unavailable for now. Retry after `Retry-After` seconds."
        case .notReady: "The server is starting or shutting down; a load balancer should send traffic elsewhere."
        case .badRequest: "The request is not valid HTTP/1.1 (request line, header fields, framing or encoding)."
        case .methodNotAllowed: "The path exists but not with this method; the `Allow` header lists those it takes."
        case .uriTooLong: "The request line is longer than the server accepts."
        case .contentTooLarge: "The body is larger than the server accepts."
        case .headerFieldsTooLarge: "The header section is larger, or has more fields, than the server accepts."
        case .expectationFailed: "Only `Expect: 100-continue` is supported."
        case .requestTimeout: "The request did not arrive completely within the server's time limit."
        case .internalError:
            "The server failed to handle the request. Quote `errorId` and `instance` when reporting it."
        case .notImplemented: "The method or transfer coding is not implemented by this server."
        case .httpVersionNotSupported: "Only HTTP/1.0 and HTTP/1.1 are supported."
        }
    }

    /// The types for the statuses the HTTP server answers by itself (``Server/Configuration/problemTypes``).
    static let forGenericStatuses: [Int: String] = {
        let generic: [ProblemType] = [
            .badRequest, .notFound, .methodNotAllowed, .uriTooLong, .contentTooLarge, .headerFieldsTooLarge,
            .expectationFailed, .requestTimeout, .internalError, .notImplemented, .httpVersionNotSupported,
            .unavailable,
        ]
        return Dictionary(uniqueKeysWithValues: generic.map { ($0.status.code, $0.uri) })
    }()

    /// A problem of this type.
    func problem(
        detail: String,
        extensions: [(name: String, json: String)] = [],
        headers: HTTPHeaders = [:]
    ) -> ProblemDetails {
        ProblemDetails(
            status: status,
            type: uri,
            title: title,
            detail: detail,
            extensions: extensions,
            headers: headers
        )
    }

    /// `{"type": …, "title": …, "status": …, "description": …}`: the page `GET /problems/<code>` serves.
    var descriptionJSON: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("type")
        writer.string(uri)
        writer.key("title")
        writer.string(title)
        writer.key("status")
        writer.number(status.code)
        writer.key("description")
        writer.string(explanation)
        writer.endObject()
        return writer.bytes
    }
}
