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
        // Adaptive: "cached" answers at once where it starts (the I/O queue), anything else needs a worker.
        router.onDeferred(.get, "/adaptive/{tag}", execution: .adaptive) { request, responder in
            let tag = request.pathParameters["tag"] ?? ""
            guard tag == "cached" || request.mayBlock else { throw Router.RetryOnWorker() }
            responder.respond(.text("\(tag) on \(request.mayBlock ? "worker" : "io")"))
        }
        router.onDeferred(.get, "/adaptive-throws", execution: .adaptive) { _, _ in throw HandlerFailure() }
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

    @Test func startsAdaptiveDeferredHandlersOnTheIOQueueAndRetriesOnAWorker() throws {
        try TestServer.with(router: Self.deferredRouter) { server in
            let client = try TestClient(port: server.port, receiveTimeout: .seconds(2))
            try client.send(
                "GET /adaptive/cached HTTP/1.1\r\nHost: t\r\n\r\nGET /adaptive/miss HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /adaptive-throws HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /items/3 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            )
            let responses = try client.readResponses(4)
            #expect(responses.map(\.status) == [200, 200, 500, 200])
            #expect(responses[0].text == "cached on io")
            #expect(responses[1].text == "miss on worker")
            #expect(responses[3].text == "item 3")
            #expect(client.waitForClose() == .closed)
        }
    }
}
