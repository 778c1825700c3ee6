internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import HTTPServer

/// `/v1/clients`: the attention list, and the erasure of a client.
enum ClientRoutes {
    static func register(in router: inout Router, api: APIContext) {
        router.onDeferred(.delete, "/v1/clients/{client}") { request, responder in
            do {
                let key = try api.authorize(request, roles: [.admin])
                let client = request.pathParameters["client"] ?? ""
                // An id that could never have been stored names no client: the same 404 as an erased one.
                guard (try? Validation.pseudonymousID(client, field: "client")) != nil else {
                    throw APIError.notFound(resource: "client")
                }
                api.store.eraseClient(practiceID: key.practiceID, clientID: client, actor: AuditActor(key: key)) {
                    result in
                    responder.complete(result, resource: "client") { _ in
                        HTTPResponse(status: .noContent, headers: ["Cache-Control": "no-store"])
                    }
                }
            } catch {
                responder.fail(error)
            }
        }
        registerList(in: &router, api: api)
    }

    static func registerList(in router: inout Router, api: APIContext) {}
}
