internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import Foundation
internal import HTTPServer

/// `GET /v1/clients/{client}/trajectory` and `GET /v1/aggregates/reliability` (docs/analytics.md).
enum TrajectoryRoutes {
    /// Who reads trajectories and reliability: not `intake` or `submit` keys.
    static let readers: Set<Role> = [.admin, .supervisor, .clinician]
    /// The most sessions one trajectory reads (pages of the submission list).
    static let maxSubmissions = 5000

    static func register(in router: inout Router, api: APIContext) {
        let estimates = ReliabilityEstimates()
        router.get("/v1/clients/{client}/trajectory") { request in
            let key = try api.authorize(request, roles: readers)
            let client = request.pathParameters["client"] ?? ""
            let query = try TrajectoryQuery(request)
            return try trajectory(client: client, query: query, key: key, api: api, estimates: estimates)
        }
        router.get("/v1/aggregates/reliability") { request in
            let key = try api.authorize(request, roles: readers)
            var questionnaire = BuiltInInstruments.relationshipCheckin.id
            var respondent = Respondent.client
            for (name, value) in request.queryItems {
                switch name {
                case "questionnaire": questionnaire = value
                case "respondent":
                    guard let parsed = Respondent(rawValue: value) else {
                        throw APIError.invalidQuery(parameter: name, reason: "must be client or therapist")
                    }
                    respondent = parsed
                default: throw APIError.invalidQuery(parameter: name, reason: "is not supported here")
                }
            }
            guard
                let published = try api.definitions.latest(practice: key.practiceID, id: questionnaire, mayBlock: true)
            else { throw APIError.notFound(resource: "questionnaire") }
            let found = try api.query("reliability") {
                try estimates.estimates(
                    store: api.store,
                    practiceID: key.practiceID,
                    definition: published.definition,
                    respondent: respondent,
                    fresh: true
                )
            }
            return .uncached(
                TrajectoryJSON.reliability(found, questionnaire: questionnaire, respondent: respondent)
            )
        }
    }

    private static func trajectory(
        client: String,
        query: TrajectoryQuery,
        key: APIKey,
        api: APIContext,
        estimates: ReliabilityEstimates
    ) throws -> HTTPResponse {
        let actor = AuditActor(key: key)
        let rows = try submissions(client: client, questionnaire: query.questionnaire, key: key, api: api)
            .filter { $0.respondent == query.respondent }
        // A clinician sees only the clients of their own therapist; anything else reads as missing.
        let visible =
            !rows.isEmpty
            && (key.role != .clinician || rows.contains { $0.therapistID == (key.therapistID ?? "") })
        api.store.recordAudit(practiceID: key.practiceID, .trajectoryRead(client: client, found: visible, by: actor)) {
            _ in
        }
        guard visible else { throw APIError.notFound(resource: "client") }
        guard
            let published = try api.definitions.latest(
                practice: key.practiceID,
                id: query.questionnaire,
                mayBlock: true
            )
        else { throw APIError.notFound(resource: "questionnaire") }
        let definition = published.definition
        let sessions = rows.compactMap(trajectorySession).sorted { $0.session < $1.session }
        let shared = Set(TrajectoryBuilder.sharedScaleIDs(sessions))
        // In the definition's order, as the questionnaire presents its scales.
        var scaleIDs = definition.scales.map(\.id).filter { shared.contains($0) }
        if let scale = query.scale {
            guard scaleIDs.contains(scale) else {
                throw APIError.invalidQuery(parameter: "scale", reason: "is not a scale of this questionnaire")
            }
            scaleIDs = [scale]
        } else if query.format == .svg {
            // A chart draws one scale.
            scaleIDs = TrajectorySVG.defaultScale(among: scaleIDs).map { [$0] } ?? []
        }
        let needsEstimate = scaleIDs.contains {
            definition.scale(withID: $0).flatMap(ReliableChangeCriterion.init) == nil
        }
        let practice =
            needsEstimate
            ? try api.query("reliability") {
                try estimates.estimates(
                    store: api.store,
                    practiceID: key.practiceID,
                    definition: definition,
                    respondent: query.respondent,
                    fresh: false
                )
            } : []
        let ruptureScales = RuptureScale.scales(of: definition)
        let trajectories = scaleIDs.map { id in
            TrajectoryBuilder.build(
                sessions,
                scaleID: id,
                source: ReliableChangeSource(
                    scale: definition.scale(withID: id),
                    practice: practice.first { $0.scaleID == id }
                ),
                ruptureScale: ruptureScales.first { $0.id == id },
                rules: query.rules
            )
        }
        let latest = try api.read("client") {
            try api.store.latestSessionDate(practiceID: key.practiceID, clientID: client)
        }
        switch query.format {
        case .json: break
        case .svg:
            guard let trajectory = trajectories.first else {
                throw APIError.invalidQuery(parameter: "scale", reason: "the client's sessions share no scale to draw")
            }
            let therapistSessions =
                query.respondent == .client
                ? try submissions(client: client, questionnaire: definition.id + "-therapist", key: key, api: api)
                    .filter { $0.respondent == .therapist }
                    .compactMap(trajectorySession)
                    .sorted { $0.session < $1.session }
                : nil
            return HTTPResponse(
                status: .ok,
                headers: ["Content-Type": TrajectoryChart.contentType, "Cache-Control": "no-store"],
                body: TrajectorySVG.document(
                    client: client,
                    definition: definition,
                    respondent: query.respondent,
                    trajectory: trajectory,
                    therapistSessions: therapistSessions
                )
            )
        case .csv:
            let today = TrajectoryQuery.today()
            return HTTPResponse(
                status: .ok,
                headers: ["Content-Type": CSVWriter.contentType, "Cache-Control": "no-store"],
                body: TrajectoryCSV.document(
                    client: client,
                    query: query,
                    trajectories: trajectories,
                    lastSessionDate: latest.flatMap(CalendarDate.init),
                    today: today
                )
            )
        }
        let views = try twoViews(client: client, rows: rows, definition: definition, query: query, key: key, api: api)
        let body = TrajectoryJSON.trajectory(
            client: client,
            query: query,
            sessions: sessions,
            trajectories: trajectories,
            views: views,
            lastSessionDate: latest.flatMap(CalendarDate.init),
            today: TrajectoryQuery.today()
        )
        return .uncached(body)
    }

