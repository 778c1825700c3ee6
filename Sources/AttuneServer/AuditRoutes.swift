internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import Foundation
internal import HTTPServer

/// `GET /v1/audit?from=&to=&order=&limit=&cursor=`: the practice's audit trail, for admins.
enum AuditRoutes {
    static func register(in router: inout Router, api: APIContext) {
        router.get("/v1/audit") { request in
            let key = try api.authorize(request, roles: [.admin])
            var query = AuditQuery()
            for (name, value) in request.queryItems {
                switch name {
                case "from": query.from = try date(value, parameter: name)
                case "to": query.to = try date(value, parameter: name)
                case "cursor": query.cursor = value
                case "order":
                    guard let order = AuditQuery.Order(rawValue: value) else {
                        throw APIError.invalidQuery(parameter: name, reason: "must be newestFirst or oldestFirst")
                    }
                    query.order = order
                case "limit":
                    guard let limit = Int(value), (1...1000).contains(limit) else {
                        throw APIError.invalidQuery(parameter: name, reason: "must be an integer from 1 to 1000")
                    }
                    query.limit = limit
                default:
                    throw APIError.invalidQuery(parameter: name, reason: "is not supported here")
                }
            }
            let page = try api.query("audit event") {
                try api.store.auditEvents(practiceID: key.practiceID, query: query)
            }
            var response = HTTPResponse.uncached(
                ModelJSON.list("events", page.events, write: ModelJSON.write) { writer in
                    writer.key("next")
                    if let next = page.nextCursor { writer.string(next) } else { writer.null() }
                }
            )
            if let next = page.nextCursor {
                response.headers["Link"] = "<\(NextLink.make(request, cursor: next))>; rel=\"next\""
            }
            return response
        }
    }

    private static func date(_ value: String, parameter: String) throws -> Date {
        guard let millis = RFC3339.parse(value) else {
            throw APIError.invalidQuery(parameter: parameter, reason: "must be an RFC 3339 date or date-time")
        }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
