import AttuneCore
import Testing

/// Empirical-Bayes shrinkage and small-cell suppression against hand-worked values.
@Suite struct ShrinkageAndSuppressionTests {
    // A: 1, 2, 3 (mean 2); B: 3, 4, 5 (mean 4). μ = 3; σ² = (2 + 2)/(6 − 2) = 1; MSB = (3·1 + 3·1)/1 = 6;
    // n₀ = (6 − 18/6)/1 = 3; τ² = (6 − 1)/3 = 5/3; B = (5/3)/(5/3 + 1/3) = 5/6; shrunk 3 ∓ 5/6.
    // Var μ = (5/3·18 + 6)/36 = 1; variance = 5/6·1/3 + (1/6)² = 11/36; half-width 1.96·√11/6.
    @Test func shrinksTowardTheOverallMean() throws {
        let result = try EmpiricalBayesShrinkage.estimate([[1, 2, 3], [3, 4, 5]]).get()
        #expect(abs(result.overallMean - 3) < 1e-12)
        #expect(abs(result.withinVariance - 1) < 1e-12)
        #expect(abs(result.betweenVariance - 5.0 / 3) < 1e-12)
        let first = result.estimates[0]
        #expect(first.clients == 3)
        #expect(abs(first.rawMean - 2) < 1e-12)
        #expect(abs(first.weight - 5.0 / 6) < 1e-12)
        #expect(abs(first.shrunkMean - (3 - 5.0 / 6)) < 1e-12)
        let half = 1.96 * 11.0.squareRoot() / 6
        #expect(abs(first.lower - (first.shrunkMean - half)) < 1e-12)
        #expect(abs(first.upper - (first.shrunkMean + half)) < 1e-12)
        #expect(abs(result.estimates[1].shrunkMean - (3 + 5.0 / 6)) < 1e-12)
    }

    // Equal group means: MSB = 0 < σ², so τ² truncates at 0 and every mean shrinks fully to μ = 2.
    @Test func truncatesTheBetweenVarianceAtZero() throws {
        let result = try EmpiricalBayesShrinkage.estimate([[1, 3], [1, 3], [2, 2, 2]]).get()
        #expect(result.betweenVariance == 0)
        for estimate in result.estimates {
            #expect(estimate.weight == 0)
            #expect(abs(estimate.shrunkMean - 2) < 1e-12)
        }
    }

    // A group of one client is pulled further than a group of ten with the same distance from μ.
    @Test func shrinksSmallCaseloadsMore() throws {
        let small = [4.0]
        let large = [Double](repeating: 4, count: 9) + [3.9]
        let middle = [1.0, 2, 3, 1, 2, 3]
        let result = try EmpiricalBayesShrinkage.estimate([small, large, middle]).get()
        #expect(result.estimates[0].weight < result.estimates[1].weight)
        #expect(
            result.estimates[0].upper - result.estimates[0].lower > result.estimates[1].upper
                - result.estimates[1].lower
        )
    }

    @Test func needsTwoGroupsAndSomeSpread() {
        #expect(EmpiricalBayesShrinkage.estimate([[1, 2, 3]]) == .failure(.fewerThanTwoGroups))
        #expect(EmpiricalBayesShrinkage.estimate([[1], [2]]) == .failure(.noWithinGroupSpread))
        #expect(EmpiricalBayesShrinkage.estimate([[1, 2], []]) == .failure(.fewerThanTwoGroups))
    }

    private func suppress(_ clients: [Int64], total: Int64? = nil, exempt: Bool = false) -> SmallCellSuppression {
        SmallCellSuppression(
            cells: clients.map { .init(clients: $0, isExempt: exempt) },
            totalClients: total ?? clients.reduce(0, +),
            minimumClients: 5
        )
    }

    @Test func suppressesGroupsBelowTheMinimum() {
        let result = suppress([10, 5, 8, 12])
        #expect(result.suppressed.isEmpty)
        #expect(!result.suppressesTotal)
    }

    // One small group: total − the others would give it away, so the next smallest (8) goes too.
    @Test func suppressesAComplementWhenOneGroupIsSmall() {
        let result = suppress([10, 3, 8, 12])
        #expect(result.suppressed == [1, 2])
        #expect(result.complementary == [2])
        #expect(!result.suppressesTotal)
    }

    // Two small groups with 5 clients together: their sum can be recovered, neither alone: no complement.
    @Test func needsNoComplementWhenTheSuppressedTogetherAreLargeEnough() {
        let result = suppress([10, 3, 2, 8])
        #expect(result.suppressed == [1, 2])
        #expect(result.complementary.isEmpty)
    }

    // Two small groups with 3 clients together: still a small cell, so the smallest other (8) joins them.
    @Test func addsAComplementWhenTheSuppressedTogetherAreStillSmall() {
        let result = suppress([10, 2, 1, 8])
        #expect(result.suppressed == [1, 2, 3])
        #expect(result.complementary == [3])
    }

    @Test func suppressesTheTotalWhenNothingCanProtectTheSmallGroup() {
        #expect(suppress([3]).suppressesTotal)
        #expect(suppress([6, 3], total: 4).suppressesTotal)
    }

    @Test func showsEverythingToTheTherapistThemselves() {
        let result = suppress([3, 1], exempt: true)
        #expect(result.suppressed.isEmpty)
        #expect(!result.suppressesTotal)
    }
}
