internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore

/// The JSON of `GET /v1/aggregates` (openapi.yaml `Aggregate`).
enum AggregateJSON {
    /// Groups need this many clients each before they may be ordered by score.
    static let minimumClientsToRank = 10

    /// The groups in the asked order, the order followed, and why `mean` was not, if it was not.
    static func ordered(
        _ result: AggregateResult,
        query: AggregateQuery,
        order: AggregateParameters.Order
    ) -> (groups: [AggregateGroup], order: String, note: String?) {
        guard order == .mean, let scale = query.scaleID else { return (result.groups, "key", nil) }
        guard !result.hasSmallGroups else {
            return (
                result.groups, "key",
                "some group has fewer than \(minimumClientsToRank) clients: groups are not ordered by score"
            )
        }
        func score(_ group: AggregateGroup) -> Double {
            let found = group.scales.first { $0.id == scale }
            return found?.shrunk?.shrunkMean ?? found?.statistics?.mean ?? -.infinity
        }
        return (result.groups.sorted { (score($0), $1.key) > (score($1), $0.key) }, "mean", nil)
    }

    static func encode(
        _ result: AggregateResult,
        query: AggregateQuery,
        definition: QuestionnaireDefinition,
        order: AggregateParameters.Order
    ) -> [UInt8] {
        let (groups, ordered, orderNote) = Self.ordered(result, query: query, order: order)
        var writer = JSONWriter(reservingCapacity: 512 * (groups.count + 1))
        writer.beginObject()
        writer.key("questionnaire")
        writer.string(query.questionnaireID)
        writer.key("respondent")
        writer.string(query.respondent.rawValue)
        writer.key("groupBy")
        writer.beginArray()
        for dimension in query.groupBy { writer.string(dimension.rawValue) }
        writer.endArray()
        writer.key("from")
        optional(query.from?.description, &writer)
        writer.key("to")
        optional(query.to?.description, &writer)
        writer.key("minimumClients")
        writer.number(query.minimumClients)
        writer.key("order")
        writer.string(ordered)
        if let orderNote {
            writer.key("orderNote")
            writer.string(orderNote)
        }
        writer.key("reliableChange")
        writer.beginObject()
        for scale in definition.scales where query.scaleID == nil || query.scaleID == scale.id {
            writer.key(scale.id)
            writer.beginObject()
            if let criterion = query.criteria[scale.id] {
                writer.key("available")
                writer.bool(true)
                writer.key("source")
                writer.string(criterion.source)
                writer.key("minimumChange")
                writer.number(criterion.minimumChange)
                writer.key("higherIsBetter")
                writer.bool(criterion.higherIsBetter)
            } else {
                writer.key("available")
                writer.bool(false)
                writer.key("reason")
                writer.string("the scale's definition gives no sd and reliability")
            }
            writer.endObject()
        }
        writer.endObject()
        if query.groupBy == [.therapist] {
            writer.key("shrinkage")
            writer.beginObject()
            writer.key("method")
            writer.string("empirical Bayes over client means, between-therapist variance by the method of moments")
            writer.key("approximate")
            writer.bool(true)
            writer.key("unavailable")
            optional(result.shrinkageUnavailable, &writer)
            writer.endObject()
        }
        writer.key("groups")
        writer.beginArray()
        for group in groups { write(group, into: &writer) }
        writer.endArray()
        writer.key("total")
        write(result.total, into: &writer)
        writer.endObject()
        return writer.bytes
    }

    private static func optional(_ text: String?, _ writer: inout JSONWriter) {
        if let text { writer.string(text) } else { writer.null() }
    }

    private static func optional(_ number: Double?, _ writer: inout JSONWriter) {
        if let number, number.isFinite { writer.number(number) } else { writer.null() }
    }

    private static func optional(_ number: Int64?, _ writer: inout JSONWriter) {
        if let number { writer.number(Int(number)) } else { writer.null() }
    }

    static func write(_ group: AggregateGroup, into writer: inout JSONWriter) {
        writer.beginObject()
        if let therapist = group.key.therapistID {
            writer.key("therapist")
            writer.string(therapist)
        }
        if let month = group.key.month {
            writer.key("month")
            writer.string(month)
        }
        if let week = group.key.week {
            writer.key("week")
            writer.string(week)
        }
        writer.key("submissions")
        writer.number(Int(group.submissions))
        writer.key("clients")
        writer.number(Int(group.clients))
        writer.key("suppressed")
        writer.bool(group.isSuppressed)
        writer.key("alerts")
        optional(group.alerts, &writer)
        writer.key("scales")
        writer.beginArray()
        for scale in group.scales { write(scale, into: &writer) }
        writer.endArray()
        writer.endObject()
    }

    private static func write(_ scale: AggregateScale, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(scale.id)
        let stats = scale.statistics
        writer.key("n")
        optional(stats?.count, &writer)
        for (name, value) in [
            ("mean", stats?.mean), ("sd", stats?.standardDeviation), ("min", stats?.minimum), ("p25", stats?.p25),
            ("median", stats?.median), ("p75", stats?.p75), ("max", stats?.maximum),
        ] {
            writer.key(name)
            optional(value, &writer)
        }
        writer.key("bands")
        if let bands = scale.bands {
            writer.beginObject()
            for (label, count) in bands.sorted(by: { $0.key < $1.key }) {
                writer.key(label)
                writer.number(Int(count))
            }
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("reliableImprovement")
        optional(scale.reliableImprovement, &writer)
        writer.key("reliableDeterioration")
        optional(scale.reliableDeterioration, &writer)
        writer.key("clientsWithChange")
        optional(scale.clientsWithChange, &writer)
        writer.key("ruptures")
        if let ruptures = scale.ruptures {
            writer.beginObject()
            for (name, value) in [
                ("ruptures", ruptures.ruptures), ("repaired", ruptures.repaired), ("unresolved", ruptures.unresolved),
                ("ended", ruptures.ended),
            ] {
                writer.key(name)
                writer.number(Int(value))
            }
            writer.key("repairRate")
            optional(ruptures.repairRate, &writer)
            writer.key("medianLatencySessions")
            optional(ruptures.medianLatencySessions, &writer)
            writer.key("medianLatencyDays")
            optional(ruptures.medianLatencyDays, &writer)
            writer.endObject()
        } else {
            writer.null()
        }
        if let shrunk = scale.shrunk {
            writer.key("shrunk")
            writer.beginObject()
            for (name, value) in [
                ("clientMean", shrunk.clientMean), ("mean", shrunk.shrunkMean), ("weight", shrunk.weight),
                ("lower", shrunk.lower), ("upper", shrunk.upper),
            ] {
                writer.key(name)
                optional(value, &writer)
            }
            writer.endObject()
        }
        writer.endObject()
    }
}
