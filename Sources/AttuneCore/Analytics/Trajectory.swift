/// One current submission of a client's series, as the trajectory reads it.
public struct TrajectorySession: Sendable, Hashable {
    /// The submission's id.
    public var submissionID: String
    /// The questionnaire version answered.
    public var version: Int
    /// Session number.
    public var session: Int
    /// Session date.
    public var date: CalendarDate
    /// The therapist named by the submission.
    public var therapistID: String
    /// Its scale values, bands and direct report.
    public var facts: SubmissionFacts

    /// Creates a session.
    public init(
        submissionID: String,
        version: Int,
        session: Int,
        date: CalendarDate,
        therapistID: String,
        facts: SubmissionFacts
    ) {
        self.submissionID = submissionID
        self.version = version
        self.session = session
        self.date = date
        self.therapistID = therapistID
        self.facts = facts
    }
}

/// One session of one scale's trajectory.
public struct TrajectoryPoint: Sendable, Equatable {
    /// The session.
    public var session: TrajectorySession
    /// The value; nil when unscored.
    public var value: Double?
    /// The band the value fell in.
    public var band: String?
    /// Change from the previous session with a value.
    public var changeFromPrevious: Double?
    /// Change from the baseline (the first session with a value).
    public var changeFromBaseline: Double?
    /// Reliable change against the baseline, when a criterion is available.
    public var reliableChange: ReliableChange?
    /// What rupture detection knew at this session (nil when the scale is not judged).
    public var ruptureCheck: RuptureCheck?
}

/// One scale's trajectory: its points, the source of its reliable-change criterion, its episodes.
public struct ScaleTrajectory: Sendable, Equatable {
    /// The scale id.
    public var scaleID: String
    /// Where reliable change comes from.
    public var source: ReliableChangeSource
    /// One point per session, in session order.
    public var points: [TrajectoryPoint]
    /// The baseline session (first with a value), if any.
    public var baselineSession: Int?
    /// The client's reliable-change status: the latest session with a value against baseline.
    public var latestReliableChange: ReliableChange?
    /// Rupture episodes (empty when the scale is not judged).
    public var episodes: [RuptureEpisode]
    /// Whether rupture detection runs on this scale.
    public var isJudged: Bool
}

/// Builds per-scale trajectories of one series (docs/analytics.md "Trajectories").
public enum TrajectoryBuilder {
    /// The scale ids every session's version has, in the first session's order: a trajectory across
    /// versions shows the scales they share.
    public static func sharedScaleIDs(_ sessions: [TrajectorySession]) -> [String] {
        guard let first = sessions.first else { return [] }
        var shared = first.facts.scales.map(\.id)
        for session in sessions.dropFirst() {
            let ids = Set(session.facts.scales.map(\.id))
            shared.removeAll { !ids.contains($0) }
        }
        return shared
    }

    /// Builds the trajectory of one scale.
    /// - Parameters:
    ///   - sessions: the series in session order (current submissions only).
    ///   - source: the reliable-change criterion's source.
    ///   - ruptureScale: the detection parameters of the scale, nil when it is not judged.
    public static func build(
        _ sessions: [TrajectorySession],
        scaleID: String,
        source: ReliableChangeSource,
        ruptureScale: RuptureScale?,
        rules: RuptureRules = .standard
    ) -> ScaleTrajectory {
        var points: [TrajectoryPoint] = []
        points.reserveCapacity(sessions.count)
        var baseline: Double?
        var baselineSession: Int?
        var previous: Double?
        var latest: ReliableChange?
        let criterion = source.criterion
        for session in sessions {
            let fact = session.facts.scale(scaleID)
            let value = fact?.value
            var point = TrajectoryPoint(session: session, value: value, band: fact?.band)
            if let value {
                if let previous { point.changeFromPrevious = difference(value - previous) }
                if let baseline {
                    point.changeFromBaseline = difference(value - baseline)
                    point.reliableChange = criterion?.change(from: baseline, to: value)
                    latest = point.reliableChange
                } else {
                    baseline = value
                    baselineSession = session.session
                    point.changeFromBaseline = 0
                }
                previous = value
            }
            points.append(point)
        }
        var episodes: [RuptureEpisode] = []
        if let ruptureScale {
            let trace = RuptureDetector.detect(
                sessions.map {
                    SeriesSession(
                        session: $0.session,
                        date: $0.date,
                        therapistID: $0.therapistID,
                        value: $0.facts.scale(scaleID)?.value,
                        report: $0.facts.directReport
                    )
                },
                scaleID: scaleID,
                sigmaFloor: ruptureScale.sigmaFloor,
                carriesReports: ruptureScale.carriesReports,
                rules: rules
            )
            episodes = trace.episodes
            for index in points.indices { points[index].ruptureCheck = trace.checks[index] }
        }
        return ScaleTrajectory(
            scaleID: scaleID,
            source: source,
            points: points,
            baselineSession: baselineSession,
            latestReliableChange: latest,
            episodes: episodes,
            isJudged: ruptureScale != nil
        )
    }
}

/// A difference of two rounded values, rounded again so binary artefacts (0.35000000000000003) and −0
/// never reach the wire; values carry at most 6 decimals, so 6 loses nothing.
func difference(_ value: Double) -> Double {
    Rounding.halfAwayFromZero(value, decimals: Scale.defaultRound) + 0
}

extension TrajectoryPoint {
    init(session: TrajectorySession, value: Double?, band: String?) {
        self.session = session
        self.value = value
        self.band = band
    }
}
