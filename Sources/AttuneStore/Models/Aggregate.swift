public import AttuneCore

/// What an aggregate groups by (`group_by=`); any pair of different ones may be combined.
public enum AggregateDimension: String, Sendable, Hashable, CaseIterable {
    /// The therapist the submissions were for.
    case therapist
    /// The calendar month of the session date.
    case month
    /// The ISO week (Monday to Sunday) of the session date.
    case week
    /// The whole practice: one group.
    case practice
}

/// How a scale's changes from baseline are judged reliable in an aggregate (Jacobson & Truax).
public struct ChangeCriterion: Sendable, Hashable {
    /// The smallest change that counts as reliable: 1.96·S_diff.
    public var minimumChange: Double
    /// Whether a rise is an improvement (false: a fall is).
    public var higherIsBetter: Bool
    /// Where S_diff came from, for the answer (`definition`, `practice`).
    public var source: String

    /// Creates a criterion.
    public init(minimumChange: Double, higherIsBetter: Bool, source: String) {
        self.minimumChange = minimumChange
        self.higherIsBetter = higherIsBetter
        self.source = source
    }
}

/// An aggregate request, checked by the caller.
public struct AggregateQuery: Sendable, Hashable {
    /// The questionnaire.
    public var questionnaireID: String
    /// Whose answers.
    public var respondent: Respondent
    /// One scale only, or every scale.
    public var scaleID: String?
    /// The grouping, in the order asked (`practice` alone: one group).
    public var groupBy: [AggregateDimension]
    /// First session date included.
    public var from: CalendarDate?
    /// Last session date included.
    public var to: CalendarDate?
    /// Only this therapist (a filter, or a clinician key's scope).
    public var therapistID: String?
    /// The reader is this therapist, who sees their own groups whatever their size.
    public var viewerTherapistID: String?
    /// Groups with fewer distinct clients show only their counts.
    public var minimumClients: Int
    /// The server's UTC date, for "ended" episodes.
    public var today: CalendarDate
    /// Days without any session after an episode's last low session after which it counts as ended.
    public var endedAfterDays: Int
    /// Sessions after the last low session within which a repair may still come.
    public var repairWithin: Int
    /// Per scale id, how reliable change is judged; scales without one report no reliable-change counts.
    public var criteria: [String: ChangeCriterion]

    /// Creates a query.
    public init(
        questionnaireID: String,
        respondent: Respondent,
        scaleID: String? = nil,
        groupBy: [AggregateDimension] = [.practice],
        from: CalendarDate? = nil,
        to: CalendarDate? = nil,
        therapistID: String? = nil,
        viewerTherapistID: String? = nil,
        minimumClients: Int = SmallCellSuppression.defaultMinimumClients,
        today: CalendarDate,
        endedAfterDays: Int = 60,
        repairWithin: Int = 3,
        criteria: [String: ChangeCriterion] = [:]
    ) {
        self.questionnaireID = questionnaireID
        self.respondent = respondent
        self.scaleID = scaleID
        self.groupBy = groupBy
        self.from = from
        self.to = to
        self.therapistID = therapistID
        self.viewerTherapistID = viewerTherapistID
        self.minimumClients = minimumClients
        self.today = today
        self.endedAfterDays = endedAfterDays
        self.repairWithin = repairWithin
        self.criteria = criteria
    }
}

/// The key of one group: the parts its grouping names, nil otherwise.
public struct AggregateGroupKey: Sendable, Hashable, Comparable {
    /// The therapist.
    public var therapistID: String?
    /// `YYYY-MM`.
    public var month: String?
    /// `YYYY-Www`.
    public var week: String?

    /// Creates a key.
    public init(therapistID: String? = nil, month: String? = nil, week: String? = nil) {
        self.therapistID = therapistID
        self.month = month
        self.week = week
    }

    public static func < (lhs: AggregateGroupKey, rhs: AggregateGroupKey) -> Bool {
        (lhs.therapistID ?? "", lhs.month ?? "", lhs.week ?? "") < (
            rhs.therapistID ?? "", rhs.month ?? "", rhs.week ?? ""
        )
    }
}

/// Rupture and repair counts of one group and scale.
public struct RuptureCounts: Sendable, Hashable {
    /// Episodes that started in the group.
    public var ruptures: Int64 = 0
    /// Of those, repaired.
    public var repaired: Int64 = 0
    /// Open, and not ended.
    public var unresolved: Int64 = 0
    /// Open, with no session of any questionnaire for `endedAfterDays` after the last low session.
    public var ended: Int64 = 0
    /// Episodes past their repair window (repaired, ended, or with `repairWithin` later sessions).
    public var decided: Int64 = 0
    /// repaired / decided: episodes still inside their repair window are left out.
    public var repairRate: Double? { decided > 0 ? Double(repaired) / Double(decided) : nil }
    /// Median repair latency in sessions.
    public var medianLatencySessions: Double?
    /// Median repair latency in days.
    public var medianLatencyDays: Double?

