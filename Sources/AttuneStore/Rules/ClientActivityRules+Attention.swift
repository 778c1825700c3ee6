public import AttuneCore

/// Reading the attention list: what each client's rows say, and the order of urgency.
extension ClientActivityRules {
    /// Days without any session after an episode's last low session before it counts as ended.
    public static let endedAfterDays = 60

    /// The summary of one client's activity on `today` (`YYYY-MM-DD`, UTC), with `definition` giving a
    /// submission's questionnaire definition (for reliable change); nil leaves reliable change out.
    public static func summary(
        of activity: ClientActivity,
        today: String,
        definition: (String, Int) -> QuestionnaireDefinition?
    ) -> ClientSummary {
        var questionnaires: [ClientSummary.QuestionnaireStatus] = []
        var alertsInLastSession = 0
        var deteriorated = false
        for entry in activity.questionnaires {
            let last = facts(of: entry.last)
            let baseline = facts(of: entry.first)
            let scales = definition(entry.last.questionnaireID, entry.last.version)?.scales ?? []
            var statuses: [ClientSummary.ScaleStatus] = []
            for fact in last.scales {
                var change: ClientSummary.ReliableChangeStatus?
                if entry.first.id != entry.last.id, let value = fact.value,
                    let before = baseline.scale(fact.id)?.value,
                    let scale = scales.first(where: { $0.id == fact.id }),
                    let criterion = ReliableChangeCriterion(scale: scale)
                {
                    change = status(criterion.change(from: before, to: value).direction, scale: scale)
                }
                if change == .deterioration && entry.last.respondent == .client { deteriorated = true }
                statuses.append(.init(id: fact.id, value: fact.value, band: fact.band, reliableChange: change))
            }
            if entry.last.session == activity.lastSession { alertsInLastSession += last.alertCount }
            questionnaires.append(
                .init(
                    questionnaireID: entry.last.questionnaireID,
                    version: entry.last.version,
                    respondent: entry.last.respondent,
                    session: entry.last.session,
                    date: entry.last.date,
                    alerts: last.alertCount,
                    scales: statuses
                )
            )
        }
        let ruptures = activity.openEpisodes.map { episode in
            ClientSummary.Rupture(
                episode: episode,
                ended: isEnded(
                    lastLowDate: episode.lastLowDate,
                    lastSessionDate: activity.lastSessionDate,
                    today: today
                )
            )
        }
        let missed = missedRuptures(in: activity)
        var reasons: [ClientSummary.Reason] = []
        if !ruptures.isEmpty { reasons.append(.openRupture) }
        if !missed.isEmpty { reasons.append(.missedRupture) }
        if alertsInLastSession > 0 { reasons.append(.alert) }
        if deteriorated { reasons.append(.reliableDeterioration) }
        return ClientSummary(
            clientID: activity.clientID,
            therapistID: activity.therapistID,
            lastSession: activity.lastSession,
            lastSessionDate: activity.lastSessionDate,
            daysSinceLastSession: days(from: activity.lastSessionDate, to: today),
            questionnaires: questionnaires,
            openRuptures: ruptures,
            missedRuptures: missed,
            alertsInLastSession: alertsInLastSession,
            reasons: reasons
        )
    }

    /// Reliable change read as better or worse: on a scale whose cut-off flags high values, higher is
    /// worse; otherwise (the relationship instruments) lower is worse.
    static func status(_ direction: ReliableChange.Direction, scale: Scale) -> ClientSummary.ReliableChangeStatus {
        let higherIsWorse = scale.cutoff?.direction == .above
        switch direction {
        case .none: return .none
        case .increase: return higherIsWorse ? .deterioration : .improvement
        case .decrease: return higherIsWorse ? .improvement : .deterioration
        }
    }

    /// Missed ruptures of the last session a client form and a therapist form share: the client reported
    /// that something felt off and the therapist's form of that session did not.
    static func missedRuptures(in activity: ClientActivity) -> [ClientSummary.MissedRupture] {
        var missed: [ClientSummary.MissedRupture] = []
        let clientForms = activity.questionnaires.filter { $0.last.respondent == .client }
        let therapistForms = activity.questionnaires.filter { $0.last.respondent == .therapist }
        for clientForm in clientForms {
            guard let report = facts(of: clientForm.last).directReport, report.felt else { continue }
            for therapistForm in therapistForms where therapistForm.last.session == clientForm.last.session {
                if facts(of: therapistForm.last).directReport?.felt != true {
                    missed.append(.init(session: clientForm.last.session, date: clientForm.last.date, qualityID: nil))
                }
            }
        }
        return missed
    }

