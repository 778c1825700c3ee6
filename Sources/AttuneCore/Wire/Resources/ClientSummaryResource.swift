public import AttuneJSON

/// One client of `GET /v1/clients`, the attention list (openapi.yaml `ClientSummary`); a page of them
/// is a `ResourcePage<ClientSummaryResource>` named `clients`.
public struct ClientSummaryResource: WireResource {
    /// An open (unrepaired) rupture episode.
    public struct OpenRupture: Sendable, Equatable {
        /// The questionnaire.
        public var questionnaire: String
        /// Whose form.
        public var respondent: Respondent
        /// The scale id.
        public var scale: String
        /// `detected` or `reported`.
        public var kind: String
        /// The episode's first session.
        public var firstSession: Int
        /// Its date.
        public var firstDate: String
        /// The date of its last low session.
        public var lastLowDate: String
        /// `open` (a repair can still come), `unresolved` or `ended`.
        public var status: String
    }

    /// A session where the client reported a rupture and the therapist's form did not.
    public struct MissedRupture: Sendable, Equatable {
        /// The session number.
        public var session: Int
        /// The session date.
        public var date: String
        /// The quality rated high by the therapist and low by the client; nil for a direct report.
        public var quality: String?
    }

    /// The last value of a scale.
    public struct ScaleValue: Sendable, Equatable {
        /// The scale id.
        public var id: String
        /// The value.
        public var value: Double?
        /// Its band.
        public var band: String?
        /// Against baseline: `improvement`, `deterioration`, `none`, or nil when not available.
        public var reliableChange: String?
    }

    /// The last session of one questionnaire.
    public struct LastQuestionnaire: Sendable, Equatable {
        /// The questionnaire.
        public var questionnaire: String
        /// The version answered.
        public var version: Int
        /// Whose form.
        public var respondent: Respondent
        /// The session number.
        public var session: Int
        /// The session date.
        public var date: String
        /// Alerts fired.
        public var alerts: Int
        /// Per scale.
        public var scales: [ScaleValue]
    }

