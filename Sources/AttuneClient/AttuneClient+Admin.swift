public import AttuneCore
internal import AttuneJSON

extension AttuneClient {
    /// `GET /v1/therapists` (admin, supervisor); deactivated therapists too when asked.
    public func therapists(includeDeactivated: Bool = false) async throws(AttuneClientError) -> [TherapistResource] {
        let query: [(name: String, value: String)] = includeDeactivated ? [("deactivated", "true")] : []
        let response = try await send(Call(method: .get, path: "/v1/therapists", query: query))
        return try Self.page(TherapistResource.self, "therapists", isPaged: false, response).items
    }

    /// `GET /v1/therapists/{id}` (a clinician key: only its own).
    public func therapist(_ id: String) async throws(AttuneClientError) -> TherapistResource {
        try await resource(TherapistResource.self, Call(method: .get, path: Self.path("/v1/therapists", id)))
    }

    /// `POST /v1/therapists` (admin): registers a therapist id; retried safely under one key.
    public func createTherapist(_ id: String, idempotencyKey: IdempotencyKey? = .generate())
        async throws(AttuneClientError) -> TherapistResource
    {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.endObject()
        let call = Call(method: .post, path: "/v1/therapists", body: writer.bytes, idempotencyKey: idempotencyKey)
        return try await resource(TherapistResource.self, call, expecting: [201])
    }

    /// `DELETE /v1/therapists/{id}` (admin): deactivates a therapist; its clinician keys are revoked and
    /// its history stays. `POST /v1/therapists` with the same id reactivates it.
    public func deactivateTherapist(_ id: String) async throws(AttuneClientError) -> TherapistDeactivationResource {
        try await resource(
            TherapistDeactivationResource.self,
            Call(method: .delete, path: Self.path("/v1/therapists", id))
        )
    }

    /// `GET /v1/keys` (admin): the practice's keys, revoked ones too when asked.
    public func keys(includeRevoked: Bool = false) async throws(AttuneClientError) -> [KeyResource] {
        let call = Call(method: .get, path: "/v1/keys", query: includeRevoked ? [("revoked", "true")] : [])
        return try Self.page(KeyResource.self, "keys", isPaged: false, try await send(call)).items
    }

    /// `GET /v1/keys/{id}` (admin).
    public func key(_ id: String) async throws(AttuneClientError) -> KeyResource {
        try await resource(KeyResource.self, Call(method: .get, path: Self.path("/v1/keys", id)))
    }

    /// `POST /v1/keys` (admin): a new key, whose ``KeyResource/secret`` is shown this once.
    ///
    /// Never retried: the server refuses an `Idempotency-Key` here (a replay would have to show the
    /// secret again), so a lost answer leaves a key to revoke, found by its `label`.
    public func createKey(role: KeyRole, therapist: String? = nil, label: String? = nil)
        async throws(AttuneClientError) -> KeyResource
    {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("role")
        writer.string(role.rawValue)
        if let therapist {
            writer.key("therapist")
            writer.string(therapist)
        }
        if let label {
            writer.key("label")
            writer.string(label)
        }
        writer.endObject()
        let call = Call(method: .post, path: "/v1/keys", body: writer.bytes)
        return try await resource(KeyResource.self, call, expecting: [201])
    }

    /// `DELETE /v1/keys/{id}` (admin): revokes a key; it then authenticates nothing.
    public func revokeKey(_ id: String) async throws(AttuneClientError) -> KeyResource {
        try await resource(KeyResource.self, Call(method: .delete, path: Self.path("/v1/keys", id)))
    }

    /// `GET /v1/audit` (admin): the practice's audit trail, paged lazily; `from`/`to` are RFC 3339.
    public func auditEvents(from: String? = nil, to: String? = nil, oldestFirst: Bool = false, pageSize: Int? = nil)
        -> PagedSequence<AuditEventResource>
    {
        var query: [(name: String, value: String)] = []
        if let from { query.append(("from", from)) }
        if let to { query.append(("to", to)) }
        if oldestFirst { query.append(("order", "oldestFirst")) }
        if let pageSize { query.append(("limit", String(pageSize))) }
        let base = query
        return PagedSequence { cursor throws(AttuneClientError) in
            var call = Call(method: .get, path: "/v1/audit", query: base)
            if let cursor { call.query.append(("cursor", cursor)) }
            return try Self.page(AuditEventResource.self, "events", isPaged: true, try await self.send(call))
        }
    }
}
