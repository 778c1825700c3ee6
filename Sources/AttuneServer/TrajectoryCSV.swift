internal import AttuneCore

/// A trajectory as CSV: one row per session and scale, in the documented column order
/// (docs/analytics.md "Trajectory as CSV").
enum TrajectoryCSV {
    static let header = [
        "client", "questionnaire", "respondent", "scale", "session", "date", "submission", "version", "therapist",
        "value", "band", "change_from_previous", "change_from_baseline", "reliable_change_index",
        "reliable_change_direction", "reliable_change_source", "rupture_check", "rupture_threshold",
        "episode_started", "episode_status", "episode_repaired",
    ]

    static func document(
        client: String,
        query: TrajectoryQuery,
        trajectories: [ScaleTrajectory],
        lastSessionDate: CalendarDate?,
        today: CalendarDate?
    ) -> [UInt8] {
        var writer = CSVWriter(header: header, reservingCapacity: 256 * (1 + trajectories.count * 40))
        for trajectory in trajectories {
            let source: String =
                switch trajectory.source {
                case .definition: "definition"
                case .practice: "practice"
                case .unavailable: "unavailable"
                }
            let started = Dictionary(
                trajectory.episodes.map { ($0.firstSession, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            let repaired = Set(trajectory.episodes.compactMap(\.repairSession))
            for point in trajectory.points {
                let session = point.session
                var check: String?
                var threshold: Double?
                switch point.ruptureCheck {
                case .judged(_, _, let value)?:
                    check = "judged"
                    threshold = value
                case .tooFewEarlierSessions?: check = "tooFewEarlierSessions"
                case .inEpisode?: check = "inEpisode"
                case .noValue?: check = "noValue"
                case nil: check = nil
                }
                let episode = started[session.session]
                let status = episode?.status(
                    lastSessionDate: lastSessionDate,
                    today: today ?? session.date,
                    rules: query.rules
                )
                writer.append([
                    .text(client), .text(query.questionnaire), .text(query.respondent.rawValue),
                    .text(trajectory.scaleID), .integer(session.session), .text(session.date.description),
                    .text(session.submissionID), .integer(session.version), .text(session.therapistID),
                    .number(point.value), .text(point.band), .number(point.changeFromPrevious),
                    .number(point.changeFromBaseline), .number(point.reliableChange.map { clean($0.index) }),
                    .text(point.reliableChange?.direction.rawValue), .text(source), .text(check),
                    .number(threshold.map(clean)), .text(episode?.kind.rawValue), .text(status?.rawValue),
                    .text(repaired.contains(session.session) ? "yes" : nil),
                ])
            }
        }
        return writer.bytes
    }

    private static func clean(_ value: Double) -> Double {
        Rounding.halfAwayFromZero(value, decimals: 6) + 0
    }
}
