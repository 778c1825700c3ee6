/// Maps a method and a path template (`/v1/submissions/{id}`) to a handler.
///
/// Literal segments match the raw path; parameters are percent-decoded after matching, so an encoded `/`
/// inside an id never changes which route matches.
public struct Router: Sendable {
    /// Where a handler runs.
    public enum Execution: Sendable {
        /// On the connection's I/O queue: for handlers that never block (pre-encoded bytes, counters).
        case inline
        /// On the bounded worker pool: for handlers that block (SQLite, libpq).
        case blocking
        /// On the I/O queue first; a handler that finds it would have to block (a cache miss) throws
        /// ``RetryOnWorker`` and runs again on a worker, where ``HTTPRequest/mayBlock`` is true. Hits then cost
        /// no hand-off at all.
        case adaptive
    }

    /// Thrown by an ``Execution/adaptive`` handler running on the I/O queue to be run again on a worker.
    public struct RetryOnWorker: Error, Sendable {
        /// The signal.
        public init() {}
    }

    /// A synchronous request handler.
    public typealias Handler = @Sendable (HTTPRequest) throws -> HTTPResponse

    /// A handler that answers later through its ``Responder``, from any thread: for work that waits on
    /// something else (a group commit) without holding a worker thread meanwhile.
    public typealias DeferredHandler = @Sendable (HTTPRequest, Responder) -> Void

    enum Body: Sendable {
        case sync(Handler)
        case deferred(DeferredHandler)
    }

    struct Route: Sendable {
        let method: HTTPMethod
        let template: String
        /// A small number per template, for cheap per-route metric lookups.
        let number: Int
        let segments: [Segment]
        let execution: Execution
        let body: Body
    }

    enum Segment: Sendable, Equatable {
        /// A literal segment's UTF-8 bytes, compared byte for byte with the raw path.
        case literal([UInt8])
        case parameter(String)
    }

    /// What a lookup found.
    enum Match {
        case found(Route, parameters: [String: String])
        case methodNotAllowed(template: String, number: Int, allow: [HTTPMethod])
        case options(template: String, number: Int, allow: [HTTPMethod])
        case notFound
        case badPath
    }

    private var staticRoutes: [String: [Route]] = [:]
    private var templateNumbers: [String: Int] = [:]
    private var templatedRoutes: [[Route]] = []

    /// An empty router.
    public init() {}

    /// Adds a route. A later route for the same method and template replaces the earlier one.
    public mutating func on(
        _ method: HTTPMethod,
        _ template: String,
        execution: Execution = .blocking,
        handler: @escaping Handler
    ) {
        add(method, template, execution: execution, body: .sync(handler))
    }

    /// Adds a route whose handler starts on a worker and responds through a ``Responder`` when ready.
    /// The connection waits for that response (later requests on it queue behind it, in order).
    public mutating func onDeferred(_ method: HTTPMethod, _ template: String, handler: @escaping DeferredHandler) {
        add(method, template, execution: .blocking, body: .deferred(handler))
    }

