public import AttuneJSON

/// `GET /v1/clients/{client}/trajectory` as JSON (openapi.yaml `Trajectory`; docs/analytics.md
/// describes every member).
public struct TrajectoryResource: WireResource {
    /// The rupture rules the trajectory was judged with.
    public struct Rules: Sendable, Equatable {
        /// How many sigma below the client's mean starts a rupture.
        public var k: Double
        /// Later submissions after the last low session within which a repair counts.
        public var repairWithin: Int
        /// Days without a session after which an unrepaired episode is ended.
        public var endedAfterDays: Int
    }

    /// One session of the trajectory.
    public struct Session: Sendable, Equatable {
        /// The session number.
        public var session: Int
        /// The session date, `YYYY-MM-DD`.
        public var date: String
        /// The submission's id.
        public var submission: String
        /// The questionnaire version answered.
        public var version: Int
        /// The therapist of the session.
        public var therapist: String
    }

    /// How reliable change is judged for a scale.
    public struct ReliableChangeCriterion: Sendable, Equatable {
        /// `definition`, `practice` or `unavailable`.
        public var source: String
        /// The standard deviation used.
        public var sd: Double?
        /// The reliability used.
        public var reliability: Double?
        /// S_diff.
        public var standardErrorOfDifference: Double?
        /// 1.96 × S_diff.
        public var minimumReliableChange: Double?
        /// Clients behind a practice estimate.
        public var clients: Int?
        /// Why it is unavailable.
        public var reason: String?
    }

    /// The reliable change index of a point against baseline.
    public struct ReliableChange: Sendable, Equatable {
        /// The index.
        public var index: Double
        /// `increase`, `decrease` or `none`.
        public var direction: String
    }

    /// What rupture detection knew at a session.
    public struct RuptureCheck: Sendable, Equatable {
        /// `judged`, `tooFewEarlierSessions`, `inEpisode` or `noValue`.
        public var check: String
        /// The mean of the earlier sessions (`judged`).
        public var mean: Double?
        /// Their sigma (`judged`).
        public var sigma: Double?
        /// mean − k × sigma (`judged`).
        public var threshold: Double?
        /// Earlier sessions available (`tooFewEarlierSessions`).
        public var available: Int?
        /// Why it was not judged.
        public var reason: String?
        /// The episode's first session (`inEpisode`).
        public var firstSession: Int?
    }

    /// One session's value of a scale.
    public struct Point: Sendable, Equatable {
        /// The session number.
        public var session: Int
        /// The session date.
        public var date: String
        /// The scale's value; nil without one.
        public var value: Double?
        /// The band the value falls in.
        public var band: String?
        /// The change from the previous session with a value.
        public var changeFromPrevious: Double?
        /// The change from baseline.
        public var changeFromBaseline: Double?
        /// Reliable change against baseline.
        public var reliableChange: ReliableChange?
        /// What rupture detection knew here.
        public var ruptureCheck: RuptureCheck?
    }

    /// One scale's trajectory.
    public struct Scale: Sendable, Equatable {
        /// The scale id.
        public var scale: String
        /// How reliable change is judged.
        public var reliableChange: ReliableChangeCriterion
        /// The first session with a value.
        public var baselineSession: Int?
        /// The latest reliable change: `increase`, `decrease`, `none`, or nil.
        public var reliableChangeStatus: String?
        /// Whether rupture detection runs on this scale.
        public var ruptureDetection: Bool
        /// One point per session.
        public var points: [Point]
        /// The rupture episodes.
        public var episodes: [RuptureEpisodeResource]
    }

    /// One quality rated by both the client and the therapist.
    public struct Quality: Sendable, Equatable {
        /// A session's two ratings.
        public struct Gap: Sendable, Equatable {
            /// The session number.
            public var session: Int
            /// The client's rating.
            public var client: Double
            /// The therapist's rating.
            public var therapist: Double
            /// therapist − client.
            public var gap: Double
        }

        /// The quality (item) id.
        public var quality: String
        /// The gaps per shared session.
        public var gaps: [Gap]
        /// The gap's trend.
        public var trend: Double?
        /// The mean gap of the recent sessions.
        public var recentMeanGap: Double?
        /// `overestimates`, `underestimates`, `agrees`, or nil.
        public var estimation: String?
    }