    /// The client's pseudonymous id.
    public var client: String
    /// The therapist of the last session.
    public var therapist: String
    /// The highest session number.
    public var lastSession: Int
    /// The latest session date.
    public var lastSessionDate: String
    /// Days since the last session (the server's UTC date).
    public var daysSinceLastSession: Int?
    /// Why the client needs attention, most urgent first: `openRupture`, `missedRupture`, `alert`,
    /// `reliableDeterioration`; empty when it does not.
    public var attention: [String]
    /// Alerts fired in the last session.
    public var alertsInLastSession: Int
    /// Open rupture episodes.
    public var openRuptures: [OpenRupture]
    /// Missed ruptures.
    public var missedRuptures: [MissedRupture]
    /// Per questionnaire, its last session.
    public var questionnaires: [LastQuestionnaire]

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        let respondent: JSONField<Respondent> = .enumeration
        let open = JSONField<OpenRupture>.resource(unknown) { reader in
            let questionnaire = reader.required("questionnaire", .string)
            let whose = reader.required("respondent", respondent)
            let scale = reader.required("scale", .string)
            let kind = reader.required("kind", .string)
            let firstSession = reader.required("firstSession", .int)
            let firstDate = reader.required("firstDate", .string)
            let lastLowDate = reader.required("lastLowDate", .string)
            let status = reader.required("status", .string)
            guard let questionnaire, let whose, let scale, let kind, let firstSession, let firstDate, let lastLowDate,
                let status
            else { return nil }
            return OpenRupture(
                questionnaire: questionnaire,
                respondent: whose,
                scale: scale,
                kind: kind,
                firstSession: firstSession,
                firstDate: firstDate,
                lastLowDate: lastLowDate,
                status: status
            )
        }
        let missed = JSONField<MissedRupture>.resource(unknown) { reader in
            let session = reader.required("session", .int)
            let date = reader.required("date", .string)
            let quality = reader.required("quality", .nullableString)
            guard let session, let date, let quality else { return nil }
            return MissedRupture(session: session, date: date, quality: quality)
        }
        let scale = JSONField<ScaleValue>.resource(unknown) { reader in
            let id = reader.required("id", .string)
            let value = reader.required("value", .nullableDouble)
            let band = reader.required("band", .nullableString)
            let change = reader.required("reliableChange", .nullableString)
            guard let id, let value, let band, let change else { return nil }
            return ScaleValue(id: id, value: value, band: band, reliableChange: change)
        }
        let last = JSONField<LastQuestionnaire>.resource(unknown) { reader in
            let questionnaire = reader.required("questionnaire", .string)
            let version = reader.required("version", .int)
            let whose = reader.required("respondent", respondent)
            let session = reader.required("session", .int)
            let date = reader.required("date", .string)
            let alerts = reader.required("alerts", .int)
            let scales = reader.required("scales", .array(of: scale))
            guard let questionnaire, let version, let whose, let session, let date, let alerts, let scales else {
                return nil
            }
            return LastQuestionnaire(
                questionnaire: questionnaire,
                version: version,
                respondent: whose,
                session: session,
                date: date,
                alerts: alerts,
                scales: scales
            )
        }
        return .resource(unknown) { reader in
            let client = reader.required("client", .string)
            let therapist = reader.required("therapist", .string)
            let lastSession = reader.required("lastSession", .int)
            let lastSessionDate = reader.required("lastSessionDate", .string)
            let days = reader.required("daysSinceLastSession", .nullable(.int))
            let attention = reader.required("attention", .array(of: .string))
            let alerts = reader.required("alertsInLastSession", .int)
            let openRuptures = reader.required("openRuptures", .array(of: open))
            let missedRuptures = reader.required("missedRuptures", .array(of: missed))
            let questionnaires = reader.required("questionnaires", .array(of: last))
            guard let client, let therapist, let lastSession, let lastSessionDate, let days, let attention,
                let alerts, let openRuptures, let missedRuptures, let questionnaires
            else { return nil }
            return ClientSummaryResource(
                client: client,
                therapist: therapist,
                lastSession: lastSession,
                lastSessionDate: lastSessionDate,
                daysSinceLastSession: days,
                attention: attention,
                alertsInLastSession: alerts,
                openRuptures: openRuptures,
                missedRuptures: missedRuptures,
                questionnaires: questionnaires
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("client", client)
        writer.member("therapist", therapist)
        writer.member("lastSession", lastSession)
        writer.member("lastSessionDate", lastSessionDate)
        writer.key("daysSinceLastSession")
        writer.numberOrNull(daysSinceLastSession)
        writer.key("attention")
        writer.array(attention) { reason, writer in writer.string(reason) }
        writer.member("alertsInLastSession", alertsInLastSession)
        writer.key("openRuptures")
        writer.array(openRuptures) { rupture, writer in
            writer.beginObject()
            writer.member("questionnaire", rupture.questionnaire)
            writer.member("respondent", rupture.respondent.rawValue)
            writer.member("scale", rupture.scale)
            writer.member("kind", rupture.kind)
            writer.member("firstSession", rupture.firstSession)
            writer.member("firstDate", rupture.firstDate)
            writer.member("lastLowDate", rupture.lastLowDate)
            writer.member("status", rupture.status)
            writer.endObject()
        }
        writer.key("missedRuptures")
        writer.array(missedRuptures) { missed, writer in
            writer.beginObject()
            writer.member("session", missed.session)
            writer.member("date", missed.date)
            writer.key("quality")
            writer.stringOrNull(missed.quality)
            writer.endObject()
        }
        writer.key("questionnaires")
        writer.array(questionnaires) { last, writer in
            writer.beginObject()
            writer.member("questionnaire", last.questionnaire)
            writer.member("version", last.version)
            writer.member("respondent", last.respondent.rawValue)
            writer.member("session", last.session)
            writer.member("date", last.date)
            writer.member("alerts", last.alerts)
            writer.key("scales")
            writer.array(last.scales) { scale, writer in
                writer.beginObject()
                writer.member("id", scale.id)
                writer.key("value")
                writer.numberOrNull(scale.value)
                writer.key("band")
                writer.stringOrNull(scale.band)
                writer.key("reliableChange")
                writer.stringOrNull(scale.reliableChange)
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endObject()
    }
}
