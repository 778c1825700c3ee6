internal import AttuneCore
public import AttuneJSON

/// What can go wrong in an API request, independent of how HTTP says it (mapped in `Problem+Mapping.swift`).
public enum APIError: Error, Sendable {
    /// No usable bearer token; `offered` is whether one was sent at all.
    case unauthenticated(offered: Bool)
    /// The key's role may not call this endpoint.
    case forbidden(role: String)
    /// The resource doesn't exist in the caller's practice (or exists in another one: same answer).
    case notFound(resource: String)
    /// The body isn't JSON at all.
    case malformedJSON(JSONError)
    /// The body is JSON but some fields are wrong; every problem, each with a pointer.
    case invalidFields([JSONProblem])
    /// A query parameter is wrong.
    case invalidQuery(parameter: String, reason: String)
    /// The resource to create exists already; the detail says which.
    case conflict(String)
    /// The content type isn't JSON.
    case unsupportedMediaType
    /// The key exceeded its rate; retry after the given whole seconds.
    case rateLimited(retryAfter: Int)
    /// The store is unavailable.
    case unavailable
    /// The database stayed locked by another process past the busy timeout; nothing was changed.
    case databaseBusy
    /// A header is malformed.
    case invalidHeader(name: String, reason: String)
    /// A current submission exists for this client, questionnaire, respondent and session.
    case duplicateSubmission(existingID: String)
    /// The `Idempotency-Key` was used before with a different body.
    case idempotencyKeyReused
    /// The `Idempotency-Key` created a submission of a client that has since been erased.
    case idempotencyKeyErased

    /// The body names a therapist the practice has not registered.
    static let noSuchTherapist = APIError.invalidFields([
        JSONProblem(pointer: "/therapist", code: .invalidValue, message: "no such therapist in this practice")
    ])
}
