internal import AttuneCore
internal import HTTPServer

/// `/problems` and `/problems/{code}`: what each problem `type` means, open to everyone (no key needed),
/// since a client that cannot authenticate still has to read what its 401 means.
enum ProblemRoutes {
    /// Each type's page, encoded once.
    static let pages: [String: [UInt8]] = Dictionary(
        uniqueKeysWithValues: ProblemType.allCases.map { ($0.rawValue, $0.descriptionJSON) }
    )

    static let index: [UInt8] = {
        var bytes = Array(#"{"problems":["#.utf8)
        for (offset, type) in ProblemType.allCases.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: type.descriptionJSON)
        }
        bytes.append(contentsOf: "]}".utf8)
        return bytes
    }()

    static func register(in router: inout Router) {
        router.get("/problems", execution: .inline) { _ in page(index) }
        router.get("/problems/{code}", execution: .inline) { request in
            guard let body = pages[request.pathParameters["code"] ?? ""] else {
                throw ProblemType.notFound.problem(detail: "No such problem type.")
            }
            return page(body)
        }
    }

    /// The pages change only with the server's version: caches may keep them a day.
    private static func page(_ body: [UInt8]) -> HTTPResponse {
        var response = HTTPResponse.json(body)
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response
    }
}
