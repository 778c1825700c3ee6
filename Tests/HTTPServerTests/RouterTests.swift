import Testing

@testable import HTTPServer

/// Route matching without sockets: templates, parameters, 404, 405 with Allow, OPTIONS and HEAD.
@Suite struct RouterTests {
    private let router: Router = {
        var router = Router()
        router.get("/items", execution: .inline) { _ in .text("list") }
        router.post("/items", execution: .inline) { request in .text("created \(request.body.count)") }
        router.get("/items/{id}", execution: .inline) { request in .text("item \(request.pathParameters["id"] ?? "")") }
        router.delete("/items/{id}", execution: .inline) { _ in HTTPResponse(status: .noContent) }
        router.on(.put, "/items/{id}/notes/{note}", execution: .inline) { request in
            .text("\(request.pathParameters["id"] ?? "") \(request.pathParameters["note"] ?? "")")
        }
        router.on(.head, "/head-only", execution: .inline) { _ in HTTPResponse() }
        router.post("/post-only", execution: .inline) { _ in HTTPResponse() }
        return router
    }()

    /// The route and parameters a lookup found, or nil.
    private func found(_ method: HTTPMethod, _ path: String) -> (route: Router.Route, parameters: PathParameters)? {
        if case .found(let route, let parameters) = router.match(method: method, path: path) {
            return (route, parameters)
        }
        return nil
    }

    /// Runs the matched handler as the server would, with the parameters set.
    private func respond(_ method: HTTPMethod, _ target: String) throws -> String {
        var request = HTTPRequest(method: method, target: target)
        let match = try #require(found(method, request.path))
        request.pathParameters = match.parameters
        guard case .sync(let handler) = match.route.body else { throw HandlerFailure() }
        return String(decoding: try handler(request).body, as: UTF8.self)
    }

    @Test func matchesStaticAndTemplatedRoutes() throws {
        #expect(try respond(.get, "/items") == "list")
        #expect(try respond(.get, "/items/42?verbose=1") == "item 42")
        #expect(try respond(.put, "/items/7/notes/n1") == "7 n1")
        #expect(found(.get, "/items/42")?.route.template == "/items/{id}")
        #expect(found(.get, "/items/42")?.parameters == ["id": "42"])
        #expect(found(.post, "/items")?.route.method == .post)
    }

    @Test func decodesParametersAfterMatching() throws {
        // An encoded slash stays inside its segment: same route, decoded value.
        #expect(found(.get, "/items/a%2Fb")?.parameters == ["id": "a/b"])
        #expect(try respond(.get, "/items/caf%C3%A9%20au%20lait") == "item café au lait")
        #expect(found(.put, "/items/x%2F..%2Fy/notes/%3F")?.parameters == ["id": "x/../y", "note": "?"])
        // '+' is literal in a path.
        #expect(found(.get, "/items/a+b")?.parameters == ["id": "a+b"])
    }

    @Test(arguments: ["/", "/nothing", "/items/1/2", "/items/", "/items//", "//items", "/ITEMS", "/items/1/notes"])
    func answersUnknownPathsNotFound(path: String) {
        guard case .notFound = router.match(method: .get, path: path) else {
            Issue.record("expected notFound for \(path), got \(router.match(method: .get, path: path))")
            return
        }
    }

    /// (method, path, Allow list): HEAD wherever GET is, OPTIONS always, sorted.
    @Test(arguments: [
        (HTTPMethod.put, "/items", ["GET", "HEAD", "OPTIONS", "POST"]),
        (.delete, "/items", ["GET", "HEAD", "OPTIONS", "POST"]),
        (.post, "/items/1", ["DELETE", "GET", "HEAD", "OPTIONS"]),
        (.get, "/items/1/notes/2", ["OPTIONS", "PUT"]),
        (.get, "/head-only", ["HEAD", "OPTIONS"]),
        (.head, "/post-only", ["OPTIONS", "POST"]),
        (.patch, "/post-only", ["OPTIONS", "POST"]),
    ])
    func answersMethodNotAllowedWithTheAllowList(method: HTTPMethod, path: String, allow: [String]) {
        guard case .methodNotAllowed(_, _, let methods) = router.match(method: method, path: path) else {
            Issue.record("expected methodNotAllowed for \(method) \(path)")
            return
        }
        #expect(methods.map(\.rawValue) == allow)
    }

    @Test func answersOptionsWithTheAllowList() {
        guard case .options(let template, _, let allow) = router.match(method: .options, path: "/items/9") else {
            Issue.record("expected options")
            return
        }
        #expect(template == "/items/{id}")
        #expect(allow.map(\.rawValue) == ["DELETE", "GET", "HEAD", "OPTIONS"])
        #expect(
            router.methodsInUse.map(\.rawValue) == ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]
        )
    }

    @Test func answersHeadFromGetUnlessHeadIsRouted() throws {
        let head = try #require(found(.head, "/items/5"))
        #expect(head.route.method == .get)
        #expect(head.parameters == ["id": "5"])
        #expect(found(.head, "/head-only")?.route.method == .head)
        #expect(found(.get, "/head-only") == nil)
    }

    @Test(arguments: ["/items/%zz", "/items/%2", "/items/%", "/items/%C3%28", "/items/1/notes/%G0"])
    func refusesMalformedPercentEncodingInParameters(path: String) {
        guard case .badPath = router.match(method: .get, path: path) else {
            Issue.record("expected badPath for \(path), got \(router.match(method: .get, path: path))")
            return
        }
    }

    @Test func aStaticRouteWinsOverATemplateOfTheSameShape() throws {
        var router = Router()
        router.get("/items/{id}", execution: .inline) { _ in .text("templated") }
        router.get("/items/all", execution: .inline) { _ in .text("static") }
        router.get("/long/static/path", execution: .inline) { _ in .text("other") }
        // "/items/abc" is as long as the static "/items/all": the static lookup runs and misses.
        for (path, template) in [
            ("/items/all", "/items/all"), ("/items/abc", "/items/{id}"), ("/items/x", "/items/{id}"),
        ] {
            guard case .found(let route, let parameters) = router.match(method: .get, path: path) else {
                Issue.record("expected a route for \(path)")
                continue
            }
            #expect(route.template == template)
            #expect(parameters.count == (template == "/items/{id}" ? 1 : 0))
        }
    }

    @Test func pathParametersCompareByNameAndValueInAnyOrder() {
        var parameters = PathParameters()
        parameters.append(name: "b", value: "2")
        parameters.append(name: "a", value: "1")
        #expect(parameters == ["a": "1", "b": "2"])
        #expect(parameters != ["a": "1"])
        #expect(parameters != ["a": "1", "b": "3"])
        #expect(parameters["a"] == "1" && parameters["c"] == nil)
    }

    @Test func replacesARouteRegisteredTwice() throws {
        var router = Router()
        router.get("/x", execution: .inline) { _ in .text("first") }
        router.get("/x", execution: .inline) { _ in .text("second") }
        router.get("/y/{id}", execution: .inline) { _ in .text("first") }
        router.get("/y/{id}", execution: .inline) { _ in .text("second") }
        for path in ["/x", "/y/1"] {
            guard case .found(let route, _) = router.match(method: .get, path: path),
                case .sync(let handler) = route.body
            else {
                Issue.record("expected a route for \(path)")
                continue
            }
            #expect(
                String(decoding: try handler(HTTPRequest(method: .get, target: path)).body, as: UTF8.self) == "second"
            )
        }
    }
}
