import Dispatch
import Testing

@testable import HTTPServer

/// Deferred handlers answer later, from any thread, through a `Responder`.
extension LiveServerTests {
    private static var deferredRouter: Router {
        var router = TestRoutes.standard
        // Answers 50 ms later from another queue, then tries to answer again (ignored).
        router.onDeferred(.get, "/deferred/{tag}") { request, responder in
            let tag = request.pathParameters["tag"] ?? ""
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) {
                responder.respond(.text("deferred \(tag)"))
                responder.respond(.text("second answer"))
                responder.fail(HandlerFailure())
            }
        }
        router.onDeferred(.get, "/deferred-failure") { _, responder in responder.fail(HandlerFailure()) }
        return router
    }

    @Test func answersDeferredRequestsInPipelineOrderOnce() throws {
        try TestServer.with(router: Self.deferredRouter) { server in
            let client = try TestClient(port: server.port, receiveTimeout: .seconds(2))
            try client.send(
                "GET /deferred/a HTTP/1.1\r\nHost: t\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /deferred/b HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            )
            let responses = try client.readResponses(3)
            #expect(responses.map(\.text) == ["deferred a", "item 2", "deferred b"])
            // Nothing from the ignored second answers.
            #expect(client.waitForClose() == .closed)
            #expect(client.buffer.isEmpty)
        }
    }

    @Test func answersAFailedDeferredRequestWith500() throws {
        try TestServer.with(router: Self.deferredRouter) { server in
            let client = try TestClient(port: server.port)
            let response = try client.exchange("GET /deferred-failure HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(response.status == 500)
            #expect(response.text.contains(#""errorId":"#))
            #expect(try client.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200)
        }
    }
}