    /// Whether an open episode has ended: no session for `endedAfterDays` after its last low session, and
    /// that many days have passed.
    static func isEnded(lastLowDate: String, lastSessionDate: String, today: String) -> Bool {
        guard let sinceLow = days(from: lastLowDate, to: today) else { return false }
        return lastSessionDate <= lastLowDate && sinceLow >= endedAfterDays
    }

    /// The list's order: the most urgent reason first, then more reasons, then the most recent last
    /// session, then client id (so the order is total and pages are stable).
    public static func isMoreUrgent(_ lhs: ClientSummary, than rhs: ClientSummary) -> Bool {
        urgencyKey(lhs) < urgencyKey(rhs)
    }

    /// The position of a summary in the attention order, as comparable parts.
    public static func urgencyKey(_ summary: ClientSummary) -> UrgencyKey {
        UrgencyKey(
            rank: summary.reasons.first?.rank ?? ClientSummary.Reason.allCases.count,
            reasonCount: summary.reasons.count,
            lastSessionDate: summary.lastSessionDate,
            clientID: summary.clientID
        )
    }

    /// A position in the attention order; also what a cursor of that order holds.
    public struct UrgencyKey: Sendable, Hashable, Comparable {
        /// The most urgent reason's rank (lower is more urgent).
        public var rank: Int
        /// How many reasons (more is more urgent).
        public var reasonCount: Int
        /// The last session date (later is more urgent).
        public var lastSessionDate: String
        /// The tie-breaker.
        public var clientID: String

        /// Creates a key.
        public init(rank: Int, reasonCount: Int, lastSessionDate: String, clientID: String) {
            self.rank = rank
            self.reasonCount = reasonCount
            self.lastSessionDate = lastSessionDate
            self.clientID = clientID
        }

        public static func < (lhs: UrgencyKey, rhs: UrgencyKey) -> Bool {
            if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
            if lhs.reasonCount != rhs.reasonCount { return lhs.reasonCount > rhs.reasonCount }
            if lhs.lastSessionDate != rhs.lastSessionDate { return lhs.lastSessionDate > rhs.lastSessionDate }
            return lhs.clientID < rhs.clientID
        }

        /// `rank:count:date:client`; client ids have no `:`.
        public var text: String { "\(rank):\(reasonCount):\(lastSessionDate):\(clientID)" }

        /// Reads `text`; nil when it is not one.
        public init?(text: String) {
            let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let rank = Int(parts[0]), let count = Int(parts[1]), !parts[3].isEmpty else {
                return nil
            }
            self.init(rank: rank, reasonCount: count, lastSessionDate: String(parts[2]), clientID: String(parts[3]))
        }
    }

    /// The facts a stored submission contributed, rebuilt from its JSON.
    static func facts(of submission: StoredSubmission) -> SubmissionFacts {
        SubmissionFacts(scoresJSON: submission.scores, alertsJSON: submission.alerts, answersJSON: submission.answers)
            ?? SubmissionFacts(scales: [], alertCount: 0)
    }

    /// Whole days from one `YYYY-MM-DD` date to another; nil unless both are such dates.
    public static func days(from start: String, to end: String) -> Int? {
        guard let first = dayNumber(start), let second = dayNumber(end) else { return nil }
        return second - first
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date; nil unless it is one.
    public static func dayNumber(_ text: String) -> Int? { CalendarDate(text)?.dayNumber }

    /// The `YYYY-MM-DD` of a day number (days since 1970-01-01), clamped to 0001–9999.
    public static func date(ofDayNumber number: Int) -> String {
        let clamped = Swift.min(
            Swift.max(number, CalendarDate.dayNumbers.lowerBound),
            CalendarDate.dayNumbers.upperBound
        )
        return CalendarDate(dayNumber: clamped)?.description ?? "1970-01-01"
    }
}
