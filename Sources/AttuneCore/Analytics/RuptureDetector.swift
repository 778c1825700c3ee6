/// One session of a client's series (one client, questionnaire and respondent), as rupture detection
/// reads it.
public struct SeriesSession: Sendable, Hashable {
    /// Session number; a series holds each session once (the current submission).
    public var session: Int
    /// Session date.
    public var date: CalendarDate
    /// The therapist named by the submission.
    public var therapistID: String
    /// The value of the scale being judged; nil when unscored or absent from that version.
    public var value: Double?
    /// The direct rupture report, if the form has the question and it was answered.
    public var report: DirectRuptureReport?

    /// Creates a session.
    public init(
        session: Int,
        date: CalendarDate,
        therapistID: String,
        value: Double?,
        report: DirectRuptureReport? = nil
    ) {
        self.session = session
        self.date = date
        self.therapistID = therapistID
        self.value = value
        self.report = report
    }
}

/// What detection knew when it judged one session of one scale.
public enum RuptureCheck: Sendable, Hashable {
    /// Judged against the client's own baseline: low when the value is at most `threshold`.
    case judged(mean: Double, sigma: Double, threshold: Double)
    /// Not judged: fewer than ``RuptureRules/minimumBaselineSessions`` earlier sessions with a value
    /// outside any episode (`available` of them).
    case tooFewEarlierSessions(available: Int)
    /// The session belongs to an episode that was already running.
    case inEpisode(firstSession: Int)
    /// The session has no value for this scale.
    case noValue
}

/// The outcome of detection on one scale: its episodes, in order, and the check of each session.
public struct RuptureTrace: Sendable, Hashable {
    /// The episodes, by first session.
    public var episodes: [RuptureEpisode]
    /// One check per session, in the order of the sessions given.
    public var checks: [RuptureCheck]
}

/// Score-based rupture and repair detection (docs/analytics.md "Ruptures and repairs").
///
/// A session starts an episode when its value is at most m − k·σ, where m is the mean of the client's
/// earlier sessions outside any episode (at least 3) and σ the larger of their SD (n − 1) and a floor of
/// one sixteenth of the scale's range. On the scale that carries the direct report, a session with
/// "something felt off: yes" starts one too (reported, unless its value also fell). m and σ stay as at
/// the first session. A later session belongs to the episode while its value is below m − 0.5·σ; one at
/// m − k·σ or below, or with a new report, is a new fall of the same episode and moves its last low
/// session. The first later session back at m − 0.5·σ or above ends the episode: repaired when it comes
/// within `repairWithin` submissions of the last low session, unrepaired otherwise. A report "we talked
/// about it: yes" repairs the episode in that session. A reported episode without a baseline value is
/// back at the first later session whose report says nothing felt off.
public enum RuptureDetector {
    /// Detects episodes on one scale.
    /// - Parameters:
    ///   - sessions: the series in session order, each session once.
    ///   - scaleID: the scale's id, copied into the episodes.
    ///   - sigmaFloor: the smallest σ: one sixteenth of the scale's possible range.
    ///   - carriesReports: whether direct reports count on this scale (the `total`).
    public static func detect(
        _ sessions: [SeriesSession],
        scaleID: String,
        sigmaFloor: Double,
        carriesReports: Bool,
        rules: RuptureRules = .standard
    ) -> RuptureTrace {
        var episodes: [RuptureEpisode] = []
        var checks: [RuptureCheck] = []
        checks.reserveCapacity(sessions.count)
        var baseline = RunningMoments()
        var running: RunningEpisode?
        for (index, session) in sessions.enumerated() {
            let report = carriesReports ? session.report : nil
            let feltOff = report?.felt == true
            let talkedAboutIt = feltOff && report?.discussed == .yes
            if var episode = running {
                let fell =
                    feltOff || (session.value.map { value in episode.threshold.map { value <= $0 } ?? false } ?? false)
                if fell {
                    episode.fall(at: index, session)
                    if talkedAboutIt {
                        episodes.append(episode.repaired(at: index, session))
                        running = nil
                    } else {
                        running = episode
                    }
                    checks.append(.inEpisode(firstSession: episode.episode.firstSession))
                    continue
                }
                if episode.isBack(session) {
                    let sinceLastLow = index - episode.lastLowIndex
                    episodes.append(
                        sinceLastLow <= rules.repairWithin
                            ? episode.repaired(at: index, session) : episode.closedUnrepaired(at: index)
                    )
                    running = nil
                    // Back outside: the session joins the baseline and is judged below like any other.
                } else {
                    episode.include(session)
                    running = episode
                    checks.append(.inEpisode(firstSession: episode.episode.firstSession))
                    continue
                }
            }
            let check = judge(session.value, baseline: baseline, sigmaFloor: sigmaFloor, k: rules.k)
            checks.append(check)
            var isLow = false
            var mean: Double?
            var sigma: Double?
            if case .judged(let m, let s, let threshold) = check, let value = session.value {
                isLow = value <= threshold + RuptureRules.tieMargin
                mean = m
                sigma = s
            }
            if isLow || feltOff {
                let episode = RunningEpisode(
                    start: session,
                    index: index,
                    scaleID: scaleID,
                    kind: isLow ? .detected : .reported,
                    isReported: feltOff,
                    mean: isLow ? mean : nil,
                    sigma: isLow ? sigma : nil,
                    k: rules.k
                )
                if talkedAboutIt {
                    episodes.append(episode.repaired(at: index, session))
                } else {
                    running = episode
                }
            } else if let value = session.value {
                baseline.add(value)
            }
        }
        if let running { episodes.append(running.stillRunning(lastIndex: sessions.count - 1)) }
        return RuptureTrace(episodes: episodes, checks: checks)
    }

