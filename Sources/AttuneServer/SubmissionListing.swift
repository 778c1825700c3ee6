internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import HTTPServer

/// `GET /v1/submissions?client=&therapist=&questionnaire=&from=&to=&limit=&cursor=`: newest first, paged.
enum SubmissionListing {
    static func query(from request: HTTPRequest, key: APIKey) throws -> SubmissionQuery {
        var query = SubmissionQuery()
        for (name, value) in request.queryItems {
            switch name {
            case "client": query.clientID = value
            case "therapist": query.therapistID = value
            case "questionnaire": query.questionnaireID = value
            case "from", "to":
                guard CalendarDate(value) != nil else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be a date YYYY-MM-DD")
                }
                if name == "from" { query.from = value } else { query.to = value }
            case "limit":
                guard let limit = Int(value), (1...SubmissionQuery.maxLimit).contains(limit) else {
                    throw APIError.invalidQuery(
                        parameter: name,
                        reason: "must be an integer from 1 to \(SubmissionQuery.maxLimit)"
                    )
                }
                query.limit = limit
            case "cursor": query.cursor = value
            case "includeSuperseded":
                guard value == "true" || value == "false" else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be true or false")
                }
                query.includeSuperseded = value == "true"
            default:
                throw APIError.invalidQuery(parameter: name, reason: "is not supported here")
            }
        }
        // A clinician key sees only its own therapist's clients, whatever the query asks for.
        if key.role == .clinician { query.therapistScope = key.therapistID ?? "" }
        return query
    }

    static func response(_ page: SubmissionPage, request: HTTPRequest) -> HTTPResponse {
        var writer = JSONWriter(reservingCapacity: 1024 * (page.submissions.count + 1))
        writer.beginObject()
        writer.key("submissions")
        writer.beginArray()
        for stored in page.submissions { SubmissionRoutes.write(stored, into: &writer) }
        writer.endArray()
        writer.key("next")
        if let next = page.nextCursor { writer.string(next) } else { writer.null() }
        writer.endObject()
        var response = HTTPResponse.uncached(writer.bytes)
        if let next = page.nextCursor {
            response.headers["Link"] = "<\(NextLink.make(request, cursor: next))>; rel=\"next\""
        }
        return response
    }
}

/// The same request with `cursor` replaced, for `Link: <…>; rel="next"` (RFC 8288).
enum NextLink {
    static func make(_ request: HTTPRequest, cursor: String) -> String {
        let kept = request.queryItems.filter { $0.name != "cursor" }.map {
            PathEncoding.segment($0.name) + "=" + PathEncoding.segment($0.value)
        }
        return request.path + "?" + (kept + ["cursor=" + PathEncoding.segment(cursor)]).joined(separator: "&")
    }
}
