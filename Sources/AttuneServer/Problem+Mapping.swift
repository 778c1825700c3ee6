internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
public import HTTPServer

// The one place where API and store errors become HTTP statuses and RFC 9457 problem bodies.
extension APIError: HTTPResponseConvertible {
    public var status: HTTPStatus { problem.status }

    /// The problem; no cache may keep it, as it may answer a request for clinical data.
    public func makeResponse() -> HTTPResponse {
        var response = problem.makeResponse()
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    var problem: ProblemDetails {
        switch self {
        case .unauthenticated(let offered):
            // RFC 6750 §3: the challenge names the scheme, and the error when a token was presented.
            let challenge = offered ? #"Bearer realm="attune", error="invalid_token""# : #"Bearer realm="attune""#
            return ProblemType.unauthenticated.problem(
                detail: offered
                    ? "The API key is unknown or revoked." : "Send an API key: Authorization: Bearer <key>.",
                headers: ["WWW-Authenticate": challenge]
            )
        case .forbidden(let role):
            return ProblemType.forbidden.problem(detail: "A key with role '\(role)' may not do this.")
        case .notFound(let resource):
            return ProblemType.notFound.problem(detail: "No such \(resource).")
        case .malformedJSON(let error):
            return ProblemType.malformedJSON.problem(
                detail: "The body is not valid JSON: \(error.message).",
                extensions: [("errors", Self.errorsJSON([(error.pointer, "malformedJSON", error.message)]))]
            )
        case .invalidFields(let problems):
            return ProblemType.invalidFields.problem(
                detail: "The request has \(problems.count) invalid field\(problems.count == 1 ? "" : "s").",
                extensions: [("errors", Self.errorsJSON(problems.map { ($0.pointer, $0.code.rawValue, $0.message) }))]
            )
        case .invalidQuery(let parameter, let reason):
            return ProblemType.invalidQuery.problem(
                detail: "Query parameter '\(parameter)' \(reason).",
                extensions: [("errors", Self.errorsJSON([("", "invalidQuery", "\(parameter): \(reason)")]))]
            )
        case .conflict(let detail):
            return ProblemType.alreadyExists.problem(detail: detail)
        case .unsupportedMediaType:
            return ProblemType.unsupportedMediaType.problem(detail: "Send the body as application/json.")
        case .rateLimited(let seconds):
            return ProblemType.rateLimited.problem(
                detail: "This key sent too many requests; retry later.",
                headers: ["Retry-After": String(seconds)]
            )
        case .invalidHeader(let name, let reason):
            // `errors` as for a query parameter, so every 400 about the request itself has the same shape.
            return ProblemType.invalidHeader.problem(
                detail: "Header \(name) \(reason).",
                extensions: [("errors", Self.errorsJSON([("", "invalidHeader", "\(name): \(reason)")]))]
            )
        case .duplicateSubmission(let existing):
            return ProblemType.duplicateSubmission.problem(
                detail: "A submission for this client, questionnaire, respondent and session exists: \(existing). "
                    + "Send \"supersedes\": true to replace it.",
                extensions: [("existing", ProblemDetails.quoted(existing))]
            )
        case .idempotencyKeyReused:
            return ProblemType.idempotencyKeyReused.problem(
                detail: "This Idempotency-Key was already used with a different request body."
            )
        case .idempotencyKeyErased:
            return ProblemType.idempotencyKeyErased.problem(
                detail: "This Idempotency-Key belongs to data that was erased; it will not be stored again."
            )
        case .databaseBusy:
            return ProblemType.databaseBusy.problem(
                detail: "The database is locked by another process; nothing was changed. Retry shortly.",
                headers: ["Retry-After": "1"]
            )
        case .unavailable:
            return ProblemType.unavailable.problem(
                detail: "The database is unavailable; retry later.",
                headers: ["Retry-After": "1"]
            )
        }
    }

    /// `[{"pointer": …, "code": …, "detail": …}]`.
    static func errorsJSON(_ entries: [(pointer: String, code: String, detail: String)]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for entry in entries {
            writer.beginObject()
            writer.key("pointer")
            writer.string(entry.pointer)
            writer.key("code")
            writer.string(entry.code)
            writer.key("detail")
            writer.string(entry.detail)
            writer.endObject()
        }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

extension APIError {
    /// The API meaning of a store failure. Database faults are not the client's: they stay opaque 5xx.
    static func from(_ error: StoreError, resource: String) -> any Error {
        switch error {
        case .invalid(let field, let reason):
            return APIError.invalidFields([JSONProblem(pointer: "/" + field, code: .invalidValue, message: reason)])
        case .notFound(let what): return APIError.notFound(resource: what.rawValue)
        case .conflict: return APIError.conflict("That \(resource) already exists.")
        case .closed: return APIError.unavailable
        case .busy: return APIError.databaseBusy
        case .schemaTooNew, .database: return error
        }
    }
}
