public import AttuneJSON

/// How a table or chart endpoint answers: JSON, or the bytes of a CSV table or an SVG chart.
public enum AnalyticsFormat: String, Sendable, CaseIterable {
    /// `text/csv` (RFC 4180), one row per session and scale or per group.
    case csv
    /// `image/svg+xml`: a self-contained chart (trajectories only).
    case svg

    var mediaType: String {
        switch self {
        case .csv: "text/csv"
        case .svg: "image/svg+xml"
        }
    }
}

/// The query of `GET /v1/aggregates`.
public struct AggregateQuery: Sendable, Equatable {
    /// The questionnaire aggregated.
    public var questionnaire: String
    /// Only this scale; every scale when nil.
    public var scale: String?
    /// `therapist`, `month`, `week`, `practice`, or a pair such as `therapist,month`.
    public var groupBy: String
    /// Sessions on or after this date (`YYYY-MM-DD`).
    public var from: String?
    /// Sessions on or before this date.
    public var to: String?
    /// Only this therapist.
    public var therapist: String?
    /// Only this respondent (`client` or `therapist`).
    public var respondent: String?

    /// A query.
    public init(
        questionnaire: String,
        scale: String? = nil,
        groupBy: String = "practice",
        from: String? = nil,
        to: String? = nil,
        therapist: String? = nil,
        respondent: String? = nil
    ) {
        self.questionnaire = questionnaire
        self.scale = scale
        self.groupBy = groupBy
        self.from = from
        self.to = to
        self.therapist = therapist
        self.respondent = respondent
    }

    var items: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = [("questionnaire", questionnaire), ("group_by", groupBy)]
        if let scale { items.append(("scale", scale)) }
        if let from { items.append(("from", from)) }
        if let to { items.append(("to", to)) }
        if let therapist { items.append(("therapist", therapist)) }
        if let respondent { items.append(("respondent", respondent)) }
        return items
    }
}

extension AttuneClient {
    /// `GET /v1/clients/{client}/trajectory` as JSON: the client's sessions of one questionnaire with
    /// change, reliable change, ruptures and repairs (docs/analytics.md describes every member).
    public func trajectory(client: String, questionnaire: String, scale: String? = nil)
        async throws(AttuneClientError) -> JSONValue
    {
        let call = Call(
            method: .get,
            path: try Self.path("/v1/clients", client) + "/trajectory",
            query: Self.trajectoryQuery(questionnaire, scale)
        )
        return try Self.json(try await send(call))
    }

    /// The same trajectory as CSV or SVG bytes.
    public func trajectory(client: String, questionnaire: String, scale: String? = nil, format: AnalyticsFormat)
        async throws(AttuneClientError) -> [UInt8]
    {
        var call = Call(
            method: .get,
            path: try Self.path("/v1/clients", client) + "/trajectory",
            query: Self.trajectoryQuery(questionnaire, scale)
        )
        call.accept = format.mediaType
        return try await send(call).body
    }

    /// `GET /v1/aggregates` as JSON: statistics per group and scale.
    public func aggregates(_ query: AggregateQuery) async throws(AttuneClientError) -> JSONValue {
        try Self.json(try await send(Call(method: .get, path: "/v1/aggregates", query: query.items)))
    }

    /// The same aggregates as CSV bytes.
    public func aggregatesCSV(_ query: AggregateQuery) async throws(AttuneClientError) -> [UInt8] {
        var call = Call(method: .get, path: "/v1/aggregates", query: query.items)
        call.accept = AnalyticsFormat.csv.mediaType
        return try await send(call).body
    }

    /// `DELETE /v1/clients/{client}` (admin): erases every trace of the client (`204`). A second call
    /// answers `404`; so may a retry whose first attempt took effect but lost its answer.
    public func eraseClient(_ client: String) async throws(AttuneClientError) {
        _ = try await send(Call(method: .delete, path: Self.path("/v1/clients", client)), expecting: [204])
    }

    private static func trajectoryQuery(_ questionnaire: String, _ scale: String?) -> [(name: String, value: String)] {
        var query: [(name: String, value: String)] = [("questionnaire", questionnaire)]
        if let scale { query.append(("scale", scale)) }
        return query
    }
}
