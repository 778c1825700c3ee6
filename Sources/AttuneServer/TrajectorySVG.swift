internal import AttuneCore

/// A trajectory as an SVG chart (docs/analytics.md "Trajectory as SVG"): one scale of the series over
/// sessions, with the therapist's ratings of the same scale beside a client's where both exist.
enum TrajectorySVG {
    /// The scale a chart draws when the query names none: `total` when the questionnaire has it (the
    /// overall score a therapist looks at first), otherwise its first shared scale.
    static func defaultScale(among scaleIDs: [String]) -> String? {
        scaleIDs.contains(RuptureScale.reportScaleID) ? RuptureScale.reportScaleID : scaleIDs.first
    }

    /// The chart of `trajectory`, a scale of `definition`, for `client`.
    /// - Parameter therapistSessions: the therapist-rated form's sessions of the same client, drawn as the
    ///   comparison series when they have values for the scale; nil or empty for one view.
    static func document(
        client: String,
        definition: QuestionnaireDefinition,
        respondent: Respondent,
        trajectory: ScaleTrajectory,
        therapistSessions: [TrajectorySession]?
    ) -> [UInt8] {
        let series = TrajectoryChart.Series(
            label: respondent.rawValue,
            points: trajectory.points.map {
                TrajectoryChart.Point(session: $0.session.session, date: $0.session.date.description, value: $0.value)
            }
        )
        var comparison: TrajectoryChart.Series?
        if let therapistSessions {
            let points = therapistSessions.compactMap { session -> TrajectoryChart.Point? in
                guard let value = session.facts.scale(trajectory.scaleID)?.value else { return nil }
                return TrajectoryChart.Point(session: session.session, date: session.date.description, value: value)
            }
            if !points.isEmpty { comparison = TrajectoryChart.Series(label: "therapist", points: points) }
        }
        let ruptures = trajectory.episodes.map {
            TrajectoryChart.Rupture(session: $0.firstSession, kind: $0.kind == .reported ? .reported : .detected)
        }
        let repairs = trajectory.episodes.compactMap { $0.repairSession.map(TrajectoryChart.Repair.init) }
        let scale = definition.scale(withID: trajectory.scaleID)
        let views = comparison == nil ? "" : " (client and therapist)"
        let title = "Client \(client) · \(definition.title) · \(scale?.title ?? trajectory.scaleID)\(views)"
        let chart: TrajectoryChart
        if let scale {
            chart = TrajectoryChart(
                title: title,
                scale: scale,
                of: definition,
                series: series,
                comparison: comparison,
                ruptures: ruptures,
                repairs: repairs
            )
        } else {
            chart = TrajectoryChart(
                title: title,
                scaleLabel: trajectory.scaleID,
                yMinimum: .nan,
                yMaximum: .nan,
                series: series,
                comparison: comparison,
                ruptures: ruptures,
                repairs: repairs
            )
        }
        return Array(chart.svgDocument().utf8)
    }
}
