internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore

/// The JSON of a trajectory and of the reliability estimates (openapi.yaml `Trajectory`, `Reliability`).
enum TrajectoryJSON {
    static func trajectory(
        client: String,
        query: TrajectoryQuery,
        sessions: [TrajectorySession],
        trajectories: [ScaleTrajectory],
        views: (therapistQuestionnaire: String, views: TwoViews)?,
        lastSessionDate: CalendarDate?,
        today: CalendarDate?
    ) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 512 + 400 * sessions.count * max(1, trajectories.count))
        writer.beginObject()
        writer.key("client")
        writer.string(client)
        writer.key("questionnaire")
        writer.string(query.questionnaire)
        writer.key("respondent")
        writer.string(query.respondent.rawValue)
        writer.key("rules")
        writer.beginObject()
        writer.key("k")
        writer.number(query.rules.k)
        writer.key("repairWithin")
        writer.number(query.rules.repairWithin)
        writer.key("endedAfterDays")
        writer.number(query.rules.endedAfterDays)
        writer.endObject()
        writer.key("lastSessionDate")
        optionalString(lastSessionDate?.description, into: &writer)
        writer.key("sessions")
        writer.beginArray()
        for session in sessions {
            writer.beginObject()
            writer.key("session")
            writer.number(session.session)
            writer.key("date")
            writer.string(session.date.description)
            writer.key("submission")
            writer.string(session.submissionID)
            writer.key("version")
            writer.number(session.version)
            writer.key("therapist")
            writer.string(session.therapistID)
            writer.endObject()
        }
        writer.endArray()
        writer.key("scales")
        writer.beginArray()
        for trajectory in trajectories {
            write(trajectory, rules: query.rules, lastSessionDate: lastSessionDate, today: today, into: &writer)
        }
        writer.endArray()
        writer.key("views")
        if let views {
            write(views.views, therapistQuestionnaire: views.therapistQuestionnaire, into: &writer)
        } else {
            writer.null()
        }
        writer.endObject()
        return writer.bytes
    }

    private static func write(
        _ trajectory: ScaleTrajectory,
        rules: RuptureRules,
        lastSessionDate: CalendarDate?,
        today: CalendarDate?,
        into writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.key("scale")
        writer.string(trajectory.scaleID)
        writer.key("reliableChange")
        write(trajectory.source, into: &writer)
        writer.key("baselineSession")
        optionalNumber(trajectory.baselineSession.map(Double.init), into: &writer)
        writer.key("reliableChangeStatus")
        optionalString(trajectory.latestReliableChange?.direction.rawValue, into: &writer)
        writer.key("ruptureDetection")
        writer.bool(trajectory.isJudged)
        writer.key("points")
        writer.beginArray()
        for point in trajectory.points { write(point, into: &writer) }
        writer.endArray()
        writer.key("episodes")
        writer.beginArray()
        for episode in trajectory.episodes {
            let status = episode.status(
                lastSessionDate: lastSessionDate,
                today: today ?? episode.lastLowDate,
                rules: rules
            )
            episode.write(into: &writer, status: status, rules: rules)
        }
        writer.endArray()
        writer.endObject()
    }

    private static func write(_ source: ReliableChangeSource, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("source")
        switch source {
        case .definition: writer.string("definition")
        case .practice: writer.string("practice")
        case .unavailable: writer.string("unavailable")
        }
        if let criterion = source.criterion {
            writer.key("sd")
            writer.number(clean(criterion.sd))
            writer.key("reliability")
            writer.number(clean(criterion.reliability))
            writer.key("standardErrorOfDifference")
            writer.number(clean(criterion.standardErrorOfDifference))
            writer.key("minimumReliableChange")
            writer.number(clean(criterion.minimumReliableChange))
        }
        switch source {
        case .practice(_, let clients):
            writer.key("clients")
            writer.number(clients)
        case .unavailable(let reason):
            writer.key("reason")
            writer.string(reason.explanation)
        case .definition: break
        }
        writer.endObject()
    }

    private static func write(_ point: TrajectoryPoint, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("session")
        writer.number(point.session.session)
        writer.key("date")
        writer.string(point.session.date.description)
        writer.key("value")
        optionalNumber(point.value, into: &writer)
        writer.key("band")
        optionalString(point.band, into: &writer)
        writer.key("changeFromPrevious")
        optionalNumber(point.changeFromPrevious, into: &writer)
        writer.key("changeFromBaseline")
        optionalNumber(point.changeFromBaseline, into: &writer)
        writer.key("reliableChange")
        if let change = point.reliableChange {
            writer.beginObject()
            writer.key("index")
            writer.number(clean(change.index))
            writer.key("direction")
            writer.string(change.direction.rawValue)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("ruptureCheck")
        if let check = point.ruptureCheck { write(check, into: &writer) } else { writer.null() }
        writer.endObject()
    }

    private static func write(_ check: RuptureCheck, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("check")
        switch check {
        case .judged(let mean, let sigma, let threshold):
            writer.string("judged")
            writer.key("mean")
            writer.number(clean(mean))
            writer.key("sigma")
            writer.number(clean(sigma))
            writer.key("threshold")
            writer.number(clean(threshold))
        case .tooFewEarlierSessions(let available):
            writer.string("tooFewEarlierSessions")
            writer.key("available")
            writer.number(available)
            writer.key("reason")
            writer.string(
                "Detection needs \(RuptureRules.minimumBaselineSessions) earlier sessions with a value outside any "
                    + "rupture episode; there are \(available)."
            )
        case .inEpisode(let first):
            writer.string("inEpisode")
            writer.key("firstSession")
            writer.number(first)
        case .noValue:
            writer.string("noValue")
        }
        writer.endObject()
    }

    private static func write(_ views: TwoViews, therapistQuestionnaire: String, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("therapistQuestionnaire")
        writer.string(therapistQuestionnaire)
        writer.key("sharedSessions")
        writer.beginArray()
        for session in views.sharedSessions { writer.number(session) }
        writer.endArray()
        writer.key("qualities")
        writer.beginArray()
        for quality in views.qualities {
            writer.beginObject()
            writer.key("quality")
            writer.string(quality.id)
            writer.key("gaps")
            writer.beginArray()
            for gap in quality.gaps {
                writer.beginObject()
                writer.key("session")
                writer.number(gap.session)
                writer.key("client")
                writer.number(clean(gap.client))
                writer.key("therapist")
                writer.number(clean(gap.therapist))
                writer.key("gap")
                writer.number(clean(gap.gap))
                writer.endObject()
            }
            writer.endArray()
            writer.key("trend")
            optionalNumber(quality.trend, into: &writer)
            writer.key("recentMeanGap")
            optionalNumber(quality.recentMeanGap, into: &writer)
            writer.key("estimation")
            optionalString(quality.estimation?.rawValue, into: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.key("missedRuptures")
        writer.beginArray()
        for missed in views.missedRuptures {
            writer.beginObject()
            writer.key("session")
            writer.number(missed.session)
            writer.key("date")
            writer.string(missed.date.description)
            writer.key("quality")
            optionalString(missed.qualityID, into: &writer)
            writer.key("kind")
            writer.string(missed.qualityID == nil ? "report" : "quality")
            writer.key("client")
            optionalNumber(missed.client, into: &writer)
            writer.key("therapist")
            optionalNumber(missed.therapist, into: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    static func reliability(_ estimates: [PracticeScaleEstimate], questionnaire: String, respondent: Respondent)
        -> [UInt8]
    {
        var writer = JSONWriter(reservingCapacity: 256 + 256 * estimates.count)
        writer.beginObject()
        writer.key("questionnaire")
        writer.string(questionnaire)
        writer.key("respondent")
        writer.string(respondent.rawValue)
        writer.key("minimumClients")
        writer.number(PracticeScaleEstimate.minimumClients)
        writer.key("scales")
        writer.beginArray()
        for estimate in estimates {
            writer.beginObject()
            writer.key("scale")
            writer.string(estimate.scaleID)
            writer.key("clients")
            writer.number(estimate.baselineClients)
            writer.key("completeCases")
            writer.number(estimate.alpha?.cases ?? 0)
            writer.key("alpha")
            optionalNumber(estimate.alpha?.alpha, into: &writer)
            writer.key("alphaLower")
            optionalNumber(estimate.alpha?.lower, into: &writer)
            writer.key("alphaUpper")
            optionalNumber(estimate.alpha?.upper, into: &writer)
            writer.key("baselineSD")
            optionalNumber(estimate.baselineSD, into: &writer)
            writer.key("sem")
            optionalNumber(estimate.standardErrorOfMeasurement, into: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    /// Rounded to 6 decimals, without −0 (DESIGN.md "Numbers on the wire").
    private static func clean(_ value: Double) -> Double {
        value.isFinite ? Rounding.halfAwayFromZero(value, decimals: 6) + 0 : 0
    }

    private static func optionalNumber(_ value: Double?, into writer: inout JSONWriter) {
        if let value, value.isFinite { writer.number(clean(value)) } else { writer.null() }
    }

    private static func optionalString(_ value: String?, into writer: inout JSONWriter) {
        if let value { writer.string(value) } else { writer.null() }
    }
}
