/// The parameters of score-based rupture detection and of repair, with the defaults
/// (docs/analytics.md "Ruptures and repairs").
public struct RuptureRules: Sendable, Hashable {
    /// How many σ below the client's own mean a session must fall to start a rupture; 2 by default (the
    /// stricter of the two published readings; 1 is the sensitive one).
    public var k: Double
    /// How many later submissions of the questionnaire, counted from an episode's last low session, may
    /// pass before the value is back: a repair within this many sessions counts.
    public var repairWithin: Int
    /// Days without any session of any questionnaire after an unrepaired episode's last low session
    /// after which the episode is "ended" (the client stopped coming).
    public var endedAfterDays: Int

    /// The defaults: k = 2, repair within 3 sessions, ended after 60 days.
    public static let standard = RuptureRules(k: 2, repairWithin: 3, endedAfterDays: 60)

    /// Earlier sessions outside any episode that detection needs before it can judge a session.
    public static let minimumBaselineSessions = 3
    /// A value at or above m − 0.5·σ is "back": it repairs an episode and ends its membership.
    public static let recoveryFactor = 0.5
    /// σ is never below this fraction of the scale's possible range (0.25 on a 0–4 mean).
    public static let sigmaFloorFraction = 1.0 / 16
    /// Values are rounded to at most 6 decimals, so a comparison within this margin is an exact tie
    /// ("at most m − k·σ" holds for a value equal to it, whatever the binary rounding of m and σ).
    static let tieMargin = 1e-9

    /// Accepted values of `k` (query parameter `k=`).
    public static let kRange = 0.5...4.0
    /// Accepted values of `repairWithin` (query parameter `repair_within=`).
    public static let repairWithinRange = 1...50
    /// Accepted values of `endedAfterDays` (query parameter `ended_after_days=`).
    public static let endedAfterDaysRange = 1...3650

    /// Creates rules; the values are not checked here (the routes check the query parameters).
    public init(k: Double, repairWithin: Int, endedAfterDays: Int) {
        self.k = k
        self.repairWithin = repairWithin
        self.endedAfterDays = endedAfterDays
    }
}