    /// Creates empty counts.
    public init() {}
}

/// The shrunk mean of one therapist's scale.
public struct ShrunkMean: Sendable, Hashable {
    /// The mean of the therapist's client means.
    public var clientMean: Double
    /// Shrunk toward the practice's mean of client means.
    public var shrunkMean: Double
    /// How much of the distance was kept (0...1).
    public var weight: Double
    /// Approximate 95 % interval.
    public var lower: Double
    /// Approximate 95 % interval.
    public var upper: Double

    /// Creates a shrunk mean.
    public init(clientMean: Double, shrunkMean: Double, weight: Double, lower: Double, upper: Double) {
        self.clientMean = clientMean
        self.shrunkMean = shrunkMean
        self.weight = weight
        self.lower = lower
        self.upper = upper
    }
}

/// One scale of one group.
public struct AggregateScale: Sendable, Hashable {
    /// The scale id.
    public var id: String
    /// Values' statistics; nil when suppressed.
    public var statistics: DescriptiveStatistics?
    /// Counts per band label (versions merged), ordered by label; nil when suppressed.
    public var bands: [String: Int64]?
    /// Clients whose latest session in the group is reliably better than their baseline.
    public var reliableImprovement: Int64?
    /// Clients whose latest session in the group is reliably worse than their baseline.
    public var reliableDeterioration: Int64?
    /// Clients with a baseline and a value in the group (those the two counts are out of).
    public var clientsWithChange: Int64?
    /// Ruptures and repairs; nil when suppressed.
    public var ruptures: RuptureCounts?
    /// With `group_by=therapist`: the shrunk mean.
    public var shrunk: ShrunkMean?

    /// Creates a scale's aggregate.
    public init(id: String) { self.id = id }
}

/// One group of an aggregate.
public struct AggregateGroup: Sendable, Hashable {
    /// Which group.
    public var key: AggregateGroupKey
    /// Submissions counted.
    public var submissions: Int64
    /// Distinct clients.
    public var clients: Int64
    /// Alerts fired; nil when suppressed.
    public var alerts: Int64?
    /// Whether statistics are withheld (fewer clients than the minimum, or to protect such a group).
    public var isSuppressed: Bool
    /// Per scale, ordered by id.
    public var scales: [AggregateScale]

    /// Creates a group.
    public init(
        key: AggregateGroupKey,
        submissions: Int64,
        clients: Int64,
        alerts: Int64?,
        isSuppressed: Bool,
        scales: [AggregateScale]
    ) {
        self.key = key
        self.submissions = submissions
        self.clients = clients
        self.alerts = alerts
        self.isSuppressed = isSuppressed
        self.scales = scales
    }
}

/// An aggregate's answer.
public struct AggregateResult: Sendable, Hashable {
    /// The groups, ordered by key.
    public var groups: [AggregateGroup]
    /// All groups together.
    public var total: AggregateGroup
    /// Why there are no shrunk means (with `group_by=therapist`), if there are none.
    public var shrinkageUnavailable: String?
    /// Whether some group has fewer than 10 clients, so the groups must not be ordered by score.
    public var hasSmallGroups: Bool

    /// Creates a result.
    public init(groups: [AggregateGroup], total: AggregateGroup, shrinkageUnavailable: String?, hasSmallGroups: Bool) {
        self.groups = groups
        self.total = total
        self.shrinkageUnavailable = shrinkageUnavailable
        self.hasSmallGroups = hasSmallGroups
    }
}

/// One rupture episode row as aggregates read it.
public struct RuptureEpisodeRow: Sendable, Hashable {
    /// The client.
    public var clientID: String
    /// The scale (`total` for a reported episode).
    public var scaleID: String
    /// The therapist of its first low session.
    public var therapistID: String
    /// Its first session's date.
    public var firstDate: CalendarDate
    /// Its last low session's date.
    public var lastLowDate: CalendarDate
    /// Repaired (else open).
    public var isRepaired: Bool
    /// Latency in sessions, when repaired.
    public var latencySessions: Int64?
    /// Latency in days, when repaired.
    public var latencyDays: Int64?
    /// Later submissions of the questionnaire after the last low session.
    public var sessionsAfterLastLow: Int64

    /// Creates a row.
    public init(
        clientID: String,
        scaleID: String,
        therapistID: String,
        firstDate: CalendarDate,
        lastLowDate: CalendarDate,
        isRepaired: Bool,
        latencySessions: Int64?,
        latencyDays: Int64?,
        sessionsAfterLastLow: Int64
    ) {
        self.clientID = clientID
        self.scaleID = scaleID
        self.therapistID = therapistID
        self.firstDate = firstDate
        self.lastLowDate = lastLowDate
        self.isRepaired = isRepaired
        self.latencySessions = latencySessions
        self.latencyDays = latencyDays
        self.sessionsAfterLastLow = sessionsAfterLastLow
    }
}
