internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import HTTPServer

/// `/v1/questionnaires`: built-in and practice definitions, served as pre-encoded bytes with strong ETags.
enum QuestionnaireRoutes {
    /// The list: every role but `submit`, which reads only the definitions its form renders.
    static let readers: Set<Role> = [.admin, .intake, .clinician, .supervisor]
    /// A definition is not clinical data, and a browser form needs it to render: `submit` keys read it.
    static let definitionReaders: Set<Role> = readers.union([.submit])

    static func register(in router: inout Router, api: APIContext) {
        router.get("/v1/questionnaires") { request in
            let key = try api.authorize(request, roles: readers)
            let own = try api.read("questionnaire") { try api.store.questionnaires(practiceID: key.practiceID) }
            let builtIns = api.catalog.builtIns.values.map(\.definition).sorted { $0.id < $1.id }
            var writer = JSONWriter(reservingCapacity: 256 * (builtIns.count + own.count))
            writer.beginObject()
            writer.key("questionnaires")
            writer.beginArray()
            for definition in builtIns {
                summary(definition.id, definition.version, definition.title, definition.respondent, true, &writer)
            }
            for stored in own { summary(stored.id, stored.version, stored.title, stored.respondent, false, &writer) }
            writer.endArray()
            writer.endObject()
            return .uncached(writer.bytes)
        }
        // Adaptive: a cached key and a built-in (the common case for an intake tablet) never leave the I/O queue.
        router.on(.get, "/v1/questionnaires/{id}", execution: .adaptive) { request in
            try api.authorize(request, roles: definitionReaders) { key in
                let id = request.pathParameters["id"] ?? ""
                let published = try api.definitions.latest(
                    practice: key.practiceID,
                    id: id,
                    mayBlock: request.mayBlock
                )
                guard let published else { throw APIError.notFound(resource: "questionnaire") }
                return conditional(request, published, caching: .revalidate)
            }
        }
        router.on(.get, "/v1/questionnaires/{id}/versions/{version}", execution: .adaptive) { request in
            try api.authorize(request, roles: definitionReaders) { key in
                let id = request.pathParameters["id"] ?? ""
                guard let version = request.pathParameters["version"].flatMap({ Int($0) }), version >= 1 else {
                    throw APIError.notFound(resource: "questionnaire version")
                }
                let published = try api.definitions.version(
                    practice: key.practiceID,
                    id: id,
                    version: version,
                    mayBlock: request.mayBlock
                )
                guard let published else { throw APIError.notFound(resource: "questionnaire version") }
                return conditional(request, published, caching: .immutable)
            }
        }
        router.onDeferred(.post, "/v1/questionnaires") { request, responder in
            do {
                let key = try api.authorize(request, roles: [.admin])
                let value = try api.jsonValue(of: request)
                let definition = try decodeDefinition(value, api: api)
                let document = DefinitionJSON.encode(definition)
                let new = NewQuestionnaireVersion(
                    id: definition.id,
                    version: definition.version,
                    title: definition.title,
                    respondent: definition.respondent,
                    document: document
                )
                let published = PublishedQuestionnaire(definition: definition, isBuiltIn: false)
                let location = "/v1/questionnaires/\(definition.id)/versions/\(definition.version)"
                let idempotency = try IdempotencyHeader.claim(for: request, body: value).map { claim in
                    IdempotentWrite<StoredQuestionnaire>(claim: claim) { stored in
                        IdempotentResponse(
                            status: 201,
                            body: published.bytes,
                            resourceID: "\(stored.id)/versions/\(stored.version)"
                        )
                    }
                }
                api.store.createQuestionnaireVersion(
                    practiceID: key.practiceID,
                    new,
                    actor: AuditActor(key: key),
                    idempotency: idempotency
                ) { result in
                    // Same key, same request: the same definition, so the same bytes and ETag.
                    responder.complete(
                        result,
                        resource: "questionnaire version",
                        locationPrefix: "/v1/questionnaires/",
                        replayHeaders: ["ETag": published.etag]
                    ) { _ in
                        api.catalog.remember(published, practice: key.practiceID)
                        var response = HTTPResponse.created(published.bytes, location: location)
                        response.headers["ETag"] = published.etag
                        return response
                    }
                }
            } catch {
                responder.fail(error)
            }
        }
    }

    /// Strict decoding, then every semantic problem at once; built-in ids are reserved.
    private static func decodeDefinition(_ value: JSONValue, api: APIContext) throws -> QuestionnaireDefinition {
        let definition: QuestionnaireDefinition
        do {
            definition = try DefinitionJSON.decode(value)
        } catch {
            throw APIError.invalidFields(error.problems)
        }
        var problems = definition.validate().map(\.asJSONProblem)
        if BuiltInInstruments.isReserved(definition.id) {
            problems.insert(
                JSONProblem(pointer: "/id", code: .init(rawValue: "reservedID"), message: "is a built-in instrument"),
                at: 0
            )
        }
        guard problems.isEmpty else { throw APIError.invalidFields(problems) }
        return definition
    }

    private static func summary(
        _ id: String,
        _ version: Int,
        _ title: String,
        _ respondent: Respondent,
        _ builtIn: Bool,
        _ writer: inout JSONWriter
    ) {
        QuestionnaireSummary(id: id, version: version, title: title, respondent: respondent, builtIn: builtIn)
            .write(into: &writer)
    }

    /// 200 with the bytes, or 304 when `If-None-Match` already names this representation (RFC 9110 §13.1.2).
    /// The fields come pre-encoded from `published`: this runs on the I/O queue for every read.
    static func conditional(
        _ request: HTTPRequest,
        _ published: PublishedQuestionnaire,
        caching: PublishedQuestionnaire.Caching
    ) -> HTTPResponse {
        if let condition = request.headers["If-None-Match"], ETagMatching.matches(condition, published.etag) {
            return HTTPResponse(
                status: .notModified,
                encodedHeaders: published.headerFields(caching, notModified: true)
            )
        }
        return HTTPResponse(
            status: .ok,
            encodedHeaders: published.headerFields(caching, notModified: false),
            body: published.bytes
        )
    }
}

/// `If-None-Match` evaluation: `*` or a list of entity tags, compared weakly (RFC 9110 §13.1.2).
enum ETagMatching {
    static func matches(_ header: String, _ etag: String) -> Bool {
        let opaque = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        for candidate in header.split(separator: ",") {
            var tag = candidate.trimmingASCIISpaces()
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            if tag == opaque { return true }
        }
        return false
    }
}

extension ValidationProblem {
    var asJSONProblem: JSONProblem {
        JSONProblem(pointer: pointer, code: JSONProblem.Code(rawValue: code.rawValue), message: message)
    }
}
