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
        case found(Route, parameters: PathParameters)
        case methodNotAllowed(template: String, number: Int, allow: [HTTPMethod])
        case options(template: String, number: Int, allow: [HTTPMethod])
        case notFound
        case badPath
    }

    private var staticRoutes: [String: [Route]] = [:]
    /// Indexed by UTF-8 length: whether some static template is that long.
    private var staticPathLengths: [Bool] = []
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
            let length = template.utf8.count
            if staticPathLengths.count <= length {
                staticPathLengths += repeatElement(false, count: length + 1 - staticPathLengths.count)
            }
            staticPathLengths[length] = true
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
        var parameters = PathParameters()
        let candidates: [Route]
        // Hashing the whole path costs more than the templated match: only paths as long as a static
        // template are looked up.
        let length = path.utf8.count
        if length < staticPathLengths.count, staticPathLengths[length], let routes = staticRoutes[path] {
            candidates = routes
        } else {
            switch matchTemplated(path: path, parameters: &parameters) {
            case .found(let routes): candidates = routes
            case .undecodable: return .badPath
            case .none: return .notFound
            }
        }
        guard let first = candidates.first else { return .notFound }
        for route in candidates where route.method == method { return .found(route, parameters: parameters) }
        if method == .head {
            for route in candidates where route.method == .get { return .found(route, parameters: parameters) }
        }
        let allow = Self.allowedMethods(candidates)
        return method == .options
            ? .options(template: first.template, number: first.number, allow: allow)
            : .methodNotAllowed(template: first.template, number: first.number, allow: allow)
    }

    private enum TemplatedMatch {
        case found([Route])
        /// A route matched but a parameter is not valid percent-encoded UTF-8.
        case undecodable
        case none
    }

    /// Matches over the path's UTF-8 bytes, with no allocation until a route matches: literals are
    /// compared as bytes in place, and only the parameters become Strings (this runs for every request
    /// with an id in its path).
    private func matchTemplated(path: String, parameters: inout PathParameters) -> TemplatedMatch {
        var path = path
        return path.withUTF8 { bytes -> TemplatedMatch in
            // Like `split(separator: "/").dropFirst()`: whatever precedes the first slash is not a segment.
            guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return .none }
            for routes in templatedRoutes {
                guard let segments = routes.first?.segments,
                    Self.matches(segments, bytes, from: slash + 1, visit: { _, _ in true })
                else { continue }
                var decoded = true
                var found = PathParameters()
                _ = Self.matches(segments, bytes, from: slash + 1) { name, rawBytes in
                    // An undecodable parameter means 400, once the route is known to match.
                    let raw = String(decoding: rawBytes, as: UTF8.self)
                    guard let value = PercentDecoding.decode(raw) else {
                        decoded = false
                        return false
                    }
                    found.append(name: name, value: value)
                    return true
                }
                guard decoded else { return .undecodable }
                parameters = found
                return .found(routes)
            }
            return .none
        }
    }

    /// Whether `bytes[start...]`, split at slashes, has exactly `segments`' literals and a non-empty value
    /// for each parameter; `visit` sees each parameter's raw bytes in order and can stop the walk.
    private static func matches(
        _ segments: [Segment],
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        visit: (String, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        var cursor = start
        for (position, segment) in segments.enumerated() {
            if position > 0 {
                // The previous segment ended at a slash, or at the end of the path: too few segments.
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "/") else { return false }
                cursor += 1
            }
            var end = cursor
            while end < bytes.count, bytes[end] != UInt8(ascii: "/") { end += 1 }
            switch segment {
            case .literal(let literal):
                guard end - cursor == literal.count else { return false }
                for index in 0..<literal.count where literal[index] != bytes[cursor + index] { return false }
            case .parameter(let name):
                guard end > cursor else { return false }
                guard visit(name, UnsafeBufferPointer(rebasing: bytes[cursor..<end])) else { return false }
            }
            cursor = end
        }
        return cursor == bytes.count
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
