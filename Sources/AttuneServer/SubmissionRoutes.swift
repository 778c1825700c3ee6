internal import AttuneCore
internal import AttuneJSON
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

    /// Decodes, checks, scores and stores a submission; the response goes out only after the commit.
    ///
    /// The submission is checked and scored on the worker; the store's one transaction then looks up
    /// the `Idempotency-Key`'s record (if one was sent), decides supersession and writes the
    /// submission, its audit events and the key's record together: one commit. A retry is answered
    /// from the record even when its body would no longer validate (a newer latest version), and a
    /// concurrent duplicate waits for the first request's commit and replays it.
    private static func create(_ request: HTTPRequest, api: APIContext, responder: Responder) throws {
        let key = try api.authorize(request, roles: writers)
        let idempotencyKey = try IdempotencyHeader.key(of: request)
        let body = try api.jsonBytes(of: request)
        let posted: PostedSubmission
        do {
            posted = try SubmissionJSON.decode(body: body)
        } catch {
            switch error {
            case .malformed(let error): throw APIError.malformedJSON(error)
            case .invalid(let problems): throw APIError.invalidFields(problems.problems)
            }
        }
        let plan = try definition(
            questionnaire: posted.questionnaire,
            version: posted.version,
            practice: key.practiceID,
            api: api
        ).plan
        // Checked and scored here, on the worker, whether or not a key was sent: the store's writer
        // then only decides and writes. With a key, the store looks the key up first, in the same
        // transaction, so a refusal computed here is answered only when the key is new.
        let claim =
            try idempotencyKey.map { _ in
                // The body decoded above, so it is one strict JSON text.
                try IdempotencyHeader.claim(for: request, body: try api.jsonValue(of: request))
            } ?? nil
        let prepared: PreparedSubmission?
        let refusal: APIError?
        do {
            prepared = try Self.prepare(posted, plan: plan)
            refusal = nil
        } catch {
            // Without a key there is no earlier answer to look up: a refusal needs no store at all.
            guard claim != nil else { throw error }
            prepared = nil
            refusal = error
        }
        let prepare: @Sendable () -> PreparedSubmission? = { prepared }
        api.store.createSubmission(
            practiceID: key.practiceID,
            idempotency: claim,
            actor: AuditActor(key: key),
            prepare: prepare
        ) { result in
            switch result {
            case .success(.created(let stored, _)):
                api.metrics.recordSubmission(alerts: prepared?.alertCount ?? 0)
                responder.respond(.created(prepared?.responseBody ?? [], location: "/v1/submissions/" + stored.id))
            case .success(.replay(let first)):
                responder.respond(IdempotencyHeader.replay(first, locationPrefix: "/v1/submissions/"))
            case .success(.conflict(let existing)):
                responder.fail(APIError.duplicateSubmission(existingID: existing))
            case .success(.idempotencyMismatch):
                responder.fail(APIError.idempotencyKeyReused)
            case .success(.refused):
                responder.fail(refusal ?? APIError.unavailable)
            case .failure(.notFound(.therapist)):
                // Therapists are registered first (POST /v1/therapists): a typo must not create orphan data.
                responder.fail(APIError.noSuchTherapist)
            case .failure(let error):
                responder.fail(APIError.from(error, resource: "submission"))
            }
        }
    }

    /// Checks and scores a decoded submission against its compiled definition and builds what is
    /// stored and the `201` body: the one place these rules run, whichever path the request takes.
    private static func prepare(_ posted: PostedSubmission, plan: ScoringPlan) throws(APIError) -> PreparedSubmission {
        let definition = plan.definition
        // The compiled plan: answers are hashed once, into item positions, and never again.
        let sheet = plan.answerSheet(posted.answers)
        let result = plan.score(sheet)
        let problems = plan.validate(posted, sheet: sheet, scores: result)
        guard problems.isEmpty else { throw APIError.invalidFields(problems.map(\.asJSONProblem)) }

        let id = NewID.submission()
        let receivedAt = Date()
        let answers = plan.encodeAnswers(sheet)
        let scores = plan.encodeScores(result)
        let alerts = SubmissionJSON.encodeAlerts(result.alerts)
        let flags = SubmissionJSON.encodeFlags(result.flags)
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
        SubmissionJSON.write(envelope, answers: answers, scores: scores, alerts: alerts, flags: flags, into: &writer)
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
            flags: flags,
            supersedes: posted.supersedes
        )
        return PreparedSubmission(submission: new, responseBody: writer.bytes, facts: plan.facts(result, sheet: sheet))
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
            flags: stored.flags ?? SubmissionJSON.noFlags,
            into: &writer
        )
    }
}
