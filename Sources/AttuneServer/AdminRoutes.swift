internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import HTTPServer

/// `/v1/therapists` and `/v1/keys`: the practice's people and credentials.
enum AdminRoutes {
    static func register(in router: inout Router, api: APIContext) {
        router.onDeferred(.post, "/v1/therapists") { request, responder in
            do {
                let key = try api.authorize(request, roles: [.admin])
                var body = try api.jsonBody(of: request)
                let id = body.required("id", .string)
                let problems = body.finish()
                guard problems.isEmpty, let id else { throw APIError.invalidFields(problems) }
                let idempotency = try IdempotencyHeader.claim(for: request, body: try api.jsonValue(of: request)).map {
                    claim in
                    IdempotentWrite<Therapist>(claim: claim) { therapist in
                        IdempotentResponse(status: 201, body: therapistBody(therapist), resourceID: therapist.id)
                    }
                }
                api.store.createTherapist(
                    practiceID: key.practiceID,
                    id: id,
                    actor: AuditActor(key: key),
                    idempotency: idempotency
                ) { result in
                    responder.complete(result, resource: "therapist", locationPrefix: "/v1/therapists/") { therapist in
                        .created(therapistBody(therapist), location: "/v1/therapists/" + therapist.id)
                    }
                }
            } catch {
                responder.fail(error)
            }
        }
        router.get("/v1/me") { request in
            let key = try api.authorize(request, roles: Set(Role.allCases))
            let identity = KeyIdentity(
                id: key.id,
                role: KeyRole(rawValue: key.role.rawValue),
                practice: key.practiceID,
                therapist: key.therapistID
            )
            return .uncached(identity.jsonBytes)
        }
        router.get("/v1/therapists") { request in
            let key = try api.authorize(request, roles: [.admin, .supervisor])
            let includeDeactivated = try flag("deactivated", in: request)
            // Deactivated therapists stay stored (their history is kept) but are listed only on request.
            let therapists = try api.read("therapist") { try api.store.therapists(practiceID: key.practiceID) }
                .filter { includeDeactivated || !$0.isDeactivated }
            return .uncached(ModelJSON.list("therapists", therapists, write: ModelJSON.write))
        }
        router.get("/v1/therapists/{id}") { request in
            let key = try api.authorize(request, roles: [.admin, .supervisor, .clinician])
            let id = request.pathParameters["id"] ?? ""
            // A clinician sees only their own therapist record; anything else is "not found", not "forbidden".
            if key.role == .clinician && key.therapistID != id { throw APIError.notFound(resource: "therapist") }
            let therapist = try api.read("therapist") { try api.store.therapist(practiceID: key.practiceID, id: id) }
            // A deactivated therapist is no longer a resource; it is listed with `?deactivated=true`.
            guard let therapist, !therapist.isDeactivated else { throw APIError.notFound(resource: "therapist") }
            return .uncached(ModelJSON.object { ModelJSON.write(therapist, into: &$0) })
        }
        router.onDeferred(.delete, "/v1/therapists/{id}") { request, responder in
            do {
                let key = try api.authorize(request, roles: [.admin])
                let id = request.pathParameters["id"] ?? ""
                api.store.deactivateTherapist(practiceID: key.practiceID, id: id, actor: AuditActor(key: key)) {
                    result in
                    if case .success(let deactivation) = result {
                        for keyID in deactivation.revokedKeyIDs { api.keys.evict(keyID: keyID) }
                    }
                    responder.complete(result, resource: "therapist") { deactivation in
                        .uncached(
                            ModelJSON.object { writer in
                                writeDeactivation(deactivation, into: &writer)
                            }
                        )
                    }
                }
            } catch {
                responder.fail(error)
            }
        }
        registerKeys(in: &router, api: api)
    }

    /// The therapist with `deactivatedAt`, and `revokedKeys`: the clinician keys its deactivation revoked.
    private static func writeDeactivation(_ deactivation: TherapistDeactivation, into writer: inout JSONWriter) {
        TherapistDeactivationResource(
            therapist: TherapistResource(
                id: deactivation.therapist.id,
                createdAt: ModelJSON.date(deactivation.therapist.createdAt),
                deactivatedAt: deactivation.therapist.deactivatedAt.map(ModelJSON.date)
            ),
            revokedKeys: deactivation.revokedKeyIDs
        ).write(into: &writer)
    }

