public import AttuneCore

/// A non-JSON representation of a table or chart endpoint, named by its media type: CSV tables,
/// SVG charts, or any other type the server offers (sent as `Accept`).
public struct AnalyticsFormat: Sendable, Hashable {
    /// The media type asked for, such as `text/csv`.
    public var mediaType: String

    /// A format by its media type.
    public init(mediaType: String) {
        self.mediaType = mediaType
    }

    /// `text/csv` (RFC 4180), one row per session and scale or per group.
    public static let csv = AnalyticsFormat(mediaType: "text/csv")
    /// `image/svg+xml`: a self-contained chart (trajectories).
    public static let svg = AnalyticsFormat(mediaType: "image/svg+xml")
}

/// The query of `GET /v1/clients/{client}/trajectory`.
public struct TrajectoryQuery: Sendable, Equatable {
    /// The questionnaire.
    public var questionnaire: String
    /// Only this scale; every scale when nil.
    public var scale: String?
    /// Whose submissions; the server's default (`client`) when nil.
    public var respondent: Respondent?
    /// How many sigma below the client's mean starts a rupture; the server's default when nil.
    public var k: Double?
    /// Later submissions after the last low session within which a repair counts.
    public var repairWithin: Int?
    /// Days without a session after which an unrepaired episode is ended.
    public var endedAfterDays: Int?

    /// A query.
    public init(
        questionnaire: String,
        scale: String? = nil,
        respondent: Respondent? = nil,
        k: Double? = nil,
        repairWithin: Int? = nil,
        endedAfterDays: Int? = nil
    ) {
        self.questionnaire = questionnaire
        self.scale = scale
        self.respondent = respondent
        self.k = k
        self.repairWithin = repairWithin
        self.endedAfterDays = endedAfterDays
    }

    var items: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = [("questionnaire", questionnaire)]
        if let scale { items.append(("scale", scale)) }
        if let respondent { items.append(("respondent", respondent.rawValue)) }
        if let k { items.append(("k", String(k))) }
        if let repairWithin { items.append(("repair_within", String(repairWithin))) }
        if let endedAfterDays { items.append(("ended_after_days", String(endedAfterDays))) }
        return items
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
    /// `GET /v1/clients/{client}/trajectory`: the client's sessions of one questionnaire with change,
    /// reliable change, ruptures and repairs (docs/analytics.md describes every member).
    public func trajectory(client: String, _ query: TrajectoryQuery) async throws(AttuneClientError)
        -> TrajectoryResource
    {
        let call = Call(method: .get, path: try Self.path("/v1/clients", client) + "/trajectory", query: query.items)
        return try await resource(TrajectoryResource.self, call)
    }

    /// ``trajectory(client:_:)`` for one questionnaire (and scale) with the server's default rules.
    public func trajectory(client: String, questionnaire: String, scale: String? = nil)
        async throws(AttuneClientError) -> TrajectoryResource
    {
        try await trajectory(client: client, TrajectoryQuery(questionnaire: questionnaire, scale: scale))
    }

    /// The same trajectory in another representation (``AnalyticsFormat/csv``, ``AnalyticsFormat/svg``):
    /// its bytes as the server sent them.
    public func trajectory(client: String, _ query: TrajectoryQuery, format: AnalyticsFormat)
        async throws(AttuneClientError) -> [UInt8]
    {
        var call = Call(method: .get, path: try Self.path("/v1/clients", client) + "/trajectory", query: query.items)
        call.accept = format.mediaType
        return try await send(call).body
    }

    /// ``trajectory(client:_:format:)`` for one questionnaire (and scale) with the default rules.
    public func trajectory(client: String, questionnaire: String, scale: String? = nil, format: AnalyticsFormat)
        async throws(AttuneClientError) -> [UInt8]
    {
        try await trajectory(
            client: client,
            TrajectoryQuery(questionnaire: questionnaire, scale: scale),
            format: format
        )
    }

    /// `GET /v1/aggregates`: statistics per group and scale.
    public func aggregates(_ query: AggregateQuery) async throws(AttuneClientError) -> AggregateResource {
        try await resource(AggregateResource.self, Call(method: .get, path: "/v1/aggregates", query: query.items))
    }

    /// The same aggregates in another representation (``AnalyticsFormat/csv``): the server's bytes.
    public func aggregates(_ query: AggregateQuery, format: AnalyticsFormat) async throws(AttuneClientError)
        -> [UInt8]
    {
        var call = Call(method: .get, path: "/v1/aggregates", query: query.items)
        call.accept = format.mediaType
        return try await send(call).body
    }

    /// The aggregates as CSV bytes.
    public func aggregatesCSV(_ query: AggregateQuery) async throws(AttuneClientError) -> [UInt8] {
        try await aggregates(query, format: .csv)
    }

    /// `GET /v1/aggregates/reliability`: the practice's own reliability estimates per scale; the
    /// server's defaults (`relationship-checkin`, `client`) for what is nil.
    public func reliability(questionnaire: String? = nil, respondent: Respondent? = nil)
        async throws(AttuneClientError) -> ReliabilityResource
    {
        var query: [(name: String, value: String)] = []
        if let questionnaire { query.append(("questionnaire", questionnaire)) }
        if let respondent { query.append(("respondent", respondent.rawValue)) }
        return try await resource(
            ReliabilityResource.self,
            Call(method: .get, path: "/v1/aggregates/reliability", query: query)
        )
    }

    /// One page of `GET /v1/clients` after `cursor` (nil: the first).
    public func clientPage(
        therapist: String? = nil,
        needingAttention: Bool = false,
        pageSize: Int? = nil,
        cursor: String? = nil
    ) async throws(AttuneClientError) -> ResourcePage<ClientSummaryResource> {
        var call = Call(method: .get, path: "/v1/clients")
        if let therapist { call.query.append(("therapist", therapist)) }
        if needingAttention { call.query.append(("attention", "true")) }
        if let pageSize { call.query.append(("limit", String(pageSize))) }
        if let cursor { call.query.append(("cursor", cursor)) }
        return try Self.page(ClientSummaryResource.self, "clients", isPaged: true, try await send(call))
    }

    /// `GET /v1/clients`, the attention list: every client of the key's scope (ordered by id), or with
    /// `needingAttention` only those needing attention, most urgent first; fetched a page at a time.
    public func clients(therapist: String? = nil, needingAttention: Bool = false, pageSize: Int? = nil)
        -> PagedSequence<ClientSummaryResource>
    {
        PagedSequence { cursor throws(AttuneClientError) in
            try await self.clientPage(
                therapist: therapist,
                needingAttention: needingAttention,
                pageSize: pageSize,
                cursor: cursor
            )
        }
    }

    /// `DELETE /v1/clients/{client}` (admin): erases every trace of the client (`204`). A second call
    /// answers `404`; so may a retry whose first attempt took effect but lost its answer.
    public func eraseClient(_ client: String) async throws(AttuneClientError) {
        _ = try await send(Call(method: .delete, path: Self.path("/v1/clients", client)), expecting: [204])
    }
}
