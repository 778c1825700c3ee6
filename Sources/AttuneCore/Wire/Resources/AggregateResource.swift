public import AttuneJSON

/// `GET /v1/aggregates` as JSON: statistics per group and scale (openapi.yaml `Aggregate`).
public struct AggregateResource: WireResource {
    /// How reliable change is judged for one scale, or why it is not available.
    public struct ReliableChangeRule: Sendable, Equatable {
        /// Whether reliable change is counted for the scale.
        public var available: Bool
        /// Where the criterion comes from.
        public var source: String?
        /// 1.96 × S_diff.
        public var minimumChange: Double?
        /// Whether a higher value is an improvement.
        public var higherIsBetter: Bool?
        /// Why it is not available.
        public var reason: String?
    }

    /// How therapists' means are shrunk (with `group_by=therapist`).
    public struct Shrinkage: Sendable, Equatable {
        /// The method's name.
        public var method: String
        /// Whether the interval is approximate.
        public var approximate: Bool
        /// Why some scale has no shrunk means.
        public var unavailable: String?
    }

    /// The rupture counts of a group's scale.
    public struct Ruptures: Sendable, Equatable {
        /// Episodes.
        public var ruptures: Int
        /// Repaired ones.
        public var repaired: Int
        /// Unresolved ones.
        public var unresolved: Int
        /// Ended ones.
        public var ended: Int
        /// Repaired out of the episodes past their repair window.
        public var repairRate: Double?
        /// The median sessions to repair.
        public var medianLatencySessions: Double?
        /// The median days to repair.
        public var medianLatencyDays: Double?
    }

    /// A therapist's shrunk mean of one scale.
    public struct Shrunk: Sendable, Equatable {
        /// The mean of the therapist's client means.
        public var clientMean: Double?
        /// Shrunk toward the practice's mean of client means.
        public var mean: Double?
        /// The weight of the therapist's own mean.
        public var weight: Double?
        /// The approximate 95 % interval's lower end.
        public var lower: Double?
        /// Its upper end.
        public var upper: Double?
    }

