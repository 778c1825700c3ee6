import AttuneCore
import Testing

/// Changes from the previous session and from baseline, and reliable change against baseline.
@Suite struct TrajectoryTests {
    static func sessions(_ values: [Double?]) -> [TrajectorySession] {
        values.enumerated().map { index, value in
            TrajectorySession(
                submissionID: "sub_\(index)",
                version: 2,
                session: index + 1,
                date: CalendarDate(dayNumber: 20_000 + 7 * index) ?? CalendarDate(dayNumber: 0)!,
                therapistID: "t-1",
                facts: SubmissionFacts(scales: [.init(id: "total", value: value)], alertCount: 0)
            )
        }
    }

    @Test func computesChangesAndReliableChangeAgainstBaseline() throws {
        // sd 1, r 0.8: S_diff = √(2·0.2) = 0.63246; reliable beyond 1.96·0.63246 = 1.2396.
        let criterion = try #require(ReliableChangeCriterion(sd: 1, reliability: 0.8))
        let trajectory = TrajectoryBuilder.build(
            Self.sessions([nil, 1.5, 2.1, nil, 2.8, 2.7]),
            scaleID: "total",
            source: .definition(criterion),
            ruptureScale: nil
        )
        let points = trajectory.points
        #expect(trajectory.baselineSession == 2)
        #expect(points[0].changeFromBaseline == nil)
        #expect(points[1].changeFromBaseline == 0)
        #expect(points[2].changeFromPrevious == 0.6)
        #expect(points[4].changeFromPrevious == 0.7)  // from session 3: session 4 has no value
        #expect(points[4].changeFromBaseline == 1.3)
        #expect(points[4].reliableChange?.direction == .increase)
        #expect(points[5].reliableChange?.direction == ReliableChange.Direction.none)  // 1.2 < 1.2396
        // The status is the latest session against baseline, not a count of reliable sessions.
        #expect(trajectory.latestReliableChange?.direction == ReliableChange.Direction.none)
    }

    @Test func withoutACriterionThereIsNoReliableChange() {
        let trajectory = TrajectoryBuilder.build(
            Self.sessions([1, 3]),
            scaleID: "total",
            source: .unavailable(.tooFewClients(clients: 3)),
            ruptureScale: nil
        )
        #expect(trajectory.points.allSatisfy { $0.reliableChange == nil })
        #expect(trajectory.points[1].changeFromBaseline == 2)
    }

    @Test func sharesOnlyTheScalesEveryVersionHas() {
        var sessions = Self.sessions([1, 2])
        sessions[1].facts.scales.append(.init(id: "extra", value: 1))
        #expect(TrajectoryBuilder.sharedScaleIDs(sessions) == ["total"])
    }

    @Test func judgesRupturesOnTheDetectionScales() {
        let trajectory = TrajectoryBuilder.build(
            Self.sessions([3, 3.5, 2.5, 2]),
            scaleID: "total",
            source: .unavailable(.tooFewClients(clients: 0)),
            ruptureScale: RuptureScale(id: "total", sigmaFloor: 0.25, carriesReports: true)
        )
        #expect(trajectory.episodes.map(\.firstSession) == [4])
        #expect(trajectory.points[3].ruptureCheck == .judged(mean: 3, sigma: 0.5, threshold: 2))
    }

    @Test func theCheckinJudgesItsTotalButNotTheFollowUp() {
        let scales = RuptureScale.scales(of: BuiltInInstruments.relationshipCheckin)
        #expect(scales == [RuptureScale(id: "total", sigmaFloor: 0.25, carriesReports: true)])
        let profile = RuptureScale.scales(of: BuiltInInstruments.relationshipProfile)
        #expect(profile.count == 9)
        #expect(profile.allSatisfy { !$0.carriesReports })
    }
}
