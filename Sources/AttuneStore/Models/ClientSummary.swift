public import AttuneCore

/// One row of the attention list: a client's last session, the last value and band per scale of each
/// questionnaire, open ruptures, missed ruptures, alerts, and why (if at all) the client needs attention.
public struct ClientSummary: Sendable, Hashable {
    /// Why a client needs attention, most urgent first (the list's order follows this one).
    public enum Reason: String, Sendable, Hashable, CaseIterable, Comparable {
        /// A rupture episode that is not repaired (unresolved, or ended: the client stopped coming).
        case openRupture
        /// The therapist's form missed what the client reported, in the last shared session.
        case missedRupture
        /// An alert fired in the last session.
        case alert
        /// A scale of the client's own forms changed reliably for the worse from baseline.
        case reliableDeterioration

        /// The urgency rank: 0 is the most urgent.
        public var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }

        public static func < (lhs: Reason, rhs: Reason) -> Bool { lhs.rank < rhs.rank }
    }

    /// Reliable change of the last session against baseline (Jacobson & Truax), read as better or worse.
    public enum ReliableChangeStatus: String, Sendable, Hashable, CaseIterable {
        /// Reliably better than at baseline.
        case improvement
        /// Reliably worse than at baseline.
        case deterioration
        /// Within measurement error.
        case none
    }

    /// One scale's last value.
    public struct ScaleStatus: Sendable, Hashable {
        /// The scale id.
        public var id: String
        /// The last value; nil when the scale was left unscored.
        public var value: Double?
        /// Its band, if the scale has bands.
        public var band: String?
        /// Against baseline; nil when not available (no `sd`/`reliability`, no baseline value, or the
        /// last session is the baseline).
        public var reliableChange: ReliableChangeStatus?

        /// Creates a value.
        public init(id: String, value: Double?, band: String?, reliableChange: ReliableChangeStatus?) {
            self.id = id
            self.value = value
            self.band = band
            self.reliableChange = reliableChange
        }
    }

    /// One questionnaire's last submission.
    public struct QuestionnaireStatus: Sendable, Hashable {
        /// The questionnaire.
        public var questionnaireID: String
        /// The version answered last.
        public var version: Int
        /// Who answered.
        public var respondent: Respondent
        /// The last session number and date.
        public var session: Int
        /// `YYYY-MM-DD`.
        public var date: String
        /// Alerts that fired in that submission.
        public var alerts: Int
        /// Each scale's last value, in the stored order.
        public var scales: [ScaleStatus]

        /// Creates a value.
        public init(
            questionnaireID: String,
            version: Int,
            respondent: Respondent,
            session: Int,
            date: String,
            alerts: Int,
            scales: [ScaleStatus]
        ) {
            self.questionnaireID = questionnaireID
            self.version = version
            self.respondent = respondent
            self.session = session
            self.date = date
            self.alerts = alerts
            self.scales = scales
        }
    }

    /// The client reported a rupture (or rated a quality at the floor) where the therapist's form of the
    /// same session did not.
    public struct MissedRupture: Sendable, Hashable {
        /// The shared session.
        public var session: Int
        /// `YYYY-MM-DD`.
        public var date: String
        /// The quality, or nil for a direct report the therapist's form did not make.
        public var qualityID: String?

        /// Creates a value.
        public init(session: Int, date: String, qualityID: String?) {
            self.session = session
            self.date = date
            self.qualityID = qualityID
        }
    }

    /// An open episode with whether it ended (no session of any questionnaire for the ended window).
    public struct Rupture: Sendable, Hashable {
        /// The episode.
        public var episode: OpenRuptureEpisode
        /// True when the client has had no session since the window after its last low session.
        public var ended: Bool

        /// As the trajectory says it: `ended`; `open` while the default repair window (3 later sessions)
        /// has not run out; otherwise `unresolved`.
        public var status: RuptureEpisode.Status {
            if ended { return .ended }
            return episode.sessionsAfterLastLow < RuptureRules.standard.repairWithin ? .open : .unresolved
        }

        /// Creates a value.
        public init(episode: OpenRuptureEpisode, ended: Bool) {
            self.episode = episode
            self.ended = ended
        }
    }

    /// The client.
    public var clientID: String
    /// The therapist of the last session.
    public var therapistID: String
    /// The last session number (of any questionnaire).
    public var lastSession: Int
    /// The latest session date, `YYYY-MM-DD`.
    public var lastSessionDate: String
    /// Whole days from the last session date to the server's UTC date; nil for an unreadable date.
    public var daysSinceLastSession: Int?
    /// Each questionnaire's last submission.
    public var questionnaires: [QuestionnaireStatus]
    /// Unrepaired rupture episodes.
    public var openRuptures: [Rupture]
    /// Missed ruptures in the last session both raters answered.
    public var missedRuptures: [MissedRupture]
    /// Alerts of the submissions of the last session.
    public var alertsInLastSession: Int
    /// Why the client needs attention, most urgent first; empty when it does not.
    public var reasons: [Reason]

    /// Whether the client needs attention.
    public var needsAttention: Bool { !reasons.isEmpty }

    /// Creates a value.
    public init(
        clientID: String,
        therapistID: String,
        lastSession: Int,
        lastSessionDate: String,
        daysSinceLastSession: Int?,
        questionnaires: [QuestionnaireStatus],
        openRuptures: [Rupture],
        missedRuptures: [MissedRupture],
        alertsInLastSession: Int,
        reasons: [Reason]
    ) {
        self.clientID = clientID
        self.therapistID = therapistID
        self.lastSession = lastSession
        self.lastSessionDate = lastSessionDate
        self.daysSinceLastSession = daysSinceLastSession
        self.questionnaires = questionnaires
        self.openRuptures = openRuptures
        self.missedRuptures = missedRuptures
        self.alertsInLastSession = alertsInLastSession
        self.reasons = reasons
    }
}