    /// One scale of a group; statistics are nil when suppressed or without values.
    public struct Scale: Sendable, Equatable {
        /// The scale id.
        public var id: String
        /// Values counted.
        public var n: Int?
        /// The mean.
        public var mean: Double?
        /// The sample standard deviation (n − 1).
        public var sd: Double?
        /// The minimum.
        public var min: Double?
        /// The first quartile.
        public var p25: Double?
        /// The median.
        public var median: Double?
        /// The third quartile.
        public var p75: Double?
        /// The maximum.
        public var max: Double?
        /// Counts per band label, in the server's order.
        public var bands: [(label: String, count: Int)]?
        /// Clients reliably improved.
        public var reliableImprovement: Int?
        /// Clients reliably deteriorated.
        public var reliableDeterioration: Int?
        /// Clients with a baseline and a value in the group.
        public var clientsWithChange: Int?
        /// Rupture counts.
        public var ruptures: Ruptures?
        /// The shrunk mean (with `group_by=therapist`).
        public var shrunk: Shrunk?

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.id == rhs.id && lhs.n == rhs.n && lhs.mean == rhs.mean && lhs.sd == rhs.sd && lhs.min == rhs.min
                && lhs.p25 == rhs.p25 && lhs.median == rhs.median && lhs.p75 == rhs.p75 && lhs.max == rhs.max
                && lhs.bands?.map(\.label) == rhs.bands?.map(\.label)
                && lhs.bands?.map(\.count) == rhs.bands?.map(\.count)
                && lhs.reliableImprovement == rhs.reliableImprovement
                && lhs.reliableDeterioration == rhs.reliableDeterioration
                && lhs.clientsWithChange == rhs.clientsWithChange && lhs.ruptures == rhs.ruptures
                && lhs.shrunk == rhs.shrunk
        }
    }

    /// One group (or the total).
    public struct Group: Sendable, Equatable {
        /// The therapist, when grouped by therapist.
        public var therapist: String?
        /// The month `YYYY-MM`, when grouped by month.
        public var month: String?
        /// The ISO week `YYYY-Www`, when grouped by week.
        public var week: String?
        /// Submissions counted.
        public var submissions: Int
        /// Distinct clients.
        public var clients: Int
        /// Whether statistics are withheld.
        public var suppressed: Bool
        /// Alerts fired; nil when suppressed.
        public var alerts: Int?
        /// Per scale.
        public var scales: [Scale]
    }

    /// The questionnaire.
    public var questionnaire: String
    /// Whose submissions.
    public var respondent: Respondent
    /// The grouping, such as `["therapist", "month"]`.
    public var groupBy: [String]
    /// The first date counted.
    public var from: String?
    /// The last date counted.
    public var to: String?
    /// Groups with fewer distinct clients are suppressed.
    public var minimumClients: Int
    /// `key` or `mean`.
    public var order: String
    /// Why `order=mean` was not followed.
    public var orderNote: String?
    /// Per scale id, in the server's order.
    public var reliableChange: [(scale: String, rule: ReliableChangeRule)]
    /// With `group_by=therapist`.
    public var shrinkage: Shrinkage?
    /// The groups.
    public var groups: [Group]
    /// All groups together.
    public var total: Group

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.questionnaire == rhs.questionnaire && lhs.respondent == rhs.respondent && lhs.groupBy == rhs.groupBy
            && lhs.from == rhs.from && lhs.to == rhs.to && lhs.minimumClients == rhs.minimumClients
            && lhs.order == rhs.order && lhs.orderNote == rhs.orderNote
            && lhs.reliableChange.map(\.scale) == rhs.reliableChange.map(\.scale)
            && lhs.reliableChange.map(\.rule) == rhs.reliableChange.map(\.rule) && lhs.shrinkage == rhs.shrinkage
            && lhs.groups == rhs.groups && lhs.total == rhs.total
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        let rule = JSONField<ReliableChangeRule>.resource(unknown) { reader in
            let available = reader.required("available", .bool)
            let source = reader.optional("source", .string)
            let minimumChange = reader.optional("minimumChange", .double)
            let higherIsBetter = reader.optional("higherIsBetter", .bool)
            let reason = reader.optional("reason", .string)
            guard let available else { return nil }
            return ReliableChangeRule(
                available: available,
                source: source,
                minimumChange: minimumChange,
                higherIsBetter: higherIsBetter,
                reason: reason
            )
        }
        let shrinkage = JSONField<Shrinkage>.resource(unknown) { reader in
            let method = reader.required("method", .string)
            let approximate = reader.required("approximate", .bool)
            let unavailable = reader.required("unavailable", .nullableString)
            guard let method, let approximate, let unavailable else { return nil }
            return Shrinkage(method: method, approximate: approximate, unavailable: unavailable)
        }
        let group = groupField(unknown)
        return .resource(unknown) { reader in
            let questionnaire = reader.required("questionnaire", .string)
            let respondent = reader.required("respondent", .enumeration as JSONField<Respondent>)
            let groupBy = reader.required("groupBy", .array(of: .string))
            let from = reader.required("from", .nullableString)
            let to = reader.required("to", .nullableString)
            let minimumClients = reader.required("minimumClients", .int)
            let order = reader.required("order", .string)
            let orderNote = reader.optional("orderNote", .string)
            let reliableChange = reader.required("reliableChange", .map(of: rule))
            let shrunk = reader.optional("shrinkage", shrinkage)
            let groups = reader.required("groups", .array(of: group))
            let total = reader.required("total", group)
            guard let questionnaire, let respondent, let groupBy, let from, let to, let minimumClients, let order,
                let reliableChange, let groups, let total
            else { return nil }
            return AggregateResource(
                questionnaire: questionnaire,
                respondent: respondent,
                groupBy: groupBy,
                from: from,
                to: to,
                minimumClients: minimumClients,
                order: order,
                orderNote: orderNote,
                reliableChange: reliableChange.map { (scale: $0.0, rule: $0.1) },
                shrinkage: shrunk,
                groups: groups,
                total: total
            )
        }
    }

    private static func groupField(_ unknown: UnknownMembers) -> JSONField<Group> {
        let scale = scaleField(unknown)
        return .resource(unknown) { reader in
            let therapist = reader.optional("therapist", .string)
            let month = reader.optional("month", .string)
            let week = reader.optional("week", .string)
            let submissions = reader.required("submissions", .int)
            let clients = reader.required("clients", .int)
            let suppressed = reader.required("suppressed", .bool)
            let alerts = reader.required("alerts", .nullable(.int))
            let scales = reader.required("scales", .array(of: scale))
            guard let submissions, let clients, let suppressed, let alerts, let scales else { return nil }
            return Group(
                therapist: therapist,
                month: month,
                week: week,
                submissions: submissions,
                clients: clients,
                suppressed: suppressed,
                alerts: alerts,
                scales: scales
            )
        }
    }

    private static func scaleField(_ unknown: UnknownMembers) -> JSONField<Scale> {
        let ruptures = JSONField<Ruptures>.resource(unknown) { reader in
            let ruptures = reader.required("ruptures", .int)
            let repaired = reader.required("repaired", .int)
            let unresolved = reader.required("unresolved", .int)
            let ended = reader.required("ended", .int)
            let repairRate = reader.required("repairRate", .nullableDouble)
            let sessions = reader.required("medianLatencySessions", .nullableDouble)
            let days = reader.required("medianLatencyDays", .nullableDouble)
            guard let ruptures, let repaired, let unresolved, let ended, let repairRate, let sessions, let days
            else { return nil }
            return Ruptures(
                ruptures: ruptures,
                repaired: repaired,
                unresolved: unresolved,
                ended: ended,
                repairRate: repairRate,
                medianLatencySessions: sessions,
                medianLatencyDays: days
            )
        }
        let shrunk = JSONField<Shrunk>.resource(unknown) { reader in
            let clientMean = reader.required("clientMean", .nullableDouble)
            let mean = reader.required("mean", .nullableDouble)
            let weight = reader.required("weight", .nullableDouble)
            let lower = reader.required("lower", .nullableDouble)
            let upper = reader.required("upper", .nullableDouble)
            guard let clientMean, let mean, let weight, let lower, let upper else { return nil }
            return Shrunk(clientMean: clientMean, mean: mean, weight: weight, lower: lower, upper: upper)
        }
        return .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let n = reader.required("n", .nullable(.int))
            var statistics: [Double??] = []
            for name in ["mean", "sd", "min", "p25", "median", "p75", "max"] {
                statistics.append(reader.required(name, .nullableDouble))
            }
            let bands = reader.required("bands", .nullable(.map(of: .int)))
            let improvement = reader.required("reliableImprovement", .nullable(.int))
            let deterioration = reader.required("reliableDeterioration", .nullable(.int))
            let withChange = reader.required("clientsWithChange", .nullable(.int))
            let rupture = reader.required("ruptures", .nullable(ruptures))
            let shrunkMean = reader.optional("shrunk", shrunk)
            let values = statistics.compactMap { $0 }
            guard let id, let n, values.count == statistics.count, let bands, let improvement, let deterioration,
                let withChange, let rupture
            else { return nil }
            return Scale(
                id: id,
                n: n,
                mean: values[0],
                sd: values[1],
                min: values[2],
                p25: values[3],
                median: values[4],
                p75: values[5],
                max: values[6],
                bands: bands.map { $0.map { (label: $0.0, count: $0.1) } },
                reliableImprovement: improvement,
                reliableDeterioration: deterioration,
                clientsWithChange: withChange,
                ruptures: rupture,
                shrunk: shrunkMean
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("questionnaire", questionnaire)
        writer.member("respondent", respondent.rawValue)
        writer.key("groupBy")
        writer.array(groupBy) { name, writer in writer.string(name) }
        writer.key("from")
        writer.stringOrNull(from)
        writer.key("to")
        writer.stringOrNull(to)
        writer.member("minimumClients", minimumClients)
        writer.member("order", order)
        writer.member("orderNote", orderNote)
        writer.key("reliableChange")
        writer.beginObject()
        for (scale, rule) in reliableChange {
            writer.key(scale)
            writer.beginObject()
            writer.member("available", rule.available)
            writer.member("source", rule.source)
            writer.member("minimumChange", rule.minimumChange)
            writer.member("higherIsBetter", rule.higherIsBetter)
            writer.member("reason", rule.reason)
            writer.endObject()
        }
        writer.endObject()
        if let shrinkage {
            writer.key("shrinkage")
            writer.beginObject()
            writer.member("method", shrinkage.method)
            writer.member("approximate", shrinkage.approximate)
            writer.key("unavailable")
            writer.stringOrNull(shrinkage.unavailable)
            writer.endObject()
        }
        writer.key("groups")
        writer.array(groups) { group, writer in Self.write(group, into: &writer) }
        writer.key("total")
        Self.write(total, into: &writer)
        writer.endObject()
    }

    private static func write(_ group: Group, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("therapist", group.therapist)
        writer.member("month", group.month)
        writer.member("week", group.week)
        writer.member("submissions", group.submissions)
        writer.member("clients", group.clients)
        writer.member("suppressed", group.suppressed)
        writer.key("alerts")
        writer.numberOrNull(group.alerts)
        writer.key("scales")
        writer.array(group.scales) { scale, writer in write(scale, into: &writer) }
        writer.endObject()
    }

    private static func write(_ scale: Scale, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", scale.id)
        writer.key("n")
        writer.numberOrNull(scale.n)
        for (name, value) in [
            ("mean", scale.mean), ("sd", scale.sd), ("min", scale.min), ("p25", scale.p25),
            ("median", scale.median), ("p75", scale.p75), ("max", scale.max),
        ] {
            writer.key(name)
            writer.numberOrNull(value)
        }
        writer.key("bands")
        if let bands = scale.bands {
            writer.beginObject()
            for band in bands { writer.member(band.label, band.count) }
            writer.endObject()
        } else {
            writer.null()
        }
        for (name, value) in [
            ("reliableImprovement", scale.reliableImprovement), ("reliableDeterioration", scale.reliableDeterioration),
            ("clientsWithChange", scale.clientsWithChange),
        ] {
            writer.key(name)
            writer.numberOrNull(value)
        }
        writer.key("ruptures")
        if let ruptures = scale.ruptures {
            writer.beginObject()
            writer.member("ruptures", ruptures.ruptures)
            writer.member("repaired", ruptures.repaired)
            writer.member("unresolved", ruptures.unresolved)
            writer.member("ended", ruptures.ended)
            writer.key("repairRate")
            writer.numberOrNull(ruptures.repairRate)
            writer.key("medianLatencySessions")
            writer.numberOrNull(ruptures.medianLatencySessions)
            writer.key("medianLatencyDays")
            writer.numberOrNull(ruptures.medianLatencyDays)
            writer.endObject()
        } else {
            writer.null()
        }
        if let shrunk = scale.shrunk {
            writer.key("shrunk")
            writer.beginObject()
            for (name, value) in [
                ("clientMean", shrunk.clientMean), ("mean", shrunk.mean), ("weight", shrunk.weight),
                ("lower", shrunk.lower), ("upper", shrunk.upper),
            ] {
                writer.key(name)
                writer.numberOrNull(value)
            }
            writer.endObject()
        }
        writer.endObject()
    }
}
