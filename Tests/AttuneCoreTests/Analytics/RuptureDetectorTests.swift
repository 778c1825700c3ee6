import AttuneCore
import Testing

/// Every rupture and repair edge of docs/analytics.md, on a 0–4 mean (σ floor 0.25).
///
/// The usual baseline is 3, 3.5, 2.5: m = 3, SD = 0.5, so σ = 0.5, a fall is at most 3 − 2·0.5 = 2 and
/// "back" is at least 3 − 0.25 = 2.75.
@Suite struct RuptureDetectorTests {
    static let baseline: [Double?] = [3, 3.5, 2.5]

    static func series(_ values: [Double?], reports: [Int: DirectRuptureReport] = [:]) -> [SeriesSession] {
        let start = CalendarDate("2026-01-05")?.dayNumber ?? 0
        return values.enumerated().map { index, value in
            SeriesSession(
                session: index + 1,
                date: date(start + 7 * index),
                therapistID: index < 4 ? "t-1" : "t-2",
                value: value,
                report: reports[index + 1]
            )
        }
    }

    static func date(_ dayNumber: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber) ?? CalendarDate(dayNumber: 0)!
    }

    static func detect(_ values: [Double?], reports: [Int: DirectRuptureReport] = [:], k: Double = 2) -> RuptureTrace {
        RuptureDetector.detect(
            series(values, reports: reports),
            scaleID: "total",
            sigmaFloor: 0.25,
            carriesReports: true,
            rules: RuptureRules(k: k, repairWithin: 3, endedAfterDays: 60)
        )
    }

    @Test func aValueOfExactlyMMinusKSigmaStartsAnEpisode() throws {
        let trace = Self.detect(Self.baseline + [2.0])
        let episode = try #require(trace.episodes.first)
        #expect(trace.episodes.count == 1)
        #expect(episode.kind == .detected)
        #expect(episode.firstSession == 4)
        #expect(episode.therapistID == "t-1")
        #expect(episode.baselineMean == 3)
        #expect(episode.sigma == 0.5)
        #expect(episode.depth == 1)
        #expect(trace.checks[3] == .judged(mean: 3, sigma: 0.5, threshold: 2))
        #expect(Self.detect(Self.baseline + [2.01]).episodes.isEmpty)
    }

    @Test func needsThreeEarlierSessionsOutsideAnEpisode() {
        let two = Self.detect([3, 3, 0])
        #expect(two.episodes.isEmpty)
        #expect(two.checks[2] == .tooFewEarlierSessions(available: 2))
        let three = Self.detect([3, 3, 3, 0])
        #expect(three.episodes.map(\.firstSession) == [4])
    }

    @Test func sigmaNeverFallsBelowTheFloor() {
        // SD 0: σ = 0.25, a fall is at most 2.5.
        #expect(Self.detect([3, 3, 3, 2.5]).episodes.count == 1)
        #expect(Self.detect([3, 3, 3, 2.51]).episodes.isEmpty)
    }

    @Test func kOneIsTheSensitiveReading() {
        // m − 1·σ = 2.5.
        #expect(Self.detect(Self.baseline + [2.5], k: 1).episodes.count == 1)
        #expect(Self.detect(Self.baseline + [2.5], k: 2).episodes.isEmpty)
    }

    @Test func repairsOnTheThirdSessionAfterTheLastLowOne() throws {
        // Low at 4; 5 and 6 stay below 2.75 (in the episode, not a new fall); 7 is back: 3 sessions later.
        let trace = Self.detect(Self.baseline + [1.5, 2.5, 2.5, 3])
        let episode = try #require(trace.episodes.first)
        #expect(episode.repairSession == 7)
        #expect(episode.latencySessions == 3)
        #expect(episode.latencyDays == 21)
        #expect(episode.depth == 1.5)
        #expect(trace.checks[4] == .inEpisode(firstSession: 4))
    }

    @Test func theFourthSessionAfterIsTooLate() throws {
        let trace = Self.detect(Self.baseline + [1.5, 2.5, 2.5, 2.5, 3])
        let episode = try #require(trace.episodes.first)
        #expect(trace.episodes.count == 1)
        #expect(episode.repairSession == nil)
        #expect(episode.sessionsAfterLastLow == 4)
        let today = try #require(CalendarDate("2026-03-01"))
        #expect(episode.status(lastSessionDate: today, today: today, rules: .standard) == .unresolved)
    }

    @Test func unscoredSessionsCountTowardTheWindow() throws {
        let trace = Self.detect(Self.baseline + [1.5, nil, nil, nil, 3])
        #expect(try #require(trace.episodes.first).repairSession == nil)
        #expect(try #require(Self.detect(Self.baseline + [1.5, nil, nil, 3]).episodes.first).repairSession == 7)
    }

    @Test func aNewFallInsideAnEpisodeIsTheSameEpisode() throws {
        // 6 falls again: the window restarts there, so 9 (3 after 6) repairs it.
        let trace = Self.detect(Self.baseline + [1.5, 2.5, 1.8, 2.5, 2.5, 3])
        let episode = try #require(trace.episodes.first)
        #expect(trace.episodes.count == 1)
        #expect(episode.lastLowSession == 6)
        #expect(episode.repairSession == 9)
        #expect(episode.latencySessions == 5)
    }

    @Test func aSecondEpisodeUsesTheSessionsOutsideTheFirst() throws {
        // After the repair at 5 the baseline is 3, 3.5, 2.5, 3: m = 3, SD = 0.4082, a fall ≤ 2.1835.
        let trace = Self.detect(Self.baseline + [1.5, 3, 2.18])
        #expect(trace.episodes.map(\.firstSession) == [4, 6])
        let second = try #require(trace.episodes.last)
        #expect(second.baselineMean == 3)
        #expect(abs((second.sigma ?? 0) - 0.408_248_290_463_863) < 1e-12)
        #expect(second.therapistID == "t-2")
        guard case .judged(let mean, _, let threshold) = trace.checks[5] else {
            Issue.record("session 6 should be judged")
            return
        }
        #expect(mean == 3)
        #expect(abs(threshold - 2.183_503_419_072_274) < 1e-12)
    }

    @Test func aDirectReportTalkedAboutIsRepairedInTheSameSession() throws {
        let trace = Self.detect([3, 3], reports: [2: DirectRuptureReport(felt: true, discussed: .yes)])
        let episode = try #require(trace.episodes.first)
        #expect(episode.kind == .reported)
        #expect(episode.repairSession == 2)
        #expect(episode.latencySessions == 0)
        #expect(episode.latencyDays == 0)
        #expect(episode.baselineMean == nil && episode.depth == nil)
    }

    @Test func aDirectReportNotTalkedAboutWaitsForASessionWhereNothingFeltOff() throws {
        let reports = [
            2: DirectRuptureReport(felt: true, discussed: .no),
            3: DirectRuptureReport(felt: true, discussed: .aLittle),
            4: DirectRuptureReport(felt: false),
        ]
        let trace = Self.detect([3, 3, 3, 3], reports: reports)
        let episode = try #require(trace.episodes.first)
        #expect(trace.episodes.count == 1)
        #expect(episode.lastLowSession == 3)
        #expect(episode.repairSession == 4)
        #expect(episode.latencySessions == 2)
    }

    @Test func aFallTheClientAlsoReportedIsOneDetectedEpisode() throws {
        let trace = Self.detect(Self.baseline + [1.5], reports: [4: DirectRuptureReport(felt: true, discussed: .no)])
        let episode = try #require(trace.episodes.first)
        #expect(trace.episodes.count == 1)
        #expect(episode.kind == .detected)
        #expect(episode.isReported)
    }

    @Test func reportsCountOnlyOnTheScaleThatCarriesThem() {
        let trace = RuptureDetector.detect(
            Self.series([3, 3], reports: [2: DirectRuptureReport(felt: true)]),
            scaleID: "trust",
            sigmaFloor: 0.25,
            carriesReports: false
        )
        #expect(trace.episodes.isEmpty)
    }

    @Test func endsAfterSixtyDaysWithoutAnySession() throws {
        let episode = try #require(Self.detect(Self.baseline + [1.5]).episodes.first)
        let lastLow = episode.lastLowDate
        let rules = RuptureRules.standard
        let day59 = Self.date(lastLow.dayNumber + 59)
        let day60 = Self.date(lastLow.dayNumber + 60)
        #expect(episode.status(lastSessionDate: lastLow, today: day59, rules: rules) == .open)
        #expect(episode.status(lastSessionDate: lastLow, today: day60, rules: rules) == .ended)
        // A session of any questionnaire after the last low one: the client came back.
        let later = Self.date(lastLow.dayNumber + 10)
        #expect(episode.status(lastSessionDate: later, today: day60, rules: rules) == .open)
    }
}

@Suite struct CalendarDayNumberTests {
    @Test(arguments: [("1970-01-01", 0), ("2000-03-01", 11_017), ("2024-02-29", 19_782), ("1969-12-31", -1)])
    func countsDaysFromTheEpoch(text: String, days: Int) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.dayNumber == days)
        #expect(CalendarDate(dayNumber: days) == date)
    }
}
