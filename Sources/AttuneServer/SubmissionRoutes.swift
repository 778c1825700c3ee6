internal import AttuneCore
internal import AttuneStore
internal import Foundation
internal import HTTPServer

/// `/v1/submissions`: validated, scored and stored durably; read back by id or as a filtered, paged list.
enum SubmissionRoutes {
    static let writers: Set<Role> = [.admin, .intake, .submit]
    static let readers: Set<Role> = [.admin, .intake, .supervisor, .clinician]

    static func register(in router: inout Router, api: APIContext) {
        router.onDeferred(.post, "/v1/submissions") { request, responder in
            do {
                try create(request, api: api, responder: responder)
            } catch {
                responder.fail(error)
            }
        }
        router.get("/v1/submissions/{id}") { request in
            let key = try api.authorize(request, roles: readers)
            let id = request.pathParameters["id"] ?? ""
            let stored = try api.read("submission") {
                try api.store.submission(
                    practiceID: key.practiceID,
                    id: id,
                    therapistScope: key.role == .clinician ? key.therapistID ?? "" : nil,
                    auditAs: AuditActor(key: key)
                )
            }
            guard let stored else { throw APIError.notFound(resource: "submission") }
            var writer = JSONWriter(reservingCapacity: 1024)
            write(stored, into: &writer)
            return .uncached(writer.bytes)
        }
        router.get("/v1/submissions") { request in
            let key = try api.authorize(request, roles: readers)
            let query = try SubmissionListing.query(from: request, key: key)
            let page = try api.query("submission") {
                try api.store.submissions(practiceID: key.practiceID, query: query, auditAs: AuditActor(key: key))
            }
            return SubmissionListing.response(page, request: request)
        }
    }

    /// With an `Idempotency-Key`, claims the key first, so a retry is answered from the record even when
    /// the request would no longer validate (a newer "latest" version); then validates, scores and writes.
    /// The response goes out only after the commit.
    private static func create(_ request: HTTPRequest, api: APIContext, responder: Responder) throws {
        let key = try api.authorize(request, roles: writers)
        guard let idempotencyKey = try idempotencyKey(of: request) else {
            try validateAndWrite(request, key: key, idempotencyKey: nil, api: api, responder: responder)
            return
        }
        let practice = key.practiceID
        api.store.beginIdempotent(practiceID: practice, key: idempotencyKey, requestHash: sha256Hex(request.body)) {
            result in
            switch result {
            case .success(.new):
                do {
                    try validateAndWrite(
                        request,
                        key: key,
                        idempotencyKey: idempotencyKey,
                        api: api,
                        responder: responder
                    )
                } catch {
                    // Refused before the write: release the claim so a corrected retry can use the key.
                    api.store.abandonIdempotent(practiceID: practice, key: idempotencyKey) { _ in }
                    responder.fail(error)
                }
            case .success(.replay(let first)):
                responder.respond(replay(first))
            case .success(.mismatch):
                responder.fail(APIError.idempotencyKeyReused)
            case .success(.inFlight):
                responder.fail(APIError.idempotencyKeyInFlight)
            case .failure(let error):
                responder.fail(APIError.from(error, resource: "submission"))
            }
        }
    }

    /// The first answer again, byte for byte.
    private static func replay(_ first: IdempotentResponse) -> HTTPResponse {
        var response = HTTPResponse.uncached(first.body, status: HTTPStatus(code: first.status))
        if let resource = first.resourceID { response.headers["Location"] = "/v1/submissions/" + resource }
        response.headers["Idempotent-Replayed"] = "true"
        return response
    }

