import AttuneCore
import Testing

/// Jacobson & Truax (1991): S_diff = √(2·(sd·√(1 − r))²), RCI = (x₂ − x₁) / S_diff, reliable when |RCI| > 1.96.
@Suite struct ReliableChangeTests {
    // sd 10, r 0.8: SEm = 10·√0.2 = 4.4721; S_diff = √(2 · 20) = √40 = 6.3246; 1.96 · 6.32456 = 12.39613.
    private let criterion = ReliableChangeCriterion(sd: 10, reliability: 0.8)

    @Test func computesTheStandardErrors() throws {
        let criterion = try #require(criterion)
        #expect(abs(criterion.standardErrorOfMeasurement - 4.472_136) < 1e-6)
        #expect(abs(criterion.standardErrorOfDifference - 40.0.squareRoot()) < 1e-12)
        #expect(abs(criterion.minimumReliableChange - 12.396_128) < 1e-6)
    }

    /// (before, after, RCI, direction).
    @Test(arguments: [
        (0.0, 13.0, 2.055_480, ReliableChange.Direction.increase),  // 13 / 6.3246
        (0.0, 12.0, 1.897_367, .none),  // 12 / 6.3246: below 1.96
        (20.0, 5.0, -2.371_708, .decrease),  // −15 / 6.3246
        (7.0, 7.0, 0.0, .none),
    ])
    func classifiesChange(before: Double, after: Double, index: Double, direction: ReliableChange.Direction) throws {
        let change = try #require(criterion).change(from: before, to: after)
        #expect(abs(change.index - index) < 1e-6)
        #expect(change.direction == direction)
        #expect(change.isReliable == (direction != .none))
    }

    /// (sd, reliability): no criterion without a positive sd and a reliability strictly between 0 and 1.
    @Test(arguments: [
        (0.0, 0.8), (-1.0, 0.8), (10.0, 0.0), (10.0, 1.0), (10.0, 1.2), (Double.infinity, 0.8), (10.0, .nan),
    ])
    func refusesUnusableParameters(sd: Double, reliability: Double) {
        #expect(ReliableChangeCriterion(sd: sd, reliability: reliability) == nil)
    }

    @Test func readsTheParametersOfAScale() {
        let scale = Scale(id: "s", title: "S", items: ["a"], method: .sum, reliability: 0.9, sd: 4)
        #expect(ReliableChangeCriterion(scale: scale) == ReliableChangeCriterion(sd: 4, reliability: 0.9))
        #expect(ReliableChangeCriterion(scale: Scale(id: "s", title: "S", items: ["a"], method: .sum)) == nil)
    }
}