    /// A `true`/`false` query parameter, false when absent.
    static func flag(_ name: String, in request: HTTPRequest) throws -> Bool {
        var value = false
        for item in request.queryItems where item.name == name {
            switch item.value {
            case "true": value = true
            case "false": value = false
            default: throw APIError.invalidQuery(parameter: name, reason: "must be true or false")
            }
        }
        return value
    }

    /// A therapist as `POST /v1/therapists` answers it (and its replays).
    private static func therapistBody(_ therapist: Therapist) -> [UInt8] {
        ModelJSON.object { ModelJSON.write(therapist, into: &$0) }
    }

    private static func registerKeys(in router: inout Router, api: APIContext) {
        router.onDeferred(.post, "/v1/keys") { request, responder in
            do {
                let key = try api.authorize(request, roles: [.admin])
                try IdempotencyHeader.refuse(
                    on: request,
                    because: "is not accepted here: a replay would have to show the key's secret, which is never stored"
                )
                var body = try api.jsonBody(of: request)
                let role = body.required(
                    "role",
                    JSONField<String>.string.map(expected: "one of admin, intake, clinician, supervisor, submit") {
                        Role(rawValue: $0)
                    }
                )
                let therapist = body.optional("therapist", .string)
                let label = body.optional("label", .string)
                let problems = body.finish()
                guard problems.isEmpty, let role else { throw APIError.invalidFields(problems) }
                let new = NewAPIKey(role: role, therapistID: therapist, label: label)
                api.store.createKey(practiceID: key.practiceID, new, actor: AuditActor(key: key)) { result in
                    // The therapist is a field of the body: an unknown one (or another practice's, alike) is a 422.
                    if case .failure(.notFound(.therapist)) = result {
                        responder.fail(APIError.noSuchTherapist)
                        return
                    }
                    responder.complete(result, resource: "key") { created in
                        .created(
                            ModelJSON.object { ModelJSON.write(created.key, token: created.token, into: &$0) },
                            location: "/v1/keys/" + created.key.id
                        )
                    }
                }
            } catch {
                responder.fail(error)
            }
        }
        router.get("/v1/keys") { request in
            let key = try api.authorize(request, roles: [.admin])
            var includeRevoked = false
            for item in request.queryItems where item.name == "revoked" {
                switch item.value {
                case "true": includeRevoked = true
                case "false": includeRevoked = false
                default: throw APIError.invalidQuery(parameter: "revoked", reason: "must be true or false")
                }
            }
            // Revoked keys stay in the store (and the audit trail) but are listed only on request.
            let keys = try api.read("key") { try api.store.keys(practiceID: key.practiceID) }
                .filter { includeRevoked || !$0.isRevoked }
            return .uncached(ModelJSON.list("keys", keys) { ModelJSON.write($0, into: &$1) })
        }
        router.get("/v1/keys/{id}") { request in
            let key = try api.authorize(request, roles: [.admin])
            let id = request.pathParameters["id"] ?? ""
            let found = try api.read("key") { try api.store.key(practiceID: key.practiceID, id: id) }
            // A revoked key no longer exists as a resource; its history stays in the audit trail.
            guard let found, !found.isRevoked else { throw APIError.notFound(resource: "key") }
            return .uncached(ModelJSON.object { ModelJSON.write(found, into: &$0) })
        }
        router.onDeferred(.delete, "/v1/keys/{id}") { request, responder in
            do {
                let key = try api.authorize(request, roles: [.admin])
                let id = request.pathParameters["id"] ?? ""
                api.store.revokeKey(practiceID: key.practiceID, id: id, actor: AuditActor(key: key)) { result in
                    if case .success = result { api.keys.evict(keyID: id) }
                    responder.complete(result, resource: "key") { revoked in
                        .uncached(ModelJSON.object { ModelJSON.write(revoked, into: &$0) })
                    }
                }
            } catch {
                responder.fail(error)
            }
        }
    }
}

extension Responder {
    /// Answers a store completion: `success` builds the response, a failure maps through `APIError.from`.
    func complete<T>(_ result: Result<T, StoreError>, resource: String, success: (T) -> HTTPResponse) {
        switch result {
        case .success(let value): respond(success(value))
        case .failure(let error): fail(APIError.from(error, resource: resource))
        }
    }
}

/// Percent-encodes a path segment for `Location` headers (RFC 3986 §3.3 pchar minus sub-delims we avoid).
enum PathEncoding {
    static func segment(_ text: String) -> String {
        var out = ""
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
}
