import Testing

@testable import HTTPServer

/// Cross-origin requests from browser forms: allowed origins only, preflights answered.
@Suite(.timeLimit(.minutes(1))) struct CORSTests {
    static let policy = CORSPolicy(allowedOrigins: ["https://forms.example.org"])

    static func preflight(origin: String) -> String {
        "OPTIONS /submissions HTTP/1.1\r\nHost: t\r\nOrigin: \(origin)\r\n"
            + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type\r\n\r\n"
    }

    @Test func answersAPreflightFromAnAllowedOrigin() throws {
        try TestServer.with(cors: Self.policy) { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(Self.preflight(origin: "https://forms.example.org"))
            #expect(response.status == 204)
            #expect(response["Access-Control-Allow-Origin"] == "https://forms.example.org")
            #expect(response["Access-Control-Allow-Methods"] == "OPTIONS, POST")
            #expect(response["Access-Control-Allow-Headers"] == "Authorization, Content-Type, Idempotency-Key")
            #expect(response["Access-Control-Max-Age"] == "600")
            #expect(response["Access-Control-Allow-Credentials"] == nil)
            #expect(response["Vary"] == "Origin")
        }
    }

    @Test func givesARefusedOriginNoCORSFields() throws {
        try TestServer.with(cors: Self.policy) { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(Self.preflight(origin: "https://evil.example.com"))
            #expect(response["Access-Control-Allow-Origin"] == nil)
            #expect(response["Access-Control-Allow-Methods"] == nil)
            #expect(response["Access-Control-Allow-Headers"] == nil)
            #expect(response["Vary"] == "Origin")
            let simple = try client.exchange(
                "POST /submissions HTTP/1.1\r\nHost: t\r\nOrigin: https://evil.example.com\r\nContent-Length: 0\r\n\r\n"
            )
            #expect(simple.status == 201)
            #expect(simple["Access-Control-Allow-Origin"] == nil)
        }
    }

    @Test func marksASimpleRequestFromAnAllowedOrigin() throws {
        try TestServer.with(cors: Self.policy) { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(
                "POST /submissions HTTP/1.1\r\nHost: t\r\nOrigin: https://forms.example.org\r\nContent-Length: 0\r\n\r\n"
            )
            #expect(response.status == 201)
            #expect(response["Access-Control-Allow-Origin"] == "https://forms.example.org")
            #expect(response["Access-Control-Expose-Headers"] == "X-Request-Id, Retry-After")
            #expect(response["Vary"] == "Origin")
            #expect(response["Access-Control-Allow-Methods"] == nil)
        }
    }

    @Test func sendsNoCORSFieldsWhenOff() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(Self.preflight(origin: "https://forms.example.org"))
            #expect(response.status == 204)
            #expect(response["Access-Control-Allow-Origin"] == nil)
            #expect(response["Vary"] == nil)
        }
    }

    @Test func neverAllowsCredentialsThroughTheWildcard() {
        let wildcard = CORSPolicy(allowedOrigins: ["*"], allowsCredentials: true)
        var headers = HTTPHeaders()
        wildcard.apply(origin: "https://any.example", to: &headers)
        #expect(headers["Access-Control-Allow-Origin"] == "*")
        #expect(headers["Access-Control-Allow-Credentials"] == nil)
        let listed = CORSPolicy(allowedOrigins: ["*", "https://a.example"], allowsCredentials: true)
        var listedHeaders = HTTPHeaders()
        listed.apply(origin: "https://a.example", to: &listedHeaders)
        #expect(listedHeaders["Access-Control-Allow-Origin"] == "https://a.example")
        #expect(listedHeaders["Access-Control-Allow-Credentials"] == "true")
    }
}
