internal import AttuneJSON

/// One rater's submission of a session, for comparing the client's and the therapist's views.
public struct RaterSession: Sendable, Hashable {
    /// Session number.
    public var session: Int
    /// Session date.
    public var date: CalendarDate
    /// Item scores after reverse keying, by item id (answered numeric items only).
    public var itemScores: [String: Double]
    /// The direct rupture report, if answered.
    public var report: DirectRuptureReport?

    /// Creates a session.
    public init(session: Int, date: CalendarDate, itemScores: [String: Double], report: DirectRuptureReport?) {
        self.session = session
        self.date = date
        self.itemScores = itemScores
        self.report = report
    }

    /// Item scores (after reverse keying) of the `likert` and `scale` items of `definition` in a stored
    /// answers object; items answered otherwise (skipped, `"notApplicable"`) are left out.
    public static func itemScores(answersJSON: [UInt8], definition: QuestionnaireDefinition) -> [String: Double] {
        guard let answers = try? JSONReader().parse(answersJSON).objectValue else { return [:] }
        var scores: [String: Double] = [:]
        for item in definition.items where item.type == .likert || item.type == .scale {
            guard let range = item.scoreRange, let value = answers[item.id]?.doubleValue, value.isFinite else {
                continue
            }
            scores[item.id] = item.isReversed ? range.lowerBound + range.upperBound - value : value
        }
        return scores
    }
}

/// The client's and the therapist's views of one relationship, quality by quality
/// (docs/analytics.md "Two views").
public struct TwoViews: Sendable, Hashable {
    /// One quality's gap in one shared session.
    public struct Gap: Sendable, Hashable {
        /// The session.
        public var session: Int
        /// The client's item score (after reverse keying).
        public var client: Double
        /// The therapist's.
        public var therapist: Double
        /// client − therapist.
        public var gap: Double
    }

    /// Whether the therapist's view runs above or below the client's lately.
    public enum Estimation: String, Sendable, Hashable, CaseIterable {
        /// The therapist rates at least 0.75 higher on average over the last 3 shared sessions.
        case overestimates
        /// At least 0.75 lower.
        case underestimates
        /// Within 0.75.
        case agrees
    }

    /// One quality across the shared sessions.
    public struct Quality: Sendable, Hashable {
        /// The item id (the quality).
        public var id: String
        /// The gaps, in session order.
        public var gaps: [Gap]
        /// Least-squares slope of the gap per session number; nil below two shared sessions.
        public var trend: Double?
        /// Mean gap over the last 3 shared sessions; nil below three.
        public var recentMeanGap: Double?
        /// The estimation of the last 3 shared sessions; nil below three.
        public var estimation: Estimation?
    }

    /// A session where the client signalled a rupture the therapist did not see.
    public struct MissedRupture: Sendable, Hashable {
        /// The session.
        public var session: Int
        /// The session date.
        public var date: CalendarDate
        /// The quality, or nil for a direct report.
        public var qualityID: String?
        /// The client's item score, for a quality.
        public var client: Double?
        /// The therapist's item score, for a quality.
        public var therapist: Double?
    }

    /// How many last shared sessions the estimation looks at.
    public static let recentSessions = 3
    /// The mean gap that counts as over- or under-estimation.
    public static let estimationThreshold = 0.75

    /// The qualities compared, in item order.
    public var qualities: [Quality]
    /// Missed ruptures, in session order.
    public var missedRuptures: [MissedRupture]
    /// Sessions with both views.
    public var sharedSessions: [Int]

    /// Compares the two views.
    /// - Parameters:
    ///   - items: the items both forms share, with one score range: `(id, range)` in display order.
    public init(client: [RaterSession], therapist: [RaterSession], items: [(id: String, range: ClosedRange<Double>)]) {
        let therapistBySession = Dictionary(therapist.map { ($0.session, $0) }, uniquingKeysWith: { first, _ in first })
        let shared = client.filter { therapistBySession[$0.session] != nil }.sorted { $0.session < $1.session }
        sharedSessions = shared.map(\.session)
        var missed: [MissedRupture] = []
        var qualities: [Quality] = []
        for (id, range) in items {
            let quarter = (range.upperBound - range.lowerBound) / 4
            var gaps: [Gap] = []
            for session in shared {
                guard let other = therapistBySession[session.session], let mine = session.itemScores[id],
                    let theirs = other.itemScores[id]
                else { continue }
                gaps.append(
                    Gap(session: session.session, client: mine, therapist: theirs, gap: difference(mine - theirs))
                )
                if mine <= range.lowerBound + quarter + RuptureRules.tieMargin,
                    theirs >= range.upperBound - quarter - RuptureRules.tieMargin
                {
                    missed.append(
                        MissedRupture(
                            session: session.session,
                            date: session.date,
                            qualityID: id,
                            client: mine,
                            therapist: theirs
                        )
                    )
                }
            }
            qualities.append(Self.quality(id, gaps))
        }
        for session in shared where session.report?.felt == true {
            if therapistBySession[session.session]?.report?.felt != true {
                missed.append(MissedRupture(session: session.session, date: session.date, qualityID: nil))
            }
        }
        self.qualities = qualities
        self.missedRuptures = missed.sorted { ($0.session, $0.qualityID ?? "") < ($1.session, $1.qualityID ?? "") }
    }

    private static func quality(_ id: String, _ gaps: [Gap]) -> Quality {
        var result = Quality(id: id, gaps: gaps)
        if gaps.count >= 2 {
            let xs = gaps.map { Double($0.session) }
            let ys = gaps.map(\.gap)
            let meanX = xs.reduce(0, +) / Double(xs.count)
            let meanY = ys.reduce(0, +) / Double(ys.count)
            var sxy = 0.0
            var sxx = 0.0
            for (x, y) in zip(xs, ys) {
                sxy += (x - meanX) * (y - meanY)
                sxx += (x - meanX) * (x - meanX)
            }
            if sxx > 0 { result.trend = difference(sxy / sxx) }
        }
        if gaps.count >= recentSessions {
            let recent = gaps.suffix(recentSessions).map(\.gap)
            let mean = difference(recent.reduce(0, +) / Double(recentSessions))
            result.recentMeanGap = mean
            result.estimation =
                if mean >= estimationThreshold - RuptureRules.tieMargin {
                    .underestimates
                } else if mean <= -estimationThreshold + RuptureRules.tieMargin {
                    .overestimates
                } else {
                    .agrees
                }
        }
        return result
    }
}

extension TwoViews.Quality {
    init(id: String, gaps: [TwoViews.Gap]) {
        self.id = id
        self.gaps = gaps
    }
}
