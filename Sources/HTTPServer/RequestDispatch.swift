internal import Logging

/// Turns a parsed request into either a handler to run or an immediate protocol-level answer
/// (404, 405, 501, OPTIONS), and runs handlers with errors mapped to problems.
enum RequestDispatch {
    enum Outcome {
        case run(Router.Route)
        case respond(HTTPResponse)
    }

    static func route(
        _ request: inout HTTPRequest,
        router: Router,
        singletonFields: [String] = [],
        cors: CORSPolicy? = nil
    ) -> Outcome {
        // RFC 9110 §9.1: a method the server doesn't recognise at all is 501, whatever the path.
        guard request.method.isRegistered else {
            request.route = "<unmatched>"
            return .respond(
                problem(.notImplemented, "The method \(printable(request.method.rawValue)) is not implemented.")
            )
        }
        if let repeated = HeaderRules.repeatedSingleton(in: request.headers, names: singletonFields) {
            request.route = "<unmatched>"
            return .respond(problem(.badRequest, "The \(repeated) header field may appear only once."))
        }
        if request.method == .options && request.target == "*" {
            request.route = "*"
            request.routeKey = .asterisk
            return .respond(HTTPResponse(status: .noContent, headers: ["Allow": allowList(router.methodsInUse)]))
        }
        // A query that can't be decoded must not be half-read (pairs silently dropped): refuse it whole.
        if let query = request.query, query.utf8.contains(UInt8(ascii: "%")), !PercentDecoding.isWellFormed(query) {
            request.route = "<unmatched>"
            return .respond(problem(.badRequest, "The query contains malformed percent-encoding."))
        }
        switch router.match(method: request.method, path: request.path) {
        case .found(let route, let parameters):
            request.route = route.template
            request.routeKey = .registered(route.number)
            request.pathParameters = parameters
            return .run(route)
        case .options(let template, let number, let allow):
            request.route = template
            request.routeKey = .registered(number)
            var response = HTTPResponse(status: .noContent, headers: ["Allow": allowList(allow)])
            if let cors, request.headers.contains("Access-Control-Request-Method") {
                cors.applyPreflight(
                    origin: request.headers["Origin"],
                    methods: allowList(allow),
                    to: &response.headers
                )
            }
            return .respond(response)
        case .methodNotAllowed(let template, let number, let allow):
            request.route = template
            request.routeKey = .registered(number)
            var response = problem(
                .methodNotAllowed,
                "\(request.method.rawValue) is not allowed here; see the Allow header."
            )
            response.headers["Allow"] = allowList(allow)
            return .respond(response)
        case .notFound:
            request.route = "<unmatched>"
            return .respond(problem(.notFound, "No resource exists at this path."))
        case .badPath:
            request.route = "<unmatched>"
            return .respond(problem(.badRequest, "The path contains malformed percent-encoding."))
        }
    }

    /// Runs a handler; a thrown ``HTTPResponseConvertible`` becomes its response, anything else a 500
    /// with an opaque id whose details go to the log only.
    static func run(_ handler: Router.Handler, _ request: HTTPRequest, context: ServerContext) -> HTTPResponse {
        do {
            return try handler(request)
        } catch {
            return response(for: error, logger: context.logger)
        }
    }

    /// The response for a thrown error: its own when it is ``HTTPResponseConvertible``, else an opaque 500.
    static func response(for error: any Error, logger: Logger) -> HTTPResponse {
        if let convertible = error as? any HTTPResponseConvertible { return convertible.makeResponse() }
        let errorID = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        // The error's type only: its description could carry request data.
        logger.error(
            "handler failed",
            metadata: ["error_id": "\(errorID)", "error": "\(String(reflecting: type(of: error)))"]
        )
        return ProblemDetails(
            status: .internalServerError,
            detail: "The server failed to handle the request. Quote error id \(errorID) when reporting it.",
            extensions: [("errorId", ProblemDetails.quoted(errorID))]
        ).makeResponse()
    }

    static func problem(_ status: HTTPStatus, _ detail: String) -> HTTPResponse {
        ProblemDetails(status: status, detail: detail).makeResponse()
    }

    static func allowList(_ methods: [HTTPMethod]) -> String {
        methods.map(\.rawValue).joined(separator: ", ")
    }

    /// A method token is client input: keep the detail short.
    private static func printable(_ token: String) -> String {
        token.utf8.count <= 32 ? token : String(token.prefix(32)) + "…"
    }
}
