import AttuneCore
import Testing

/// The gap rules of the two views: missed ruptures at the quarters of the range, and over- or
/// under-estimation at a mean gap of 0.75 over the last 3 shared sessions.
@Suite struct TwoViewsTests {
    static let items: [(id: String, range: ClosedRange<Double>)] = [("trust", 0...4)]

    static func rater(_ scores: [Int: Double], reports: [Int: DirectRuptureReport] = [:]) -> [RaterSession] {
        scores.keys.sorted().map { session in
            RaterSession(
                session: session,
                date: CalendarDate(dayNumber: 20_000 + session) ?? CalendarDate(dayNumber: 0)!,
                itemScores: ["trust": scores[session] ?? 0],
                report: reports[session]
            )
        }
    }

    @Test func flagsAMissedRuptureAtOneAgainstThree() {
        let views = TwoViews(
            client: Self.rater([1: 1, 2: 2, 3: 1]),
            therapist: Self.rater([1: 3, 2: 3, 3: 2.5]),
            items: Self.items
        )
        #expect(views.missedRuptures.map(\.session) == [1])
        #expect(views.missedRuptures.first?.qualityID == "trust")
        #expect(views.qualities.first?.gaps.map(\.gap) == [-2, -1, -1.5])
    }

    @Test func flagsAReportTheTherapistsFormDoesNotHave() {
        let views = TwoViews(
            client: Self.rater([1: 3, 2: 3], reports: [1: .init(felt: true), 2: .init(felt: true)]),
            therapist: Self.rater([1: 3, 2: 3], reports: [1: .init(felt: false), 2: .init(felt: true)]),
            items: Self.items
        )
        #expect(views.missedRuptures.map(\.session) == [1])
        #expect(views.missedRuptures.first?.qualityID == nil)
    }

    @Test func comparesOnlySharedSessions() {
        let views = TwoViews(client: Self.rater([1: 3, 2: 3]), therapist: Self.rater([2: 1, 3: 1]), items: Self.items)
        #expect(views.sharedSessions == [2])
        #expect(views.qualities.first?.gaps.count == 1)
    }

    /// (client, therapist, mean gap, estimation) over sessions 1–4; only 2–4 count.
    @Test(arguments: [
        ([4.0, 3, 3, 3], [0.0, 3.75, 3.75, 3.75], -0.75, TwoViews.Estimation.overestimates),
        ([0.0, 3, 3, 3], [4.0, 2.25, 2.25, 2.25], 0.75, .underestimates),
        ([3.0, 3, 3, 3], [3.0, 2.5, 2.5, 2.5], 0.5, .agrees),
    ])
    func judgesEstimationOverTheLastThreeSharedSessions(
        client: [Double],
        therapist: [Double],
        mean: Double,
        estimation: TwoViews.Estimation
    ) throws {
        func scores(_ values: [Double]) -> [Int: Double] {
            Dictionary(uniqueKeysWithValues: values.enumerated().map { ($0.offset + 1, $0.element) })
        }
        let views = TwoViews(
            client: Self.rater(scores(client)),
            therapist: Self.rater(scores(therapist)),
            items: Self.items
        )
        let quality = try #require(views.qualities.first)
        #expect(quality.recentMeanGap == mean)
        #expect(quality.estimation == estimation)
    }

    @Test func readsItemScoresAfterReverseKeying() {
        let definition = BuiltInInstruments.relationshipProfile
        let scores = RaterSession.itemScores(
            answersJSON: Array(#"{"trust_1":4,"trust_3":4,"trust_2":"notApplicable"}"#.utf8),
            definition: definition
        )
        #expect(scores["trust_1"] == 4)
        #expect(scores["trust_3"] == 0)  // reverse-keyed: 0 + 4 − 4
        #expect(scores["trust_2"] == nil)
    }

    @Test func fitsTheTrendOfTheGap() throws {
        let views = TwoViews(
            client: Self.rater([1: 1, 2: 2, 3: 3]),
            therapist: Self.rater([1: 3, 2: 3, 3: 3]),
            items: Self.items
        )
        #expect(try #require(views.qualities.first).trend == 1)
    }
}
