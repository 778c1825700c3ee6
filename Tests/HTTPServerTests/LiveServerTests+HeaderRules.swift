import Testing

@testable import HTTPServer

/// Header fields the server refuses to receive twice or to send at all.
@Suite(.timeLimit(.minutes(1))) struct HeaderRulesTests {
    @Test(arguments: ["%0D%0ASet-Cookie:%20a=b", "a%0Ab", "a%00b", "a%0Db"])
    func refusesToSendAHeaderValueWithAControlCharacter(value: String) throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("GET /reflect?value=\(value) HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(response.status == 500)
            #expect(response["X-Reflected"] == nil)
            #expect(response["Set-Cookie"] == nil)
            #expect(response["Content-Type"] == "application/problem+json")
            // The stream is intact: the next response is read where it should be.
            #expect(try client.exchange("GET /reflect?value=fine HTTP/1.1\r\nHost: t\r\n\r\n")["X-Reflected"] == "fine")
        }
    }

    @Test func refusesAHeaderNameThatIsNotAToken() {
        #expect(!HeaderRules.areSendable(HTTPResponse(headers: ["Bad Name": "v"])))
        #expect(!HeaderRules.areSendable(HTTPResponse(headers: ["Bad:Name": "v"])))
        #expect(!HeaderRules.areSendable(HTTPResponse(encodedHeaders: EncodedHeaderFields(["X": "a\r\nb"]))))
        #expect(HeaderRules.areSendable(HTTPResponse(headers: ["X-Fine": "a b\tc"])))
    }

    @Test(arguments: ["Authorization", "Content-Type", "Idempotency-Key", "authorization"])
    func refusesARepeatedSingletonField(name: String) throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange(
                "POST /submissions HTTP/1.1\r\nHost: t\r\n\(name): one\r\nContent-Length: 0\r\n\(name): two\r\n\r\n"
            )
            #expect(response.status == 400)
            #expect(response["Content-Type"] == "application/problem+json")
            #expect(response.text.lowercased().contains(name.lowercased()))
            let single = try client.exchange(
                "POST /submissions HTTP/1.1\r\nHost: t\r\n\(name): one\r\nContent-Length: 0\r\n\r\n"
            )
            #expect(single.status == 201)
        }
    }

    @Test func refusesARepeatedHost() throws {
        try TestServer.with { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
            #expect(response.status == 400)
        }
    }

    @Test func singletonFieldsAreConfigurable() {
        var request = HTTPRequest(method: .get, target: "/healthz", isKeepAlive: true)
        request.headers = HTTPHeaders([("X-Tenant", "a"), ("x-tenant", "b"), ("Authorization", "1")])
        #expect(HeaderRules.repeatedSingleton(in: request.headers, names: ["X-Tenant"]) == "X-Tenant")
        #expect(HeaderRules.repeatedSingleton(in: request.headers, names: []) == nil)
        #expect(
            HeaderRules.repeatedSingleton(in: HTTPHeaders([("Accept", "a"), ("Accept", "b")]), names: ["Host"]) == nil
        )
    }
}