    private static func validateAndWrite(
        _ request: HTTPRequest,
        key: APIKey,
        idempotencyKey: String?,
        api: APIContext,
        responder: Responder
    ) throws {
        let posted: PostedSubmission
        let requestBody = try api.jsonBytes(of: request)
        do {
            posted = try SubmissionJSON.decode(body: requestBody)
        } catch {
            switch error {
            case .malformed(let error): throw APIError.malformedJSON(error)
            case .invalid(let problems): throw APIError.invalidFields(problems.problems)
            }
        }
        let published = try definition(
            questionnaire: posted.questionnaire,
            version: posted.version,
            practice: key.practiceID,
            api: api
        )
        // The compiled plan: answers are hashed once, into item positions, and never again.
        let plan = published.plan
        let definition = plan.definition
        let sheet = plan.answerSheet(posted.answers)
        let result = plan.score(sheet)
        let problems = plan.validate(posted, sheet: sheet, scores: result)
        guard problems.isEmpty else { throw APIError.invalidFields(problems.map(\.asJSONProblem)) }

        let id = NewID.submission()
        let receivedAt = Date()
        let answers = plan.encodeAnswers(sheet)
        let scores = plan.encodeScores(result)
        let alerts = SubmissionJSON.encodeAlerts(result.alerts)
        let alertCount = result.alerts.count
        let envelope = SubmissionJSON.Envelope(
            id: id,
            questionnaire: definition.id,
            version: definition.version,
            client: posted.client,
            therapist: posted.therapist,
            respondent: posted.respondent,
            session: posted.session,
            date: posted.date,
            receivedAt: ModelJSON.date(receivedAt)
        )
        var writer = JSONWriter(reservingCapacity: 1024)
        SubmissionJSON.write(envelope, answers: answers, scores: scores, alerts: alerts, into: &writer)
        let body = writer.bytes
        let new = NewSubmission(
            id: id,
            clientID: posted.client,
            therapistID: posted.therapist,
            questionnaireID: definition.id,
            version: definition.version,
            respondent: posted.respondent,
            session: posted.session,
            date: posted.date,
            receivedAt: receivedAt,
            answers: answers,
            scores: scores,
            alerts: alerts,
            supersedes: posted.supersedes
        )
        let idempotency = idempotencyKey.map { key in
            IdempotencyCompletion(key: key, requestHash: sha256Hex(request.body), status: 201, responseBody: body)
        }
        api.store.createSubmission(
            practiceID: key.practiceID,
            new,
            idempotency: idempotency,
            actor: AuditActor(key: key)
        ) { result in
            switch result {
            case .success(.created):
                api.metrics.recordSubmission(alerts: alertCount)
                responder.respond(.created(body, location: "/v1/submissions/" + id))
            case .success(.replay(let first)):
                responder.respond(replay(first))
            case .success(.conflict(let existing)):
                responder.fail(APIError.duplicateSubmission(existingID: existing))
            case .success(.idempotencyMismatch):
                responder.fail(APIError.idempotencyKeyReused)
            case .failure(let error):
                // Nothing was written: release a claimed key so the retry is judged afresh.
                if let idempotencyKey {
                    api.store.abandonIdempotent(practiceID: key.practiceID, key: idempotencyKey) { _ in }
                }
                if case .notFound("therapist") = error {
                    // Therapists are registered first (POST /v1/therapists): a typo must not create orphan data.
                    responder.fail(APIError.noSuchTherapist)
                } else {
                    responder.fail(APIError.from(error, resource: "submission"))
                }
            }
        }
    }

    /// The definition the submission names: an unknown questionnaire or version is a field problem (422).
    private static func definition(
        questionnaire: String,
        version: Int?,
        practice: String,
        api: APIContext
    ) throws -> PublishedQuestionnaire {
        let resolver = api.definitions
        if let version {
            if let found = try resolver.version(
                practice: practice,
                id: questionnaire,
                version: version,
                mayBlock: true
            ) {
                return found
            }
            let known = try resolver.latest(practice: practice, id: questionnaire, mayBlock: true) != nil
            throw APIError.invalidFields([
                known
                    ? JSONProblem(
                        pointer: "/version",
                        code: .invalidValue,
                        message: "no such version of this questionnaire"
                    )
                    : JSONProblem(pointer: "/questionnaire", code: .invalidValue, message: "no such questionnaire")
            ])
        }
        guard let latest = try resolver.latest(practice: practice, id: questionnaire, mayBlock: true) else {
            throw APIError.invalidFields([
                JSONProblem(pointer: "/questionnaire", code: .invalidValue, message: "no such questionnaire")
            ])
        }
        return latest
    }

    /// `Idempotency-Key`: 1–255 visible ASCII characters, or absent.
    private static func idempotencyKey(of request: HTTPRequest) throws -> String? {
        guard let value = request.headers["Idempotency-Key"] else { return nil }
        guard (1...255).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw APIError.invalidHeader(name: "Idempotency-Key", reason: "must be 1 to 255 visible ASCII characters")
        }
        return value
    }

    /// A stored submission as the API shows it.
    static func write(_ stored: StoredSubmission, into writer: inout JSONWriter) {
        let envelope = SubmissionJSON.Envelope(
            id: stored.id,
            questionnaire: stored.questionnaireID,
            version: stored.version,
            client: stored.clientID,
            therapist: stored.therapistID,
            respondent: stored.respondent,
            session: stored.session,
            date: stored.date,
            receivedAt: ModelJSON.date(stored.receivedAt),
            supersededBy: stored.supersededBy
        )
        SubmissionJSON.write(
            envelope,
            answers: stored.answers,
            scores: stored.scores,
            alerts: stored.alerts,
            into: &writer
        )
    }
}
