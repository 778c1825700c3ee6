public import AttuneJSON

/// A rupture episode of one scale as a trajectory shows it (openapi.yaml `RuptureEpisode`).
public struct RuptureEpisodeResource: WireResource {
    /// The scale id.
    public var scale: String
    /// `detected` or `reported`.
    public var kind: String
    /// Whether the first session carried a direct report.
    public var reported: Bool
    /// The episode's first session.
    public var firstSession: Int
    /// Its date.
    public var firstDate: String
    /// The therapist of the first session.
    public var therapist: String
    /// The last session below the threshold.
    public var lastLowSession: Int
    /// Its date.
    public var lastLowDate: String
    /// The mean of the earlier sessions.
    public var baselineMean: Double?
    /// Their sigma.
    public var sigma: Double?
    /// m − k × sigma.
    public var threshold: Double?
    /// m minus the lowest value in the episode.
    public var depth: Double?
    /// The session that repaired it.
    public var repairSession: Int?
    /// Its date.
    public var repairDate: String?
    /// Sessions from the last low one to the repair.
    public var latencySessions: Int?
    /// Days from the last low session to the repair.
    public var latencyDays: Int?
    /// Later sessions after the last low one.
    public var sessionsAfterLastLow: Int
    /// `repaired`, `open`, `unresolved` or `ended`, when judged at read time.
    public var status: String?

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let scale = reader.required("scale", .string)
            let kind = reader.required("kind", .string)
            let reported = reader.required("reported", .bool)
            let firstSession = reader.required("firstSession", .int)
            let firstDate = reader.required("firstDate", .string)
            let therapist = reader.required("therapist", .string)
            let lastLowSession = reader.required("lastLowSession", .int)
            let lastLowDate = reader.required("lastLowDate", .string)
            let baselineMean = reader.required("baselineMean", .nullableDouble)
            let sigma = reader.required("sigma", .nullableDouble)
            let threshold = reader.required("threshold", .nullableDouble)
            let depth = reader.required("depth", .nullableDouble)
            let repairSession = reader.required("repairSession", .nullable(.int))
            let repairDate = reader.required("repairDate", .nullableString)
            let latencySessions = reader.required("latencySessions", .nullable(.int))
            let latencyDays = reader.required("latencyDays", .nullable(.int))
            let sessionsAfterLastLow = reader.required("sessionsAfterLastLow", .int)
            let status = reader.optional("status", .string)
            guard let scale, let kind, let reported, let firstSession, let firstDate, let therapist,
                let lastLowSession, let lastLowDate, let baselineMean, let sigma, let threshold, let depth,
                let repairSession, let repairDate, let latencySessions, let latencyDays, let sessionsAfterLastLow
            else { return nil }
            return RuptureEpisodeResource(
                scale: scale,
                kind: kind,
                reported: reported,
                firstSession: firstSession,
                firstDate: firstDate,
                therapist: therapist,
                lastLowSession: lastLowSession,
                lastLowDate: lastLowDate,
                baselineMean: baselineMean,
                sigma: sigma,
                threshold: threshold,
                depth: depth,
                repairSession: repairSession,
                repairDate: repairDate,
                latencySessions: latencySessions,
                latencyDays: latencyDays,
                sessionsAfterLastLow: sessionsAfterLastLow,
                status: status
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("scale", scale)
        writer.member("kind", kind)
        writer.member("reported", reported)
        writer.member("firstSession", firstSession)
        writer.member("firstDate", firstDate)
        writer.member("therapist", therapist)
        writer.member("lastLowSession", lastLowSession)
        writer.member("lastLowDate", lastLowDate)
        writer.key("baselineMean")
        writer.numberOrNull(baselineMean)
        writer.key("sigma")
        writer.numberOrNull(sigma)
        writer.key("threshold")
        writer.numberOrNull(threshold)
        writer.key("depth")
        writer.numberOrNull(depth)
        writer.key("repairSession")
        writer.numberOrNull(repairSession)
        writer.key("repairDate")
        writer.stringOrNull(repairDate)
        writer.key("latencySessions")
        writer.numberOrNull(latencySessions)
        writer.key("latencyDays")
        writer.numberOrNull(latencyDays)
        writer.member("sessionsAfterLastLow", sessionsAfterLastLow)
        writer.member("status", status)
        writer.endObject()
    }
}

/// `GET /v1/aggregates/reliability`: the practice's own reliability estimates (openapi.yaml `Reliability`).
public struct ReliabilityResource: WireResource {
    /// One scale's estimates.
    public struct Scale: Sendable, Equatable {
        /// The scale id.
        public var scale: String
        /// Clients with a first submission.
        public var clients: Int
        /// Those with every item answered.
        public var completeCases: Int
        /// Cronbach's alpha.
        public var alpha: Double?
        /// Feldt's 95 % interval, lower end.
        public var alphaLower: Double?
        /// Its upper end.
        public var alphaUpper: Double?
        /// The baseline standard deviation.
        public var baselineSD: Double?
        /// SD × sqrt(1 − alpha).
        public var sem: Double?
    }

    /// The questionnaire.
    public var questionnaire: String
    /// Whose submissions.
    public var respondent: Respondent
    /// Clients needed before an estimate is given.
    public var minimumClients: Int
    /// Per scale.
    public var scales: [Scale]

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        let scaleField = JSONField<Scale>.resource(unknown) { reader in
            let scale = reader.required("scale", .string)
            let clients = reader.required("clients", .int)
            let completeCases = reader.required("completeCases", .int)
            let alpha = reader.required("alpha", .nullableDouble)
            let alphaLower = reader.required("alphaLower", .nullableDouble)
            let alphaUpper = reader.required("alphaUpper", .nullableDouble)
            let baselineSD = reader.required("baselineSD", .nullableDouble)
            let sem = reader.required("sem", .nullableDouble)
            guard let scale, let clients, let completeCases, let alpha, let alphaLower, let alphaUpper,
                let baselineSD, let sem
            else { return nil }
            return Scale(
                scale: scale,
                clients: clients,
                completeCases: completeCases,
                alpha: alpha,
                alphaLower: alphaLower,
                alphaUpper: alphaUpper,
                baselineSD: baselineSD,
                sem: sem
            )
        }
        return .resource(unknown) { reader in
            let questionnaire = reader.required("questionnaire", .string)
            let respondent = reader.required("respondent", .enumeration as JSONField<Respondent>)
            let minimumClients = reader.required("minimumClients", .int)
            let scales = reader.required("scales", .array(of: scaleField))
            guard let questionnaire, let respondent, let minimumClients, let scales else { return nil }
            return ReliabilityResource(
                questionnaire: questionnaire,
                respondent: respondent,
                minimumClients: minimumClients,
                scales: scales
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("questionnaire", questionnaire)
        writer.member("respondent", respondent.rawValue)
        writer.member("minimumClients", minimumClients)
        writer.key("scales")
        writer.array(scales) { scale, writer in
            writer.beginObject()
            writer.member("scale", scale.scale)
            writer.member("clients", scale.clients)
            writer.member("completeCases", scale.completeCases)
            for (name, value) in [
                ("alpha", scale.alpha), ("alphaLower", scale.alphaLower), ("alphaUpper", scale.alphaUpper),
                ("baselineSD", scale.baselineSD), ("sem", scale.sem),
            ] {
                writer.key(name)
                writer.numberOrNull(value)
            }
            writer.endObject()
        }
        writer.endObject()
    }
}
