import AttuneCore

/// Charts the format tests draw: a realistic half year, and the edges (one point, gaps, 100 sessions,
/// hostile labels).
extension TrajectoryChart {
    /// Monday 2026-01-05 plus `weeks` weeks, as `YYYY-MM-DD` (weekly sessions stay in 2026).
    static func weeklyDate(_ weeks: Int) -> String {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var day = 5 + 7 * weeks
        var month = 0
        while month < 11, day > lengths[month] {
            day -= lengths[month]
            month += 1
        }
        return "2026-\(month < 9 ? "0" : "")\(month + 1)-\(day < 10 ? "0" : "")\(day)"
    }

    /// The built-in check-in's bands and cut-off on its 0–4 mean.
    static let checkinBands = [
        Band(label: "strained", lower: 0, upper: 1.99),
        Band(label: "mixed", lower: 2, upper: 2.99),
        Band(label: "good", lower: 3, upper: 3.49),
        Band(label: "strong", lower: 3.5, upper: 4),
    ]

    /// 24 weekly check-ins: a stable start, a V-shaped rupture at session 9 repaired at 11, a session
    /// without a value (13), a reported rupture talked through at 16, and the therapist's view beside it
    /// (who missed the fall at 9 and did not rate sessions 13 and 20).
    static let realistic: TrajectoryChart = {
        let client: [Double?] = [
            2.88, 3.0, 3.13, 3.0, 3.25, 3.13, 3.25, 3.38, 2.13, 2.5, 3.13, 3.25, nil, 3.38, 3.5, 3.0, 3.38, 3.5,
            3.63, 3.5, 3.63, 3.75, 3.63, 3.75,
        ]
        let therapist: [Double?] = [
            3.0, 3.13, 3.25, 3.13, 3.25, 3.25, 3.38, 3.38, 3.13, 3.0, 3.25, 3.38, nil, 3.38, 3.5, 3.25, 3.38, 3.5,
            3.5, nil, 3.5, 3.63, 3.63, 3.63,
        ]
        func points(_ values: [Double?], skippingMissing: Bool) -> [Point] {
            values.enumerated().compactMap { index, value in
                if skippingMissing, value == nil { return nil }
                return Point(session: index + 1, date: weeklyDate(index), value: value)
            }
        }
        return TrajectoryChart(
            title: "Client C-0417 · Relationship check-in, overall (client and therapist)",
            scaleLabel: "Overall (mean, 0–4)",
            yMinimum: 0,
            yMaximum: 4,
            bands: checkinBands,
            cutoff: Cutoff(value: 3),
            series: Series(label: "client", points: points(client, skippingMissing: false)),
            comparison: Series(label: "therapist", points: points(therapist, skippingMissing: true)),
            ruptures: [Rupture(session: 9, kind: .detected), Rupture(session: 16, kind: .reported)],
            repairs: [Repair(session: 11), Repair(session: 16)]
        )
    }()

    /// One session only.
    static let single = TrajectoryChart(
        title: "One session",
        scaleLabel: "Trust",
        yMinimum: 0,
        yMaximum: 4,
        bands: checkinBands,
        series: Series(label: "client", points: [Point(session: 1, date: "2026-01-05", value: 2.5)])
    )

    /// Values missing at the start, in the middle (two in a row) and at the end, and a rupture on a
    /// session without a value.
    static let gaps = TrajectoryChart(
        title: "Gaps",
        scaleLabel: "Trust",
        yMinimum: 0,
        yMaximum: 4,
        series: Series(
            label: "client",
            points: [nil, 3.0, 3.25, nil, nil, 3.0, 2.0, nil].enumerated().map { index, value in
                Point(session: index + 1, value: value)
            }
        ),
        ruptures: [Rupture(session: 5, kind: .reported)]
    )

    /// 100 weekly sessions.
    static let hundred = TrajectoryChart(
        title: "Two years",
        scaleLabel: "Overall (mean, 0–4)",
        yMinimum: 0,
        yMaximum: 4,
        bands: checkinBands,
        cutoff: Cutoff(value: 3),
        series: Series(
            label: "client",
            points: (1...100).map { session in
                Point(session: session, value: 2.5 + Double((session * 37) % 17) / 16)
            }
        ),
        ruptures: [Rupture(session: 40, kind: .detected)],
        repairs: [Repair(session: 42)]
    )
}
