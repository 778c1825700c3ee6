internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import HTTPServer

/// What every API handler needs: the store, authentication with roles, the rate limiter.
struct APIContext: Sendable {
    let store: any Store
    let rateLimiter: RateLimiter
    let keys = KeyCache()
    let catalog: QuestionnaireCatalog
    let metrics: APIMetrics
    var definitions: DefinitionResolver { DefinitionResolver(store: store, catalog: catalog) }

    init(
        store: any Store,
        rateLimiter: RateLimiter,
        metrics: APIMetrics,
        catalog: QuestionnaireCatalog = QuestionnaireCatalog()
    ) {
        self.store = store
        self.rateLimiter = rateLimiter
        self.metrics = metrics
        self.catalog = catalog
    }

    /// The caller's key, if it may call an endpoint open to `roles`; 401, 403 or 429 otherwise.
    func authorize(_ request: HTTPRequest, roles: Set<Role>) throws -> APIKey {
        let key = try authenticate(request)
        try admit(key, roles: roles)
        return key
    }

    /// Authorizes a request of an ``Router/Execution/adaptive`` route and runs `body` with its key, charging
    /// the rate limit once per request: a `body` that asks to run again on a worker
    /// (``Router/RetryOnWorker``) has been charged nothing yet, so the run on the worker pays the one token.
    func authorize<T>(_ request: HTTPRequest, roles: Set<Role>, adaptive body: (APIKey) throws -> T) throws -> T {
        let key = try authenticate(request)
        // On a worker nothing was charged before: pay first, so a limited key causes no database read.
        if request.mayBlock {
            try admit(key, roles: roles)
            return try body(key)
        }
        guard roles.contains(key.role) else {
            try admit(key, roles: roles)
            throw APIError.forbidden(role: key.role.rawValue)
        }
        let result: T
        do {
            result = try body(key)
        } catch let retry as Router.RetryOnWorker {
            throw retry
        } catch {
            try admit(key, roles: roles)
            throw error
        }
        try admit(key, roles: roles)
        return result
    }

    /// The key the request's bearer token names: 401 without one; a key not cached yet sends the request
    /// to a worker (``Router/RetryOnWorker``). Charges nothing.
    private func authenticate(_ request: HTTPRequest) throws -> APIKey {
        do {
            return try lookUpKey(request)
        } catch APIError.unauthenticated(let offered) {
            metrics.recordUnauthenticated()
            throw APIError.unauthenticated(offered: offered)
        }
    }

    private func lookUpKey(_ request: HTTPRequest) throws -> APIKey {
        guard let header = request.headers["Authorization"] else { throw APIError.unauthenticated(offered: false) }
        guard let token = Self.bearerToken(header) else { throw APIError.unauthenticated(offered: true) }
        switch keys.lookup(token: token) {
        case .fresh(let cached):
            return cached
        case .stale(let cached, let refresh):
            if refresh {
                let store = self.store
                keys.refresh(token: token) { try store.authenticate(token: token) }
            }
            return cached
        case .missing:
            // On the I/O queue a database read is not allowed: run again on a worker.
            guard request.mayBlock else { throw Router.RetryOnWorker() }
            guard let found = try read("key", { try store.authenticate(token: token) }) else {
                throw APIError.unauthenticated(offered: true)
            }
            keys.store(found, forToken: token)
            return found
        }
    }

    /// Charges the key's rate limit (429 when spent), then checks its role (403).
    private func admit(_ key: APIKey, roles: Set<Role>) throws {
        if let wait = rateLimiter.check(key: key.id) {
            metrics.recordRateLimited()
            throw APIError.rateLimited(retryAfter: wait)
        }
        guard roles.contains(key.role) else { throw APIError.forbidden(role: key.role.rawValue) }
    }

    /// The token of `Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1; spaces between), or nil.
    /// Works on bytes: this runs for every authenticated request, including those answered on the I/O queue.
    static func bearerToken(_ header: String) -> String? {
        var header = header
        return header.withUTF8 { bytes -> String? in
            let scheme: StaticString = "bearer"
            let schemeLength = scheme.utf8CodeUnitCount
            guard bytes.count > schemeLength, bytes[schemeLength] == UInt8(ascii: " ") else { return nil }
            for index in 0..<schemeLength where bytes[index] | 0x20 != scheme.utf8Start[index] { return nil }
            var start = schemeLength
            while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
            let count = bytes.count - start
            guard count > 0, count <= 256 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        }
    }

    /// The body parsed as a JSON object reader; 415 for another content type, 400 for malformed JSON.
    func jsonBody(of request: HTTPRequest) throws -> JSONObjectReader {
        let reader = JSONObjectReader(try jsonValue(of: request))
        guard reader.isObject else {
            throw APIError.invalidFields([JSONProblem(pointer: "", code: .wrongType, message: "expected an object")])
        }
        return reader
    }

    /// The body parsed strictly as JSON; 415 for another content type, 400 for malformed JSON.
    func jsonValue(of request: HTTPRequest) throws -> JSONValue {
        let body = try jsonBytes(of: request)
        do {
            return try JSONReader().parse(body)
        } catch {
            throw APIError.malformedJSON(error)
        }
    }

    /// The body, unparsed, of a request that says it is JSON (or says nothing); 415 for another content type.
    func jsonBytes(of request: HTTPRequest) throws -> [UInt8] {
        if let type = request.headers["Content-Type"] {
            guard Self.isJSONMediaType(type) else { throw APIError.unsupportedMediaType }
        }
        return request.body
    }

    /// Whether a `Content-Type` value names JSON: `application/json` or `…+json`, any case, parameters ignored.
    private static func isJSONMediaType(_ type: String) -> Bool {
        if case let ascii?? = type.utf8.withContiguousStorageIfAvailable(namesJSON) { return ascii }
        let mediaType = type.split(separator: ";").first.map { $0.trimmingASCIISpaces().lowercased() } ?? ""
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    /// ``isJSONMediaType(_:)`` for an ASCII value, decided on its bytes (the split, trim and Unicode
    /// lowercasing cost more than reading a small body); nil for non-ASCII, which takes the general path.
    /// As there, the media type is the first non-empty `;`-separated part, without spaces and tabs.
    private static func namesJSON(_ value: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard value.allSatisfy({ $0 < 0x80 }) else { return nil }
        var start = value.startIndex
        while start < value.endIndex, value[start] == UInt8(ascii: ";") { start += 1 }
        var end = value[start...].firstIndex(of: UInt8(ascii: ";")) ?? value.endIndex
        while start < end, value[start] == UInt8(ascii: " ") || value[start] == UInt8(ascii: "\t") { start += 1 }
        while start < end, value[end - 1] == UInt8(ascii: " ") || value[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        let mediaType = value[start..<end].lazy.map { $0 | (($0 &- UInt8(ascii: "A")) < 26 ? 0x20 : 0) }
        return mediaType.elementsEqual("application/json".utf8)
            || (mediaType.count >= 5 && mediaType.suffix(5).elementsEqual("+json".utf8))
    }

    /// Runs a store list query: what the store finds invalid (a forged or foreign cursor) is a query
    /// parameter problem (400), not a body problem.
    func query<T>(_ resource: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.invalid(let field, let reason) {
            throw APIError.invalidQuery(parameter: field, reason: reason)
        } catch let error as StoreError {
            throw APIError.from(error, resource: resource)
        }
    }

    /// Runs a store read, mapping its errors.
    func read<T>(_ resource: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw APIError.from(error, resource: resource)
        }
    }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
