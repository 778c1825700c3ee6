import Glibc

@testable import HTTPServer

/// An error a handler throws that is not ``HTTPResponseConvertible``: the server must answer 500.
struct HandlerFailure: Error {}

/// Routes the live tests share.
enum TestRoutes {
    static var standard: Router {
        var router = Router()
        router.get("/healthz", execution: .inline) { _ in .text("ok") }
        router.get("/items/{id}", execution: .inline) { request in
            .text("item \(request.pathParameters["id"] ?? "?")")
        }
        router.on(.put, "/items/{id}", execution: .inline) { _ in HTTPResponse(status: .noContent) }
        router.post("/echo") { request in HTTPResponse(status: .ok, body: request.body) }
        // Sleeps `ms` milliseconds on a worker, then answers with `tag`.
        router.get("/slow") { request in
            usleep(UInt32(request.queryValue("ms").flatMap { Int($0) } ?? 100) * 1000)
            return .text("slow \(request.queryValue("tag") ?? "")")
        }
        // `bytes` bytes of 'x'.
        router.get("/big") { request in
            HTTPResponse(body: [UInt8](repeating: 0x78, count: request.queryValue("bytes").flatMap { Int($0) } ?? 0))
        }
        router.get("/fail") { _ in throw HandlerFailure() }
        // 4 KiB, answered on the I/O queue: a cheap way to make much output from little input.
        let blob = [UInt8](repeating: 0x62, count: 4096)
        router.get("/blob", execution: .inline) { _ in HTTPResponse(body: blob) }
        // Echoes the `value` query parameter, percent-decoded, into a response header (a handler bug).
        router.get("/reflect", execution: .inline) { request in
            HTTPResponse(headers: ["X-Reflected": request.queryValue("value") ?? ""], body: Array("body".utf8))
        }
        router.post("/submissions", execution: .inline) { _ in HTTPResponse(status: .created) }
        return router
    }
}

/// Starts real servers on an ephemeral loopback port.
enum TestServer {
    /// A started server; the test shuts it down.
    static func start(
        host: String = "127.0.0.1",
        limits: RequestParser.Limits = .init(),
        timeouts: Server.Timeouts = .init(drain: .seconds(3)),
        maxConnections: Int = 256,
        cors: CORSPolicy? = nil,
        router: Router = TestRoutes.standard
    ) throws -> Server {
        let configuration = Server.Configuration(
            host: host,
            port: 0,
            limits: limits,
            timeouts: timeouts,
            maxConnections: maxConnections,
            ioQueueCount: 2,
            workerCount: 2,
            cors: cors
        )
        let server = Server(configuration: configuration, router: router, accessLog: false)
        try server.start()
        return server
    }

    /// Runs `body` against a started server and shuts it down afterwards, whatever happens.
    static func with<T>(
        host: String = "127.0.0.1",
        limits: RequestParser.Limits = .init(),
        timeouts: Server.Timeouts = .init(drain: .seconds(3)),
        maxConnections: Int = 256,
        cors: CORSPolicy? = nil,
        router: Router = TestRoutes.standard,
        _ body: (Server) throws -> T
    ) throws -> T {
        let server = try start(
            host: host,
            limits: limits,
            timeouts: timeouts,
            maxConnections: maxConnections,
            cors: cors,
            router: router
        )
        defer { server.shutdownAndWait() }
        return try body(server)
    }
}

/// Wall time of `body`.
func measure<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let result = try body()
    return (result, ContinuousClock.now - start)
}
