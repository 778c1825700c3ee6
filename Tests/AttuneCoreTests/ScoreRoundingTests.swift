import AttuneCore
import AttuneJSON
import Testing

/// Scores on the wire are rounded to the scale's `round`, or 6 decimals, and are never `-0`.
@Suite struct ScoreRoundingTests {
    static func scored(_ items: [Item], _ scale: Scale, _ answers: [String: AnswerValue]) -> (ScaleScore?, String) {
        let definition = Fixture.single(items: items, scale: scale)
        let plan = ScoringPlan(definition)
        let scores = plan.score(plan.answerSheet(PostedSubmission.answers(answers)))
        return (scores.result.scores[scale.id], String(decoding: plan.encodeScores(scores), as: UTF8.self))
    }

    static let tenths = (1...2).map { Item(id: "v\($0)", text: "V", type: .scale, min: 0, max: 1, step: 0.1) }

    @Test func noBinaryArtefactsWithoutRound() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary.
        let (score, text) = Self.scored(
            Self.tenths,
            Scale(id: "s", title: "S", items: ["v1", "v2"], method: .sum),
            ["v1": 0.1, "v2": 0.2]
        )
        #expect(score?.value == 0.3)
        #expect(text.contains(#""value":0.3,"#))
        #expect(!text.contains("0.30000000000000004"))
    }

    @Test func sixDecimalsWithoutRoundAndTheScalesOwnRoundOtherwise() {
        let items = Fixture.likertItems(3, min: 0, max: 4)
        let answers: [String: AnswerValue] = ["i1": 1, "i2": 1, "i3": 2]
        let (plain, plainText) = Self.scored(
            items,
            Scale(id: "s", title: "S", items: Fixture.ids(1...3), method: .mean),
            answers
        )
        #expect(plain?.value == 1.333333)
        #expect(plainText.contains(#""value":1.333333,"#))
        let (rounded, _) = Self.scored(
            items,
            Scale(id: "s", title: "S", items: Fixture.ids(1...3), method: .mean, round: 2),
            answers
        )
        #expect(rounded?.value == 1.33)
    }

    @Test func neverNegativeZero() {
        let items = [Item(id: "x", text: "X", type: .scale, min: -1, max: 1)]
        let (score, text) = Self.scored(
            items,
            Scale(id: "s", title: "S", items: ["x"], method: .sum),
            ["x": .number(JSONNumber(-0.0))]
        )
        #expect(score?.value == 0)
        #expect(score?.value?.sign == .plus)
        #expect(text.contains(#""value":0,"#))
        #expect(!text.contains("-0"))
        // A small negative value rounds to zero, not to -0.
        let (tiny, tinyText) = Self.scored(
            items,
            Scale(id: "s", title: "S", items: ["x"], method: .sum),
            ["x": .number(JSONNumber(-0.0000001))]
        )
        #expect(tiny?.value?.sign == .plus)
        #expect(!tinyText.contains("-0"))
    }
}
