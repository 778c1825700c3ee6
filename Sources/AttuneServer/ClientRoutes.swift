internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import Foundation
internal import HTTPServer

/// `/v1/clients`: the attention list, and the erasure of a client.
enum ClientRoutes {
    static func register(in router: inout Router, api: APIContext) {
        router.onDeferred(.delete, "/v1/clients/{client}") { request, responder in
            do {
                let key = try api.authorize(request, roles: [.admin])
                let client = request.pathParameters["client"] ?? ""
                // An id that could never have been stored names no client: the same 404 as an erased one.
                guard (try? Validation.pseudonymousID(client, field: "client")) != nil else {
                    throw APIError.notFound(resource: "client")
                }
                api.store.eraseClient(practiceID: key.practiceID, clientID: client, actor: AuditActor(key: key)) {
                    result in
                    responder.complete(result, resource: "client") { _ in
                        HTTPResponse(status: .noContent, headers: ["Cache-Control": "no-store"])
                    }
                }
            } catch {
                responder.fail(error)
            }
        }
        registerList(in: &router, api: api)
    }

    static let readers: Set<Role> = [.admin, .supervisor, .clinician]

    static func registerList(in router: inout Router, api: APIContext) {
        router.get("/v1/clients") { request in
            let key = try api.authorize(request, roles: readers)
            let query = try listQuery(from: request, key: key)
            let definitions = api.definitions
            let practice = key.practiceID
            let page = try api.query("client") {
                try api.store.clients(practiceID: practice, query: query) { id, version in
                    (try? definitions.version(practice: practice, id: id, version: version, mayBlock: true))?.plan
                        .definition
                }
            }
            var writer = JSONWriter(reservingCapacity: 1024 * (page.clients.count + 1))
            writer.beginObject()
            writer.key("clients")
            writer.beginArray()
            for summary in page.clients { write(summary, into: &writer) }
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

    static func listQuery(from request: HTTPRequest, key: APIKey) throws -> ClientListQuery {
        var query = ClientListQuery(today: today())
        for (name, value) in request.queryItems {
            switch name {
            case "therapist": query.therapistID = value
            case "attention":
                guard value == "true" || value == "false" else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be true or false")
                }
                query.attentionOnly = value == "true"
            case "limit":
                guard let limit = Int(value), (1...ClientListQuery.maxLimit).contains(limit) else {
                    throw APIError.invalidQuery(
                        parameter: name,
                        reason: "must be an integer from 1 to \(ClientListQuery.maxLimit)"
                    )
                }
                query.limit = limit
            case "cursor": query.cursor = value
            default:
                throw APIError.invalidQuery(parameter: name, reason: "is not supported here")
            }
        }
        // A clinician key sees only its own therapist's clients, whatever the query asks for.
        if key.role == .clinician { query.therapistScope = key.therapistID ?? "" }
        return query
    }

    /// The server's UTC date, `YYYY-MM-DD`.
    static func today(_ now: Date = Date()) -> String {
        CalendarDate(utcSecondsSince1970: now.timeIntervalSince1970).description
    }

    /// One client of the list (the column order of the CSV follows these members).
    static func write(_ summary: ClientSummary, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("client")
        writer.string(summary.clientID)
        writer.key("therapist")
        writer.string(summary.therapistID)
        writer.key("lastSession")
        writer.number(summary.lastSession)
        writer.key("lastSessionDate")
        writer.string(summary.lastSessionDate)
        writer.key("daysSinceLastSession")
        if let days = summary.daysSinceLastSession { writer.number(days) } else { writer.null() }
        writer.key("attention")
        writer.beginArray()
        for reason in summary.reasons { writer.string(reason.rawValue) }
        writer.endArray()
        writer.key("alertsInLastSession")
        writer.number(summary.alertsInLastSession)
        writer.key("openRuptures")
        writer.beginArray()
        for rupture in summary.openRuptures {
            let episode = rupture.episode
            writer.beginObject()
            writer.key("questionnaire")
            writer.string(episode.questionnaireID)
            writer.key("respondent")
            writer.string(episode.respondent.rawValue)
            writer.key("scale")
            writer.string(episode.scaleID)
            writer.key("kind")
            writer.string(episode.kind)
            writer.key("firstSession")
            writer.number(episode.firstSession)
            writer.key("firstDate")
            writer.string(episode.firstDate)
            writer.key("lastLowDate")
            writer.string(episode.lastLowDate)
            writer.key("status")
            writer.string(rupture.status.rawValue)
            writer.endObject()
        }
        writer.endArray()
        writer.key("missedRuptures")
        writer.beginArray()
        for missed in summary.missedRuptures {
            writer.beginObject()
            writer.key("session")
            writer.number(missed.session)
            writer.key("date")
            writer.string(missed.date)
            writer.key("quality")
            if let quality = missed.qualityID { writer.string(quality) } else { writer.null() }
            writer.endObject()
        }
        writer.endArray()
        writer.key("questionnaires")
        writer.beginArray()
        for questionnaire in summary.questionnaires { write(questionnaire, into: &writer) }
        writer.endArray()
        writer.endObject()
    }

    private static func write(_ questionnaire: ClientSummary.QuestionnaireStatus, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("questionnaire")
        writer.string(questionnaire.questionnaireID)
        writer.key("version")
        writer.number(questionnaire.version)
        writer.key("respondent")
        writer.string(questionnaire.respondent.rawValue)
        writer.key("session")
        writer.number(questionnaire.session)
        writer.key("date")
        writer.string(questionnaire.date)
        writer.key("alerts")
        writer.number(questionnaire.alerts)
        writer.key("scales")
        writer.beginArray()
        for scale in questionnaire.scales {
            writer.beginObject()
            writer.key("id")
            writer.string(scale.id)
            writer.key("value")
            if let value = scale.value { writer.number(value) } else { writer.null() }
            writer.key("band")
            if let band = scale.band { writer.string(band) } else { writer.null() }
            writer.key("reliableChange")
            if let change = scale.reliableChange { writer.string(change.rawValue) } else { writer.null() }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}
