internal import CoreMetrics
internal import Dispatch
internal import Glibc
internal import Logging
internal import Synchronization

/// One accepted socket: reads and parses requests, runs them in order, writes their responses.
///
/// Confined to its loop's serial queue. Blocking handlers run on a worker and hand the response back to
/// that queue; while one runs, no further request of this connection is started, so responses leave in
/// request order (pipelining).
final class Connection: @unchecked Sendable {
    let fd: Int32
    let loop: IOLoop
    var context: ServerContext { loop.context }
    let readSource: any DispatchSourceRead
    var writeSource: (any DispatchSourceWrite)?
    var parser: RequestParser
    var output: [UInt8] = []
    var outputOffset = 0
    /// This connection's share of ``ServerContext/blockedOutputBytes``.
    var accountedOutputBytes = 0
    var pendingCancellations = 1

    var isHandling = false
    var isReadSuspended = false
    var isWriteArmed = false
    var closeAfterFlush = false
    var peerClosedInput = false
    var isLingering = false
    var isDraining = false
    var isClosed = false

    // Deadlines, in the loop's coarse monotonic nanoseconds.
    var idleSince: UInt64
    var requestStartedAt: UInt64?
    var bodyStartedAt: UInt64?
    var writeBlockedSince: UInt64 = 0
    var lingerStartedAt: UInt64 = 0
    /// Bytes in the kernel's send queue at the last deadline check (write-timeout progress).
    var kernelQueuedBytes: Int32 = .max

    init(fd: Int32, loop: IOLoop) {
        self.fd = fd
        self.loop = loop
        parser = RequestParser(limits: loop.context.configuration.limits)
        readSource = DispatchSource.makeReadSource(fileDescriptor: fd, queue: loop.queue)
        idleSince = loop.now
    }

    func start() {
        // The sources keep the connection alive until they are cancelled in `close()`.
        readSource.setEventHandler { [self] in onReadable() }
        readSource.setCancelHandler { [self] in sourceCancelled() }
        readSource.resume()
    }

    // MARK: - Reading

    func onReadable() {
        if isLingering {
            discardUntilClosed()
            return
        }
        let count = read(fd, loop.scratch.baseAddress, loop.scratch.count)
        if count > 0 {
            loop.now = monotonicNanoseconds()
            if parser.isAtRequestBoundary { requestStartedAt = loop.now }
            parser.append(UnsafeRawBufferPointer(rebasing: loop.scratch[0..<count]))
            processRequests()
        } else if count == 0 {
            peerClosedInput = true
            updateReading()
            finishIfPeerGone()
        } else if errno != EAGAIN && errno != EINTR {
            close()
        }
    }

    /// Runs every complete buffered request that can run now, then writes what they produced.
    func processRequests() {
        while !isHandling && !closeAfterFlush && !isClosed {
            // Back-pressure on output: answers to pipelined requests wait in the request buffer, not as
            // encoded responses in memory, until the client reads (a client that never reads would
            // otherwise make the server hold every answer to a 64 KiB read of small requests).
            if output.count - outputOffset >= context.configuration.maxPendingOutputBytes
                || (isWriteArmed && context.isOverOutputBudget)
            {
                flush()
                if isWriteArmed || isClosed { break }
            }
            let next: HTTPRequest?
            do {
                next = try parser.next()
            } catch {
                respondAndClose(to: error)
                break
            }
            guard let request = next else {
                if parser.takeContinueRequest() {
                    output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
                }
                if parser.isReadingBody && bodyStartedAt == nil { bodyStartedAt = loop.now }
                break
            }
            bodyStartedAt = nil
            handle(request)
            if !parser.isAtRequestBoundary { requestStartedAt = loop.now }
        }
        flush()
        updateReading()
        finishIfPeerGone()
    }

    func handle(_ request: consuming HTTPRequest) {
        var request = request
        request.id = loop.makeRequestID(offered: request.headers["X-Request-Id"])
        let startedAt = monotonicNanoseconds()
        switch RequestDispatch.route(
            &request,
            router: context.router,
            singletonFields: context.configuration.singletonFields,
            cors: context.configuration.cors
        ) {
        case .respond(let response):
            complete(request, response, startedAt: startedAt)
        case .run(let route):
            if route.execution != .blocking, case .sync(let handler) = route.body {
                do {
                    complete(request, try handler(request), startedAt: startedAt)
                } catch is Router.RetryOnWorker where route.execution == .adaptive {
                    runOffQueue(route, request, startedAt: startedAt)
                } catch {
                    complete(
                        request,
                        RequestDispatch.response(for: error, logger: context.logger),
                        startedAt: startedAt
                    )
                }
            } else {
                runOffQueue(route, request, startedAt: startedAt)
            }
        }
    }

