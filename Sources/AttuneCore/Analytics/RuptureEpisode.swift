/// One rupture episode of one scale of one client's series (client, questionnaire, respondent), as the
/// detector finds it and the store keeps it (`rupture_episodes`).
public struct RuptureEpisode: Sendable, Hashable {
    /// How the episode was found.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The scale's value fell to m − k·σ or below.
        case detected
        /// Only the client's direct report ("something felt off") started it.
        case reported
    }

    /// How an episode stands, decided at read time (``status(lastSessionDate:today:rules:)``).
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Back to at least m − 0.5·σ within the repair window (or a report "we talked about it").
        case repaired
        /// Not repaired yet, and the repair window after its last low session has not run out.
        case open
        /// Not repaired, and the repair window has run out.
        case unresolved
        /// Not repaired, and the client has had no session of any questionnaire for `endedAfterDays`
        /// days after its last low session: the client stopped coming.
        case ended
    }

    /// The scale; a reported episode belongs to the scale the report is about, `total`.
    public var scaleID: String
    /// Detected or reported.
    public var kind: Kind
    /// Whether the first session also carried a direct report (a detected episode the client reported too).
    public var isReported: Bool
    /// The session that started it.
    public var firstSession: Int
    /// Its date.
    public var firstDate: CalendarDate
    /// The therapist of the first session.
    public var therapistID: String
    /// The latest session that fell (to m − k·σ or below, or with a direct report).
    public var lastLowSession: Int
    /// Its date.
    public var lastLowDate: CalendarDate
    /// m: the mean of the earlier sessions outside any episode; nil for a reported episode.
    public var baselineMean: Double?
    /// σ at the first session; nil for a reported episode.
    public var sigma: Double?
    /// m minus the lowest value in the episode; nil for a reported episode.
    public var depth: Double?
    /// The session that repaired it, if any.
    public var repairSession: Int?
    /// Its date.
    public var repairDate: CalendarDate?
    /// Later submissions from the first session to the repair (0: repaired in the same session).
    public var latencySessions: Int?
    /// Days from the first session to the repair.
    public var latencyDays: Int?
    /// Later submissions of the questionnaire after the last low session while the episode ran (up to its
    /// repair, or up to the session that came back too late); with `repairWithin`, whether the window is over.
    public var sessionsAfterLastLow: Int

    /// Creates an episode.
    public init(
        scaleID: String,
        kind: Kind,
        isReported: Bool = false,
        firstSession: Int,
        firstDate: CalendarDate,
        therapistID: String,
        lastLowSession: Int,
        lastLowDate: CalendarDate,
        baselineMean: Double? = nil,
        sigma: Double? = nil,
        depth: Double? = nil,
        repairSession: Int? = nil,
        repairDate: CalendarDate? = nil,
        latencySessions: Int? = nil,
        latencyDays: Int? = nil,
        sessionsAfterLastLow: Int = 0
    ) {
        self.scaleID = scaleID
        self.kind = kind
        self.isReported = isReported
        self.firstSession = firstSession
        self.firstDate = firstDate
        self.therapistID = therapistID
        self.lastLowSession = lastLowSession
        self.lastLowDate = lastLowDate
        self.baselineMean = baselineMean
        self.sigma = sigma
        self.depth = depth
        self.repairSession = repairSession
        self.repairDate = repairDate
        self.latencySessions = latencySessions
        self.latencyDays = latencyDays
        self.sessionsAfterLastLow = sessionsAfterLastLow
    }

    /// Whether it was repaired.
    public var isRepaired: Bool { repairSession != nil }

    /// The episode's status on `today` (the server's UTC date), given the date of the client's latest
    /// session of any questionnaire.
    ///
    /// Ended: not repaired, no session of any questionnaire dated after the last low session, and at
    /// least `endedAfterDays` days since it. Open: not repaired and fewer than `repairWithin` later
    /// submissions so far, so a repair can still come. Otherwise unresolved.
    public func status(lastSessionDate: CalendarDate?, today: CalendarDate, rules: RuptureRules) -> Status {
        if isRepaired { return .repaired }
        let cameBack = lastSessionDate.map { $0 > lastLowDate } ?? false
        if !cameBack, lastLowDate.days(to: today) >= rules.endedAfterDays { return .ended }
        return sessionsAfterLastLow < rules.repairWithin ? .open : .unresolved
    }
}
