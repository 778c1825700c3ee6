public import AttuneCore

/// One client's activity rows as a store reads them: the latest session, and each questionnaire's
/// first and last submission.
public struct ClientActivity: Sendable, Hashable {
    /// A questionnaire the client (or their therapist about them) answered.
    public struct Questionnaire: Sendable, Hashable {
        /// The first submission by session number: the baseline.
        public var first: StoredSubmission
        /// The last submission by session number.
        public var last: StoredSubmission

        /// Creates a value.
        public init(first: StoredSubmission, last: StoredSubmission) {
            self.first = first
            self.last = last
        }
    }

    /// The client.
    public var clientID: String
    /// The therapist of the highest session.
    public var therapistID: String
    /// The highest session number of any questionnaire.
    public var lastSession: Int
    /// The latest session date of any questionnaire, `YYYY-MM-DD`.
    public var lastSessionDate: String
    /// Per questionnaire and respondent, ordered by questionnaire id then respondent.
    public var questionnaires: [Questionnaire]
    /// The client's rupture episodes that are not repaired.
    public var openEpisodes: [OpenRuptureEpisode]

    /// Creates a value.
    public init(
        clientID: String,
        therapistID: String,
        lastSession: Int,
        lastSessionDate: String,
        questionnaires: [Questionnaire],
        openEpisodes: [OpenRuptureEpisode] = []
    ) {
        self.clientID = clientID
        self.therapistID = therapistID
        self.lastSession = lastSession
        self.lastSessionDate = lastSessionDate
        self.questionnaires = questionnaires
        self.openEpisodes = openEpisodes
    }
}

/// An unrepaired rupture episode, as the attention list shows it.
public struct OpenRuptureEpisode: Sendable, Hashable {
    /// The questionnaire it was found in.
    public var questionnaireID: String
    /// Who answered.
    public var respondent: Respondent
    /// The scale (`total` for a direct report).
    public var scaleID: String
    /// `detected` or `reported`.
    public var kind: String
    /// The first low session and its date.
    public var firstSession: Int
    /// `YYYY-MM-DD`.
    public var firstDate: String
    /// The last low session's date, `YYYY-MM-DD`: "ended" counts from it.
    public var lastLowDate: String
    /// The client's later submissions of the questionnaire after the last low session: while fewer than the
    /// repair window, a repair can still come.
    public var sessionsAfterLastLow: Int

    /// Creates a value.
    public init(
        questionnaireID: String,
        respondent: Respondent,
        scaleID: String,
        kind: String,
        firstSession: Int,
        firstDate: String,
        lastLowDate: String,
        sessionsAfterLastLow: Int
    ) {
        self.sessionsAfterLastLow = sessionsAfterLastLow
        self.questionnaireID = questionnaireID
        self.respondent = respondent
        self.scaleID = scaleID
        self.kind = kind
        self.firstSession = firstSession
        self.firstDate = firstDate
        self.lastLowDate = lastLowDate
    }
}

/// Which clients `clients(practiceID:query:definitions:)` lists, and which page.
public struct ClientListQuery: Sendable, Hashable {
    /// Largest page.
    public static let maxLimit = 500
    /// Only this therapist's clients, for a clinician key (not a filter the caller chose).
    public var therapistScope: String?
    /// Only this therapist's clients (`therapist=`).
    public var therapistID: String?
    /// Only clients that need attention, most urgent first (`attention=true`); otherwise by client id.
    public var attentionOnly: Bool
    /// The server's UTC date, `YYYY-MM-DD`, for days since the last session and ended episodes.
    public var today: String
    /// Page size.
    public var limit: Int
    /// The `nextCursor` of the previous page.
    public var cursor: String?

    /// Creates a query.
    public init(
        therapistScope: String? = nil,
        therapistID: String? = nil,
        attentionOnly: Bool = false,
        today: String,
        limit: Int = 50,
        cursor: String? = nil
    ) {
        self.therapistScope = therapistScope
        self.therapistID = therapistID
        self.attentionOnly = attentionOnly
        self.today = today
        self.limit = limit
        self.cursor = cursor
    }
}

/// A page of the attention list.
public struct ClientPage: Sendable {
    /// The clients of the page.
    public var clients: [ClientSummary]
    /// The cursor of the next page, nil on the last.
    public var nextCursor: String?

    /// Creates a page.
    public init(clients: [ClientSummary], nextCursor: String?) {
        self.clients = clients
        self.nextCursor = nextCursor
    }
}