    /// Hands the request to a worker; the response comes back to this connection's queue, once.
    func runOffQueue(_ route: Router.Route, _ request: HTTPRequest, startedAt: UInt64) {
        isHandling = true
        context.requestsInFlight.add(1, ordering: .relaxed)
        context.inFlightMeter.increment()
        let context = self.context
        var workerRequest = request
        workerRequest.mayBlock = true
        let request = workerRequest
        let responder = Responder(logger: context.logger) { [self] response in
            loop.queue.async { [self] in
                context.requestsInFlight.subtract(1, ordering: .relaxed)
                context.inFlightMeter.decrement()
                isHandling = false
                guard !isClosed else { return }
                complete(request, response, startedAt: startedAt)
                processRequests()
            }
        }
        loop.nextWorker().async {
            switch route.body {
            case .sync(let handler):
                responder.respond(RequestDispatch.run(handler, request, context: context))
            case .deferred(let handler):
                handler(request, responder)
            }
        }
    }

    /// Encodes a response into the output buffer and records it.
    func complete(_ request: HTTPRequest, _ response: HTTPResponse, startedAt: UInt64) {
        var response = response
        if !HeaderRules.areSendable(response) {
            // The field itself is not logged: it could carry request data.
            context.logger.error(
                "refused a response header with a control character or an invalid name",
                metadata: ["route": "\(request.route)", "request_id": "\(request.id)"]
            )
            response = ProblemDetails(
                status: .internalServerError,
                detail: "The server produced an invalid response header."
            ).makeResponse()
        }
        if let cors = context.configuration.cors {
            cors.apply(origin: request.headers["Origin"], to: &response.headers)
        }
        response = response.completingProblem(requestID: request.id, types: context.configuration.problemTypes)
        let wantsClose =
            !request.isKeepAlive || isDraining || context.isDraining.load(ordering: .relaxed)
            || response.headers["Connection"].map { $0.equalsIgnoringASCIICase("close") } == true
        let field: ResponseEncoder.ConnectionField =
            wantsClose ? .close : (request.version == .http1_0 ? .keepAlive : .none)
        let bytes = loop.encoder.encode(
            response,
            requestID: request.id,
            omitBody: request.method == .head,
            connection: field,
            into: &output
        )
        if wantsClose { closeAfterFlush = true }
        idleSince = loop.now
        // Bytes of the next request that arrived meanwhile keep their header deadline (slowloris).
        if parser.isAtRequestBoundary { requestStartedAt = nil }
        let duration = monotonicNanoseconds() &- startedAt
        loop.record(
            method: request.method,
            route: request.route,
            routeKey: request.routeKey,
            status: response.status.code,
            duration: duration
        )
        if context.accessLog != nil {
            loop.logAccess(
                AccessLogRecord(
                    method: request.method.isRegistered ? request.method.rawValue : "OTHER",
                    route: request.route,
                    status: response.status.code,
                    bytes: bytes,
                    durationNanoseconds: duration,
                    requestID: request.id,
                    epochMilliseconds: epochMilliseconds()
                )
            )
        }
    }

    /// Answers a framing error with its problem and closes: the rest of the stream can't be trusted.
    func respondAndClose(to error: HTTPParseError) {
        respondAndClose(status: error.status, detail: error.detail, route: "<invalid>", routeKey: .invalid)
    }

    func respondAndClose(status: HTTPStatus, detail: String, route: String, routeKey: RouteKey) {
        var request = HTTPRequest(method: HTTPMethod(rawValue: "-"), target: "/", isKeepAlive: false)
        request.route = route
        request.routeKey = routeKey
        request.id = loop.makeRequestID(offered: nil)
        let response = ProblemDetails(status: status, detail: detail).makeResponse()
        complete(request, response, startedAt: monotonicNanoseconds())
    }
}