    private mutating func add(_ method: HTTPMethod, _ template: String, execution: Execution, body: Body) {
        precondition(template.hasPrefix("/"), "route templates start with /")
        let segments = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            segment -> Segment in
            if segment.hasPrefix("{") && segment.hasSuffix("}") {
                return .parameter(String(segment.dropFirst().dropLast()))
            }
            return .literal(Array(segment.utf8))
        }
        let number = templateNumbers[template] ?? templateNumbers.count
        templateNumbers[template] = number
        let route = Route(
            method: method,
            template: template,
            number: number,
            segments: segments,
            execution: execution,
            body: body
        )
        if segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            if let index = templatedRoutes.firstIndex(where: { $0.first?.template == template }) {
                templatedRoutes[index].removeAll { $0.method == method }
                templatedRoutes[index].append(route)
            } else {
                templatedRoutes.append([route])
            }
        } else {
            staticRoutes[template, default: []].removeAll { $0.method == method }
            staticRoutes[template, default: []].append(route)
        }
    }

    /// Adds a GET route (HEAD is answered from it).
    public mutating func get(_ template: String, execution: Execution = .blocking, handler: @escaping Handler) {
        on(.get, template, execution: execution, handler: handler)
    }

    /// Adds a POST route.
    public mutating func post(_ template: String, execution: Execution = .blocking, handler: @escaping Handler) {
        on(.post, template, execution: execution, handler: handler)
    }

    /// Adds a DELETE route.
    public mutating func delete(_ template: String, execution: Execution = .blocking, handler: @escaping Handler) {
        on(.delete, template, execution: execution, handler: handler)
    }

    /// Finds the route for `method` and the raw `path`.
    func match(method: HTTPMethod, path: String) -> Match {
        var parameters: [String: String] = [:]
        let candidates: [Route]
        if let routes = staticRoutes[path] {
            candidates = routes
        } else if let routes = matchTemplated(path: path, parameters: &parameters) {
            candidates = routes
        } else {
            return .notFound
        }
        guard let template = candidates.first?.template, let number = candidates.first?.number else {
            return .notFound
        }
        if parameters.values.contains("") { return .badPath }
        let lookup = method == .head ? [.head, .get] : [method]
        for wanted in lookup {
            if let route = candidates.first(where: { $0.method == wanted }) {
                return .found(route, parameters: parameters)
            }
        }
        let allow = Self.allowedMethods(candidates)
        return method == .options
            ? .options(template: template, number: number, allow: allow)
            : .methodNotAllowed(template: template, number: number, allow: allow)
    }

    /// Matches over the path's UTF-8 bytes: segment boundaries are found once, literals compared as
    /// bytes, and only the parameters become Strings (this ran for every request with an id in its path).
    private func matchTemplated(path: String, parameters: inout [String: String]) -> [Route]? {
        var path = path
        return path.withUTF8 { bytes -> [Route]? in
            // Segment i is bytes[starts[i] ..< ends[i]]: what lies between slashes and after the last one;
            // like `split(separator: "/").dropFirst()`, whatever precedes the first slash is not a segment.
            var starts: [Int] = []
            var ends: [Int] = []
            starts.reserveCapacity(8)
            ends.reserveCapacity(8)
            var start = -1
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "/") {
                if start >= 0 {
                    starts.append(start)
                    ends.append(index)
                }
                start = index + 1
            }
            if start >= 0 {
                starts.append(start)
                ends.append(bytes.count)
            }
            search: for routes in templatedRoutes {
                guard let segments = routes.first?.segments, segments.count == starts.count else { continue }
                for (position, segment) in segments.enumerated() {
                    guard case .literal(let literal) = segment else { continue }
                    let offset = starts[position]
                    guard ends[position] - offset == literal.count else { continue search }
                    for index in 0..<literal.count where literal[index] != bytes[offset + index] { continue search }
                }
                var found: [String: String] = [:]
                for (position, segment) in segments.enumerated() {
                    guard case .parameter(let name) = segment else { continue }
                    let range = starts[position]..<ends[position]
                    guard !range.isEmpty else { continue search }
                    // An undecodable parameter is recorded as empty and answered 400 by the caller.
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    found[name] = PercentDecoding.decode(raw) ?? ""
                }
                parameters = found
                return routes
            }
            return nil
        }
    }

    /// Every method some route answers, for `OPTIONS *`.
    var methodsInUse: [HTTPMethod] {
        Self.allowedMethods(staticRoutes.values.flatMap { $0 } + templatedRoutes.flatMap { $0 })
    }

    /// The `Allow` list for a resource: its methods, HEAD wherever GET is, and OPTIONS (RFC 9110 §10.2.1).
    static func allowedMethods(_ routes: [Route]) -> [HTTPMethod] {
        var methods = Set(routes.map(\.method))
        if methods.contains(.get) { methods.insert(.head) }
        methods.insert(.options)
        return methods.sorted { $0.rawValue < $1.rawValue }
    }
}