    private static func judge(_ value: Double?, baseline: RunningMoments, sigmaFloor: Double, k: Double)
        -> RuptureCheck
    {
        guard value != nil else { return .noValue }
        guard baseline.count >= RuptureRules.minimumBaselineSessions, let sd = baseline.sampleSD else {
            return .tooFewEarlierSessions(available: baseline.count)
        }
        let sigma = max(sd, sigmaFloor)
        return .judged(mean: baseline.mean, sigma: sigma, threshold: baseline.mean - k * sigma)
    }
}

/// An episode while the detector walks on.
private struct RunningEpisode {
    var episode: RuptureEpisode
    var lastLowIndex: Int
    var startIndex: Int
    var lowest: Double?
    /// m − k·σ, for a later fall; nil for a reported episode.
    let threshold: Double?
    /// m − 0.5·σ, the level that is "back"; nil for a reported episode.
    let recovery: Double?

    init(
        start: SeriesSession,
        index: Int,
        scaleID: String,
        kind: RuptureEpisode.Kind,
        isReported: Bool,
        mean: Double?,
        sigma: Double?,
        k: Double
    ) {
        episode = RuptureEpisode(
            scaleID: scaleID,
            kind: kind,
            isReported: isReported,
            firstSession: start.session,
            firstDate: start.date,
            therapistID: start.therapistID,
            lastLowSession: start.session,
            lastLowDate: start.date,
            baselineMean: mean,
            sigma: sigma
        )
        lastLowIndex = index
        startIndex = index
        lowest = mean == nil ? nil : start.value
        if let mean, let sigma {
            threshold = mean - k * sigma
            recovery = mean - RuptureRules.recoveryFactor * sigma
        } else {
            threshold = nil
            recovery = nil
        }
    }

    mutating func fall(at index: Int, _ session: SeriesSession) {
        lastLowIndex = index
        episode.lastLowSession = session.session
        episode.lastLowDate = session.date
        include(session)
    }

    mutating func include(_ session: SeriesSession) {
        guard threshold != nil, let value = session.value else { return }
        lowest = min(lowest ?? value, value)
    }

    /// Back at m − 0.5·σ or above; for a reported episode, a report that nothing felt off.
    func isBack(_ session: SeriesSession) -> Bool {
        if let recovery {
            guard let value = session.value else { return false }
            return value >= recovery - RuptureRules.tieMargin
        }
        return session.report?.felt == false
    }

    func finished(sessionsAfterLastLow: Int) -> RuptureEpisode {
        var result = episode
        result.sessionsAfterLastLow = sessionsAfterLastLow
        if let mean = result.baselineMean, let lowest { result.depth = mean - lowest }
        return result
    }

    func repaired(at index: Int, _ session: SeriesSession) -> RuptureEpisode {
        var result = finished(sessionsAfterLastLow: index - lastLowIndex)
        result.repairSession = session.session
        result.repairDate = session.date
        result.latencySessions = index - startIndex
        result.latencyDays = episode.firstDate.days(to: session.date)
        return result
    }

    func closedUnrepaired(at index: Int) -> RuptureEpisode {
        finished(sessionsAfterLastLow: index - lastLowIndex)
    }

    func stillRunning(lastIndex: Int) -> RuptureEpisode {
        finished(sessionsAfterLastLow: lastIndex - lastLowIndex)
    }
}
