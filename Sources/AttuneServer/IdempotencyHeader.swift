internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import HTTPServer

/// `Idempotency-Key` on the `POST`s that create something: the claim a retry is matched by, and the
/// replay of the first answer.
enum IdempotencyHeader {
    /// The header's value: 1–255 visible ASCII characters, or absent.
    static func key(of request: HTTPRequest) throws -> String? {
        guard let value = request.headers["Idempotency-Key"] else { return nil }
        guard (1...255).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw APIError.invalidHeader(name: "Idempotency-Key", reason: "must be 1 to 255 visible ASCII characters")
        }
        return value
    }

    /// The claim for a request with `body` (its parsed JSON), or nil without the header.
    ///
    /// Requests are compared by meaning, not bytes: the hash covers the method, the path and the
    /// body's RFC 8785 canonical form, so the same JSON with other whitespace, member order or
    /// number spelling is the same request, and the same body sent to another endpoint is not.
    static func claim(for request: HTTPRequest, body: @autoclosure () throws -> JSONValue) throws -> IdempotencyClaim? {
        guard let key = try key(of: request) else { return nil }
        var material = Array("\(request.method.rawValue) \(request.path)\n".utf8)
        material += try body().canonicalBytes
        return IdempotencyClaim(key: key, requestHash: sha256Hex(material))
    }

    /// Refuses the header where a replay is impossible (`POST /v1/keys`: the answer holds a secret
    /// that is never stored), instead of ignoring it.
    static func refuse(on request: HTTPRequest, because reason: String) throws {
        guard request.headers["Idempotency-Key"] != nil else { return }
        throw APIError.invalidHeader(name: "Idempotency-Key", reason: reason)
    }

    /// The first answer again, byte for byte, marked as a replay; `Location` is `locationPrefix`
    /// followed by the created resource.
    static func replay(_ first: IdempotentResponse, locationPrefix: String) -> HTTPResponse {
        var response = HTTPResponse.uncached(first.body, status: HTTPStatus(code: first.status))
        if let resource = first.resourceID { response.headers["Location"] = locationPrefix + resource }
        response.headers["Idempotent-Replayed"] = "true"
        return response
    }
}

extension Responder {
    /// Answers an idempotent store write: the created value through `success`, a replay as the first
    /// answer, a reused key as 422, a failure through `APIError.from`.
    func complete<T: Sendable>(
        _ result: Result<IdempotentOutcome<T>, StoreError>,
        resource: String,
        locationPrefix: String,
        replayHeaders: HTTPHeaders = [:],
        success: (T) -> HTTPResponse
    ) {
        switch result {
        case .success(.done(let value)): respond(success(value))
        case .success(.replay(let first)):
            var response = IdempotencyHeader.replay(first, locationPrefix: locationPrefix)
            for field in replayHeaders { response.headers[field.name] = field.value }
            respond(response)
        case .success(.mismatch): fail(APIError.idempotencyKeyReused)
        case .failure(let error): fail(APIError.from(error, resource: resource))
        }
    }
}