    /// The client's current submissions of one questionnaire, by the client index, every page.
    private static func submissions(client: String, questionnaire: String, key: APIKey, api: APIContext) throws
        -> [StoredSubmission]
    {
        var rows: [StoredSubmission] = []
        var query = SubmissionQuery(clientID: client, questionnaireID: questionnaire, limit: SubmissionQuery.maxLimit)
        while rows.count < maxSubmissions {
            let page = try api.query("submission") {
                try api.store.submissions(practiceID: key.practiceID, query: query, auditAs: nil)
            }
            rows += page.submissions
            guard let next = page.nextCursor else { break }
            query.cursor = next
        }
        return rows
    }

    private static func trajectorySession(_ stored: StoredSubmission) -> TrajectorySession? {
        guard let date = CalendarDate(stored.date),
            let facts = SubmissionFacts(
                scoresJSON: stored.scores,
                alertsJSON: stored.alerts,
                answersJSON: stored.answers
            )
        else { return nil }
        return TrajectorySession(
            submissionID: stored.id,
            version: stored.version,
            session: stored.session,
            date: date,
            therapistID: stored.therapistID,
            facts: facts
        )
    }

    /// The therapist's form beside a client-rated one: `X-therapist` for questionnaire `X`.
    private static func twoViews(
        client: String,
        rows: [StoredSubmission],
        definition: QuestionnaireDefinition,
        query: TrajectoryQuery,
        key: APIKey,
        api: APIContext
    ) throws -> (therapistQuestionnaire: String, views: TwoViews)? {
        guard query.respondent == .client else { return nil }
        let therapistID = definition.id + "-therapist"
        guard
            let therapistForm = try api.definitions.latest(practice: key.practiceID, id: therapistID, mayBlock: true)?
                .definition
        else { return nil }
        let therapistRows = try submissions(client: client, questionnaire: therapistID, key: key, api: api)
            .filter { $0.respondent == .therapist }
        guard !therapistRows.isEmpty else { return nil }
        let items: [(id: String, range: ClosedRange<Double>)] = definition.items.compactMap { item in
            guard item.type == .likert || item.type == .scale, let range = item.scoreRange,
                therapistForm.item(withID: item.id)?.scoreRange == range
            else { return nil }
            return (item.id, range)
        }
        func raters(_ rows: [StoredSubmission], _ form: QuestionnaireDefinition) -> [RaterSession] {
            rows.compactMap { row in
                guard let date = CalendarDate(row.date) else { return nil }
                let facts = SubmissionFacts(scoresJSON: row.scores, alertsJSON: row.alerts, answersJSON: row.answers)
                return RaterSession(
                    session: row.session,
                    date: date,
                    itemScores: RaterSession.itemScores(answersJSON: row.answers, definition: form),
                    report: facts?.directReport
                )
            }
        }
        return (
            therapistID,
            TwoViews(client: raters(rows, definition), therapist: raters(therapistRows, therapistForm), items: items)
        )
    }
}

/// The trajectory's query parameters, checked.
struct TrajectoryQuery {
    var questionnaire = BuiltInInstruments.relationshipCheckin.id
    var respondent = Respondent.client
    var scale: String?
    var rules = RuptureRules.standard
    /// The representation: `format=`, else an `Accept` that names `text/csv` or `image/svg+xml` and not
    /// JSON, else JSON.
    var format = TrajectoryFormat.json

    init(_ request: HTTPRequest) throws {
        if let accept = request.headers["Accept"], !accept.contains("application/json") {
            if accept.contains("text/csv") {
                format = .csv
            } else if accept.contains("image/svg+xml") {
                format = .svg
            }
        }
        for (name, value) in request.queryItems {
            switch name {
            case "format":
                guard let parsed = TrajectoryFormat(rawValue: value) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be json, csv or svg")
                }
                format = parsed

            case "questionnaire": questionnaire = value
            case "scale": scale = value
            case "respondent":
                guard let parsed = Respondent(rawValue: value) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be client or therapist")
                }
                respondent = parsed
            case "k":
                guard let k = Double(value), k.isFinite, RuptureRules.kRange.contains(k) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be a number from 0.5 to 4")
                }
                rules.k = k
            case "repair_within":
                guard let count = Int(value), RuptureRules.repairWithinRange.contains(count) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be an integer from 1 to 50")
                }
                rules.repairWithin = count
            case "ended_after_days":
                guard let days = Int(value), RuptureRules.endedAfterDaysRange.contains(days) else {
                    throw APIError.invalidQuery(parameter: name, reason: "must be an integer from 1 to 3650")
                }
                rules.endedAfterDays = days
            default:
                throw APIError.invalidQuery(parameter: name, reason: "is not supported here")
            }
        }
    }

    /// The server's UTC date.
    static func today() -> CalendarDate? {
        CalendarDate(utcSecondsSince1970: Date().timeIntervalSince1970)
    }
}

/// The representations of a trajectory.
enum TrajectoryFormat: String {
    case json, csv, svg
}