    /// A session where the client reported a rupture the therapist did not.
    public struct MissedRupture: Sendable, Equatable {
        /// The session number.
        public var session: Int
        /// The session date.
        public var date: String
        /// The quality; nil for a direct report.
        public var quality: String?
        /// `quality` or `report`.
        public var kind: String
        /// The client's rating.
        public var client: Double?
        /// The therapist's rating.
        public var therapist: Double?
    }

    /// The client's and the therapist's views of the same sessions.
    public struct Views: Sendable, Equatable {
        /// The therapist form's questionnaire id.
        public var therapistQuestionnaire: String
        /// Sessions both answered.
        public var sharedSessions: [Int]
        /// Per quality.
        public var qualities: [Quality]
        /// Missed ruptures.
        public var missedRuptures: [MissedRupture]
    }

    /// The client's pseudonymous id.
    public var client: String
    /// The questionnaire.
    public var questionnaire: String
    /// Whose submissions.
    public var respondent: Respondent
    /// The rupture rules.
    public var rules: Rules
    /// The latest session date of any questionnaire; nil without one.
    public var lastSessionDate: String?
    /// The sessions, in order.
    public var sessions: [Session]
    /// Per scale.
    public var scales: [Scale]
    /// The two views; nil without a therapist form's submissions.
    public var views: Views?

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let client = reader.required("client", .string)
            let questionnaire = reader.required("questionnaire", .string)
            let respondent = reader.required("respondent", .enumeration as JSONField<Respondent>)
            let rules = reader.required("rules", rulesField(unknown))
            let lastSessionDate = reader.required("lastSessionDate", .nullableString)
            let sessions = reader.required("sessions", .array(of: sessionField(unknown)))
            let scales = reader.required("scales", .array(of: scaleField(unknown)))
            let views = reader.required("views", .nullable(viewsField(unknown)))
            guard let client, let questionnaire, let respondent, let rules, let lastSessionDate, let sessions,
                let scales, let views
            else { return nil }
            return TrajectoryResource(
                client: client,
                questionnaire: questionnaire,
                respondent: respondent,
                rules: rules,
                lastSessionDate: lastSessionDate,
                sessions: sessions,
                scales: scales,
                views: views
            )
        }
    }

    private static func rulesField(_ unknown: UnknownMembers) -> JSONField<Rules> {
        .resource(unknown) { reader in
            let k = reader.required("k", .double)
            let repairWithin = reader.required("repairWithin", .int)
            let endedAfterDays = reader.required("endedAfterDays", .int)
            guard let k, let repairWithin, let endedAfterDays else { return nil }
            return Rules(k: k, repairWithin: repairWithin, endedAfterDays: endedAfterDays)
        }
    }

    private static func sessionField(_ unknown: UnknownMembers) -> JSONField<Session> {
        .resource(unknown) { reader in
            let session = reader.required("session", .int)
            let date = reader.required("date", .string)
            let submission = reader.required("submission", .string)
            let version = reader.required("version", .int)
            let therapist = reader.required("therapist", .string)
            guard let session, let date, let submission, let version, let therapist else { return nil }
            return Session(session: session, date: date, submission: submission, version: version, therapist: therapist)
        }
    }

    private static func scaleField(_ unknown: UnknownMembers) -> JSONField<Scale> {
        .resource(unknown) { reader in
            let scale = reader.required("scale", .string)
            let reliableChange = reader.required("reliableChange", criterionField(unknown))
            let baselineSession = reader.required("baselineSession", .nullable(.int))
            let status = reader.required("reliableChangeStatus", .nullableString)
            let ruptureDetection = reader.required("ruptureDetection", .bool)
            let points = reader.required("points", .array(of: pointField(unknown)))
            let episodes = reader.required("episodes", .array(of: RuptureEpisodeResource.field(unknown)))
            guard let scale, let reliableChange, let baselineSession, let status, let ruptureDetection, let points,
                let episodes
            else { return nil }
            return Scale(
                scale: scale,
                reliableChange: reliableChange,
                baselineSession: baselineSession,
                reliableChangeStatus: status,
                ruptureDetection: ruptureDetection,
                points: points,
                episodes: episodes
            )
        }
    }

    private static func criterionField(_ unknown: UnknownMembers) -> JSONField<ReliableChangeCriterion> {
        .resource(unknown) { reader in
            let source = reader.required("source", .string)
            let sd = reader.optional("sd", .double)
            let reliability = reader.optional("reliability", .double)
            let standardError = reader.optional("standardErrorOfDifference", .double)
            let minimum = reader.optional("minimumReliableChange", .double)
            let clients = reader.optional("clients", .int)
            let reason = reader.optional("reason", .string)
            guard let source else { return nil }
            return ReliableChangeCriterion(
                source: source,
                sd: sd,
                reliability: reliability,
                standardErrorOfDifference: standardError,
                minimumReliableChange: minimum,
                clients: clients,
                reason: reason
            )
        }
    }

    private static func pointField(_ unknown: UnknownMembers) -> JSONField<Point> {
        .resource(unknown) { reader in
            let session = reader.required("session", .int)
            let date = reader.required("date", .string)
            let value = reader.required("value", .nullableDouble)
            let band = reader.required("band", .nullableString)
            let previous = reader.required("changeFromPrevious", .nullableDouble)
            let baseline = reader.required("changeFromBaseline", .nullableDouble)
            let change = reader.required("reliableChange", .nullable(changeField(unknown)))
            let check = reader.required("ruptureCheck", .nullable(checkField(unknown)))
            guard let session, let date, let value, let band, let previous, let baseline, let change, let check
            else { return nil }
            return Point(
                session: session,
                date: date,
                value: value,
                band: band,
                changeFromPrevious: previous,
                changeFromBaseline: baseline,
                reliableChange: change,
                ruptureCheck: check
            )
        }
    }

    private static func changeField(_ unknown: UnknownMembers) -> JSONField<ReliableChange> {
        .resource(unknown) { reader in
            let index = reader.required("index", .double)
            let direction = reader.required("direction", .string)
            guard let index, let direction else { return nil }
            return ReliableChange(index: index, direction: direction)
        }
    }

    private static func checkField(_ unknown: UnknownMembers) -> JSONField<RuptureCheck> {
        .resource(unknown) { reader in
            let check = reader.required("check", .string)
            let mean = reader.optional("mean", .double)
            let sigma = reader.optional("sigma", .double)
            let threshold = reader.optional("threshold", .double)
            let available = reader.optional("available", .int)
            let reason = reader.optional("reason", .string)
            let firstSession = reader.optional("firstSession", .int)
            guard let check else { return nil }
            return RuptureCheck(
                check: check,
                mean: mean,
                sigma: sigma,
                threshold: threshold,
                available: available,
                reason: reason,
                firstSession: firstSession
            )
        }
    }

    private static func viewsField(_ unknown: UnknownMembers) -> JSONField<Views> {
        .resource(unknown) { reader in
            let therapistQuestionnaire = reader.required("therapistQuestionnaire", .string)
            let shared = reader.required("sharedSessions", .array(of: .int))
            let qualities = reader.required("qualities", .array(of: qualityField(unknown)))
            let missed = reader.required("missedRuptures", .array(of: missedField(unknown)))
            guard let therapistQuestionnaire, let shared, let qualities, let missed else { return nil }
            return Views(
                therapistQuestionnaire: therapistQuestionnaire,
                sharedSessions: shared,
                qualities: qualities,
                missedRuptures: missed
            )
        }
    }

    private static func qualityField(_ unknown: UnknownMembers) -> JSONField<Quality> {
        let gap = JSONField<Quality.Gap>.resource(unknown) { reader in
            let session = reader.required("session", .int)
            let client = reader.required("client", .double)
            let therapist = reader.required("therapist", .double)
            let gap = reader.required("gap", .double)
            guard let session, let client, let therapist, let gap else { return nil }
            return Quality.Gap(session: session, client: client, therapist: therapist, gap: gap)
        }
        return .resource(unknown) { reader in
            let quality = reader.required("quality", .string)
            let gaps = reader.required("gaps", .array(of: gap))
            let trend = reader.required("trend", .nullableDouble)
            let recent = reader.required("recentMeanGap", .nullableDouble)
            let estimation = reader.required("estimation", .nullableString)
            guard let quality, let gaps, let trend, let recent, let estimation else { return nil }
            return Quality(quality: quality, gaps: gaps, trend: trend, recentMeanGap: recent, estimation: estimation)
        }
    }

    private static func missedField(_ unknown: UnknownMembers) -> JSONField<MissedRupture> {
        .resource(unknown) { reader in
            let session = reader.required("session", .int)
            let date = reader.required("date", .string)
            let quality = reader.required("quality", .nullableString)
            let kind = reader.required("kind", .string)
            let client = reader.required("client", .nullableDouble)
            let therapist = reader.required("therapist", .nullableDouble)
            guard let session, let date, let quality, let kind, let client, let therapist else { return nil }
            return MissedRupture(
                session: session,
                date: date,
                quality: quality,
                kind: kind,
                client: client,
                therapist: therapist
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("client", client)
        writer.member("questionnaire", questionnaire)
        writer.member("respondent", respondent.rawValue)
        writer.key("rules")
        writer.beginObject()
        writer.member("k", rules.k)
        writer.member("repairWithin", rules.repairWithin)
        writer.member("endedAfterDays", rules.endedAfterDays)
        writer.endObject()
        writer.key("lastSessionDate")
        writer.stringOrNull(lastSessionDate)
        writer.key("sessions")
        writer.array(sessions) { session, writer in
            writer.beginObject()
            writer.member("session", session.session)
            writer.member("date", session.date)
            writer.member("submission", session.submission)
            writer.member("version", session.version)
            writer.member("therapist", session.therapist)
            writer.endObject()
        }
        writer.key("scales")
        writer.array(scales) { scale, writer in Self.write(scale, into: &writer) }
        writer.key("views")
        if let views { Self.write(views, into: &writer) } else { writer.null() }
        writer.endObject()
    }

    private static func write(_ scale: Scale, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("scale", scale.scale)
        writer.key("reliableChange")
        let criterion = scale.reliableChange
        writer.beginObject()
        writer.member("source", criterion.source)
        writer.member("sd", criterion.sd)
        writer.member("reliability", criterion.reliability)
        writer.member("standardErrorOfDifference", criterion.standardErrorOfDifference)
        writer.member("minimumReliableChange", criterion.minimumReliableChange)
        writer.member("clients", criterion.clients)
        writer.member("reason", criterion.reason)
        writer.endObject()
        writer.key("baselineSession")
        writer.numberOrNull(scale.baselineSession)
        writer.key("reliableChangeStatus")
        writer.stringOrNull(scale.reliableChangeStatus)
        writer.member("ruptureDetection", scale.ruptureDetection)
        writer.key("points")
        writer.array(scale.points) { point, writer in write(point, into: &writer) }
        writer.key("episodes")
        writer.array(scale.episodes) { episode, writer in episode.write(into: &writer) }
        writer.endObject()
    }

    private static func write(_ point: Point, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("session", point.session)
        writer.member("date", point.date)
        writer.key("value")
        writer.numberOrNull(point.value)
        writer.key("band")
        writer.stringOrNull(point.band)
        writer.key("changeFromPrevious")
        writer.numberOrNull(point.changeFromPrevious)
        writer.key("changeFromBaseline")
        writer.numberOrNull(point.changeFromBaseline)
        writer.key("reliableChange")
        if let change = point.reliableChange {
            writer.beginObject()
            writer.member("index", change.index)
            writer.member("direction", change.direction)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("ruptureCheck")
        if let check = point.ruptureCheck {
            writer.beginObject()
            writer.member("check", check.check)
            writer.member("mean", check.mean)
            writer.member("sigma", check.sigma)
            writer.member("threshold", check.threshold)
            writer.member("available", check.available)
            writer.member("reason", check.reason)
            writer.member("firstSession", check.firstSession)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.endObject()
    }

    private static func write(_ views: Views, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("therapistQuestionnaire", views.therapistQuestionnaire)
        writer.key("sharedSessions")
        writer.array(views.sharedSessions) { session, writer in writer.number(session) }
        writer.key("qualities")
        writer.array(views.qualities) { quality, writer in
            writer.beginObject()
            writer.member("quality", quality.quality)
            writer.key("gaps")
            writer.array(quality.gaps) { gap, writer in
                writer.beginObject()
                writer.member("session", gap.session)
                writer.member("client", gap.client)
                writer.member("therapist", gap.therapist)
                writer.member("gap", gap.gap)
                writer.endObject()
            }
            writer.key("trend")
            writer.numberOrNull(quality.trend)
            writer.key("recentMeanGap")
            writer.numberOrNull(quality.recentMeanGap)
            writer.key("estimation")
            writer.stringOrNull(quality.estimation)
            writer.endObject()
        }
        writer.key("missedRuptures")
        writer.array(views.missedRuptures) { missed, writer in
            writer.beginObject()
            writer.member("session", missed.session)
            writer.member("date", missed.date)
            writer.key("quality")
            writer.stringOrNull(missed.quality)
            writer.member("kind", missed.kind)
            writer.key("client")
            writer.numberOrNull(missed.client)
            writer.key("therapist")
            writer.numberOrNull(missed.therapist)
            writer.endObject()
        }
        writer.endObject()
    }
}
