import AttuneCore
import Testing

/// Cronbach's α on a small worked example, Feldt's interval, and the reliable-change source rule.
@Suite struct CronbachAlphaTests {
    // Item variances (n − 1): 0.6667, 1.6667, 0.6667, Σ = 3; totals 8, 4, 11, 7: variance 8.3333.
    // α = 3/2 · (1 − 3/8.3333) = 1.5 · 0.64 = 0.96. Feldt with F(3, 6): F.975 = 6.5988, F.025 = 0.0678
    // (scipy.stats.f.ppf), so 1 − 0.04·6.5988 = 0.73605 and 1 − 0.04·0.0678 = 0.99729.
    static let cases: [[Double]] = [[2, 3, 3], [1, 1, 2], [3, 4, 4], [2, 2, 3]]

    @Test func computesAlphaOfAWorkedExample() throws {
        let alpha = try #require(CronbachAlpha(cases: Self.cases))
        #expect(abs(alpha.alpha - 0.96) < 1e-12)
        #expect(alpha.cases == 4)
        #expect(alpha.items == 3)
    }

    @Test func givesFeldtsInterval() throws {
        let alpha = try #require(CronbachAlpha(cases: Self.cases))
        #expect(abs(alpha.lower - 0.736_048_059_121_740_9) < 1e-9)
        #expect(abs(alpha.upper - 0.997_285_323_079_903_4) < 1e-9)
    }

    @Test func refusesWhatHasNoAlpha() {
        #expect(CronbachAlpha(cases: [[1, 2], [2, 3]]) == nil)  // two cases
        #expect(CronbachAlpha(cases: [[1], [2], [3]]) == nil)  // one item
        #expect(CronbachAlpha(cases: [[1, 1], [1, 1], [1, 1]]) == nil)  // no variance
        #expect(CronbachAlpha(cases: [[1, 2], [2, 3], [3]]) == nil)  // ragged
    }

    @Test func reliableChangeUsesTheDefinitionFirst() {
        let scale = Scale(id: "total", title: "T", items: ["a"], method: .mean, reliability: 0.8, sd: 10)
        let practice = PracticeScaleEstimate(
            scaleID: "total",
            alpha: CronbachAlpha(cases: Self.cases),
            baselineSD: 1,
            baselineClients: 80
        )
        #expect(ReliableChangeSource(scale: scale, practice: practice).criterion?.sd == 10)
    }

    @Test func reliableChangeNeedsFiftyClientsWithABaseline() {
        let scale = Scale(id: "total", title: "T", items: ["a"], method: .mean)
        func source(clients: Int) -> ReliableChangeSource {
            ReliableChangeSource(
                scale: scale,
                practice: PracticeScaleEstimate(
                    scaleID: "total",
                    alpha: CronbachAlpha(cases: Self.cases),
                    baselineSD: 0.7,
                    baselineClients: clients
                )
            )
        }
        #expect(source(clients: 49) == .unavailable(.tooFewClients(clients: 49)))
        guard case .practice(let criterion, clients: 50) = source(clients: 50) else {
            Issue.record("expected the practice's estimate")
            return
        }
        #expect(criterion.sd == 0.7)
        #expect(abs(criterion.reliability - 0.96) < 1e-12)
        #expect(ReliableChangeSource(scale: scale, practice: nil) == .unavailable(.tooFewClients(clients: 0)))
    }
}
