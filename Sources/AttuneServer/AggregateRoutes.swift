internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import Foundation
internal import HTTPServer

/// `GET /v1/aggregates?questionnaire=&scale=&group_by=&from=&to=&therapist=&respondent=`: per group and
/// scale, counts, statistics, bands, alerts, reliable change and ruptures, answered from the rollups
/// (docs/analytics.md, "Aggregates").
enum AggregateRoutes {
    /// The roles that read aggregates; a clinician only their own therapist's.
    static let roles: Set<Role> = [.admin, .supervisor, .clinician]

    static func register(in router: inout Router, api: APIContext, minimumClients: Int) {
        router.get("/v1/aggregates") { request in
            let key = try api.authorize(request, roles: roles)
            let parsed = try AggregateParameters(request, key: key)
            guard
                let published = try api.definitions.latest(
                    practice: key.practiceID,
                    id: parsed.questionnaireID,
                    mayBlock: true
                )
            else {
                throw APIError.invalidQuery(
                    parameter: "questionnaire",
                    reason: "names no questionnaire of this practice"
                )
            }
            let definition = published.definition
            if let scale = parsed.scaleID, !definition.scales.contains(where: { $0.id == scale }) {
                throw APIError.invalidQuery(parameter: "scale", reason: "is not a scale of this questionnaire")
            }
            let query = AggregateQuery(
                questionnaireID: parsed.questionnaireID,
                respondent: parsed.respondent ?? definition.respondent,
                scaleID: parsed.scaleID,
                groupBy: parsed.groupBy,
                from: parsed.from,
                to: parsed.to,
                therapistID: parsed.therapistID,
                viewerTherapistID: key.role == .clinician ? key.therapistID : nil,
                minimumClients: minimumClients,
                today: today(),
                endedAfterDays: parsed.endedAfterDays,
                criteria: criteria(of: definition)
            )
            let result = try api.read("aggregate") { try api.store.aggregate(practiceID: key.practiceID, query) }
            if parsed.format == .csv || (parsed.format == nil && wantsCSV(request)) {
                return HTTPResponse(
                    status: .ok,
                    headers: ["Content-Type": CSVWriter.contentType, "Cache-Control": "no-store"],
                    body: AggregateCSV.encode(
                        AggregateJSON.ordered(result, query: query, order: parsed.order).groups,
                        total: result.total
                    )
                )
            }
            return HTTPResponse.uncached(
                AggregateJSON.encode(result, query: query, definition: definition, order: parsed.order)
            )
        }
    }

    /// Reliable change per scale from the definition's `sd` and `reliability` (Jacobson & Truax).
    static func criteria(of definition: QuestionnaireDefinition) -> [String: ChangeCriterion] {
        var criteria: [String: ChangeCriterion] = [:]
        for scale in definition.scales {
            guard let criterion = ReliableChangeCriterion(scale: scale) else { continue }
            criteria[scale.id] = ChangeCriterion(
                minimumChange: criterion.minimumReliableChange,
                higherIsBetter: scale.cutoff?.direction != .above,
                source: "definition"
            )
        }
        return criteria
    }

    /// Whether the `Accept` field asks for CSV (and not JSON first).
    static func wantsCSV(_ request: HTTPRequest) -> Bool {
        guard let accept = request.headers["Accept"]?.lowercased() else { return false }
        let types = accept.split(separator: ",").map {
            $0.split(separator: ";").first.map { $0.trimmingASCIISpaces() } ?? ""
        }
        guard let csv = types.firstIndex(of: "text/csv") else { return false }
        let json = types.firstIndex { $0 == "application/json" || $0 == "*/*" } ?? types.endIndex
        return csv < json
    }

    /// The server's UTC date.
    static func today() -> CalendarDate {
        CalendarDate(utcSecondsSince1970: Date().timeIntervalSince1970)
    }
}

/// The checked query parameters of `GET /v1/aggregates`.
struct AggregateParameters {
    enum Order: String {
        case key
        case mean
    }

    var questionnaireID = ""
    var scaleID: String?
    var groupBy: [AggregateDimension] = [.practice]
    var from: CalendarDate?
    var to: CalendarDate?
    var therapistID: String?
    var respondent: Respondent?
    var endedAfterDays = 60
    var order = Order.key
    var format: Format?

    enum Format: String {
        case json
        case csv
    }

    init(_ request: HTTPRequest, key: APIKey) throws {
        var questionnaire: String?
        for (name, value) in request.queryItems {
            switch name {
            case "questionnaire": questionnaire = value
            case "scale": scaleID = value
            case "group_by": groupBy = try Self.grouping(value)
            case "from", "to":
                guard let date = CalendarDate(value) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be a date YYYY-MM-DD")
                }
                if name == "from" { from = date } else { to = date }
            case "therapist": therapistID = value
            case "respondent":
                guard let respondent = Respondent(rawValue: value) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be client or therapist")
                }
                self.respondent = respondent
            case "ended_after_days":
                guard let days = Int(value), (1...3650).contains(days) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be an integer from 1 to 3650")
                }
                endedAfterDays = days
            case "order":
                guard let order = Order(rawValue: value) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be key or mean")
                }
                self.order = order
            case "format":
                guard let format = Format(rawValue: value) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be json or csv")
                }
                self.format = format
            default:
                throw APIError.invalidQuery(parameter: name, reason: "is not supported here")
            }
        }
        guard let questionnaire, !questionnaire.isEmpty else {
            throw APIError.invalidQuery(parameter: "questionnaire", reason: "is required")
        }
        questionnaireID = questionnaire
        if let from, let to, to < from {
            throw APIError.invalidQuery(parameter: "to", reason: "must not be before from")
        }
        if order == .mean, scaleID == nil {
            throw APIError.invalidQuery(parameter: "order", reason: "mean needs a scale")
        }
        if key.role == .clinician {
            // A clinician key reads its own therapist only; naming another is refused, not ignored.
            let own = key.therapistID ?? ""
            if let asked = therapistID, asked != own { throw APIError.forbidden(role: key.role.rawValue) }
            therapistID = own
        }
    }

    /// `practice`, one dimension, or two different ones (`therapist,month`); `practice` only alone.
    static func grouping(_ value: String) throws -> [AggregateDimension] {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let dimensions = parts.compactMap(AggregateDimension.init(rawValue:))
        guard dimensions.count == parts.count, (1...2).contains(dimensions.count),
            Set(dimensions).count == dimensions.count,
            dimensions.count == 1 || !dimensions.contains(.practice),
            !(dimensions.contains(.month) && dimensions.contains(.week))
        else {
            throw APIError.invalidQuery(
                parameter: "group_by",
                reason:
                    "must be practice, therapist, month or week, or two of therapist, month and week (not month,week)"
            )
        }
        return dimensions == [.practice] ? [.practice] : dimensions
    }
}
