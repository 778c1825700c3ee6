public import AttuneCore
internal import AttuneJSON

extension AttuneClient {
    /// `GET /v1/questionnaires`: the built-in instruments and the practice's own definitions.
    public func questionnaires() async throws(AttuneClientError) -> [QuestionnaireSummary] {
        let response = try await send(Call(method: .get, path: "/v1/questionnaires"))
        return try Self.page(QuestionnaireSummary.self, "questionnaires", isPaged: false, response).items
    }

    /// `GET /v1/questionnaires/{id}`: the latest version, revalidated against the cached copy with
    /// `If-None-Match` (a `304` costs no body and no decoding).
    public func questionnaire(_ id: String) async throws(AttuneClientError) -> FetchedQuestionnaire {
        try await fetchDefinition(Self.path("/v1/questionnaires", id), immutable: false)
    }

    /// `GET /v1/questionnaires/{id}/versions/{version}`: a published version, which never changes, so
    /// a cached copy is returned without a request.
    public func questionnaire(_ id: String, version: Int) async throws(AttuneClientError) -> FetchedQuestionnaire {
        guard version >= 1 else { throw .invalidArgument("a version is 1 or more") }
        return try await fetchDefinition(
            Self.path("/v1/questionnaires", id, "versions", String(version)),
            immutable: true
        )
    }

    /// Forgets every cached definition.
    public func clearQuestionnaireCache() { cache.removeAll() }

    /// `POST /v1/questionnaires` (admin): publishes a new definition or a new version of one; retried
    /// safely under one `Idempotency-Key`.
    public func publish(
        _ definition: QuestionnaireDefinition,
        idempotencyKey: IdempotencyKey? = .generate()
    ) async throws(AttuneClientError) -> FetchedQuestionnaire {
        let call = Call(
            method: .post,
            path: "/v1/questionnaires",
            body: DefinitionJSON.encode(definition),
            idempotencyKey: idempotencyKey
        )
        let response = try await send(call, expecting: [201])
        let published = try Self.definition(response)
        let etag = response.header("etag")
        cache.store(
            QuestionnaireCache.Entry(definition: published, etag: etag),
            at: try Self.path("/v1/questionnaires", published.id, "versions", String(published.version))
        )
        return FetchedQuestionnaire(definition: published, etag: etag, source: .downloaded)
    }

    private func fetchDefinition(_ path: String, immutable: Bool) async throws(AttuneClientError)
        -> FetchedQuestionnaire
    {
        let cached = cache.entry(path)
        if immutable, let cached {
            return FetchedQuestionnaire(definition: cached.definition, etag: cached.etag, source: .cached)
        }
        var call = Call(method: .get, path: path)
        if let etag = cached?.etag { call.headers.append(("If-None-Match", etag)) }
        let response = try await send(call, expecting: cached?.etag == nil ? [200] : [200, 304])
        if response.status == 304, let cached {
            return FetchedQuestionnaire(definition: cached.definition, etag: cached.etag, source: .revalidated)
        }
        let definition = try Self.definition(response)
        let etag = response.header("etag")
        cache.store(QuestionnaireCache.Entry(definition: definition, etag: etag), at: path)
        return FetchedQuestionnaire(definition: definition, etag: etag, source: .downloaded)
    }

    static func definition(_ response: TransportResponse) throws(AttuneClientError) -> QuestionnaireDefinition {
        let value = try json(response)
        do {
            return try DefinitionJSON.decode(value)
        } catch {
            throw .invalidResponse(
                status: response.status,
                reason: WireDecodingError.invalid(error.problems).description
            )
        }
    }

    static func page<R: WireResource>(
        _ type: R.Type,
        _ member: String,
        isPaged: Bool,
        _ response: TransportResponse
    ) throws(AttuneClientError) -> ResourcePage<R> {
        let value = try json(response)
        do {
            return try ResourcePage<R>.decode(value, member: member, isPaged: isPaged)
        } catch {
            throw .invalidResponse(status: response.status, reason: error.description)
        }
    }
}
