import AttuneCore
import AttuneJSON
import Testing

/// Tables for each scoring rule of DESIGN.md "Wire format", on small one-scale definitions.
@Suite struct ScoringRuleTests {
    /// Scores `answers` on a single scale over `items`.
    private func value(_ items: [Item], _ scale: Scale, _ answers: [String: AnswerValue]) -> ScaleScore? {
        Fixture.single(items: items, scale: scale).score(answers).scores[scale.id]
    }

    /// (item, answer, keyed score): reverse = min + max − score; a choice uses its option scores' min/max.
    @Test(arguments: [
        (Item(id: "i", text: "L", type: .likert, min: 1, max: 5, reverse: true), AnswerValue.number(1), 5.0),
        (Item(id: "i", text: "L", type: .likert, min: 1, max: 5, reverse: true), .number(2), 4.0),
        (Item(id: "i", text: "L", type: .likert, min: 0, max: 3, reverse: true), .number(3), 0.0),
        (Item(id: "i", text: "L", type: .likert, min: 1, max: 5), .number(2), 2.0),
        (Item(id: "i", text: "S", type: .scale, min: 0, max: 10, step: 0.1, reverse: true), .number(2.3), 7.7),
        (Item(id: "i", text: "B", type: .boolean, reverse: true), .boolean(true), 0.0),
        (Item(id: "i", text: "B", type: .boolean), .boolean(true), 1.0),
        (
            Item(
                id: "i",
                text: "C",
                type: .choice,
                options: [
                    ChoiceOption(value: "a", label: "A", score: 1), ChoiceOption(value: "b", label: "B", score: 2),
                    ChoiceOption(value: "c", label: "C", score: 4),
                ],
                reverse: true
            ), .string("b"), 3.0  // 1 + 4 − 2
        ),
    ])
    func reversesWithinTheItemsOwnRange(item: Item, answer: AnswerValue, keyed: Double) throws {
        let score = try #require(Self.keyedScore(of: item, answer))
        #expect(abs(score - keyed) < 1e-12)
    }

    /// (method, weights, expected) for answers i1 = 1, i2 = 2, i3 = 4.
    @Test(arguments: [
        (ScoringMethod.sum, [String: Double](), 7.0),  // 1 + 2 + 4
        (.mean, [:], 2.333333),  // 7 / 3, rounded to the default 6 decimals
        (.sum, ["i3": 2], 11.0),  // 1 + 2 + 2·4
        (.mean, ["i3": 2], 2.75),  // (1 + 2 + 8) / (1 + 1 + 2)
        (.mean, ["i1": 0.5, "i2": 0.5], 2.75),  // (0.5·1 + 0.5·2 + 4) / (0.5 + 0.5 + 1) = 5.5 / 2
    ])
    func combinesWeightedScoresBySumOrMean(method: ScoringMethod, weights: [String: Double], expected: Double) {
        let scale = Scale(id: "s", title: "S", items: Fixture.ids(1...3), method: method, weights: weights)
        let score = value(Fixture.likertItems(3, min: 0, max: 4), scale, ["i1": 1, "i2": 2, "i3": 4])
        #expect(abs((score?.value ?? .nan) - expected) < 1e-12)
        #expect(score?.prorated == false)
    }

    /// Ten items 0–3 all answered 2, minAnswered 0.8 (8 of 10): (answered, value, prorated).
    @Test(arguments: [
        (10, 20.0 as Double?, false),  // 10 · 2, nothing missing
        (9, 20.0, true),  // 9 · 2 = 18, · 10/9 = 20
        (8, 20.0, true),  // exactly at minAnswered: 16 · 10/8 = 20
        (7, nil, false),  // 0.7 < 0.8: not scored
        (0, nil, false),
    ])
    func proratesSumsAtOrAboveMinAnsweredOnly(answered: Int, expected: Double?, prorated: Bool) {
        let scale = Scale(id: "s", title: "S", items: Fixture.ids(1...10), method: .sum, minAnswered: 0.8)
        let answers = Dictionary(
            uniqueKeysWithValues: Fixture.ids(1...10).prefix(answered).map { ($0, AnswerValue(2)) }
        )
        let score = value(Fixture.likertItems(10, min: 0, max: 3), scale, answers)
        #expect(score?.value == expected)
        #expect(score?.prorated == prorated)
        #expect(score?.answered == answered && score?.of == 10)
    }

    @Test func proratesByWeightsNotByItemCount() {
        // Weights 1, 1, 2; i3 (weight 2) missing: (1·2 + 1·4) · (4 / 2) = 12.
        let scale = Scale(
            id: "s",
            title: "S",
            items: Fixture.ids(1...3),
            method: .sum,
            weights: ["i3": 2],
            minAnswered: 0.5
        )
        #expect(value(Fixture.likertItems(3, min: 0, max: 4), scale, ["i1": 2, "i2": 4])?.value == 12)
    }

    @Test func meanIsNeverProrated() {
        let scale = Scale(id: "s", title: "S", items: Fixture.ids(1...3), method: .mean, minAnswered: 0.5)
        let score = value(Fixture.likertItems(3, min: 0, max: 4), scale, ["i1": 1, "i2": 2])
        #expect(score?.value == 1.5)
        #expect(score?.prorated == false)
    }

    /// Nine items 0–3, minAnswered 0.7, round 0 after prorating: (answers given, expected).
    @Test(arguments: [
        ([2, 1, 1, 1, 1, 1, 1, 1], 10.0),  // sum 9 · 9/8 = 10.125 → 10
        ([2, 2, 1, 1, 1, 1, 1, 1], 11.0),  // sum 10 · 9/8 = 11.25 → 11
        ([2, 2, 2, 2, 1, 1, 1, 1], 14.0),  // sum 12 · 9/8 = 13.5 → 14 (half away from zero)
        ([2, 2, 2, 2, 2, 2, 2], 18.0),  // sum 14 · 9/7 = 18
        ([1, 1, 1, 1, 1, 1, 1, 1, 1], 9.0),  // complete: 9, no prorating
    ])
    func roundsHalfAwayFromZeroAfterProrating(given: [Int], expected: Double) {
        let scale = Scale(id: "s", title: "S", items: Fixture.ids(1...9), method: .sum, minAnswered: 0.7, round: 0)
        let answers = Dictionary(
            uniqueKeysWithValues: zip(Fixture.ids(1...9), given).map {
                ($0, AnswerValue.number(JSONNumber(Double($1))))
            }
        )
        let score = value(Fixture.likertItems(9, min: 0, max: 3), scale, answers)
        #expect(score?.value == expected)
        #expect(score?.prorated == (given.count < 9))
    }

    /// The item's score as it counts inside a one-item sum scale: keyed, through the one scorer.
    private static func keyedScore(of item: Item, _ answer: AnswerValue) -> Double? {
        let scale = Scale(id: "s", title: "S", items: [item.id], method: .sum)
        return Fixture.single(items: [item], scale: scale).score([item.id: answer]).scores["s"]?.value
    }
}
