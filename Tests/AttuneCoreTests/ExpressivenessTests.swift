import AttuneCore
import AttuneJSON
import Testing

/// The definition format must express the scoring rules of published measures (DESIGN.md). These follow
/// the published structures with neutral texts; every expected value is worked out by hand.
@Suite struct ExpressivenessTests {
    @Test func twelveItemsWithThreeFourItemSubscalesByMean() throws {
        let definition = QuestionnaireDefinition(
            id: "three-subscales",
            version: 1,
            title: "Twelve items, three subscales",
            respondent: .client,
            items: Fixture.likertItems(12, min: 1, max: 5),
            scales: [
                Scale(id: "a", title: "A", items: ["i1", "i4", "i7", "i10"], method: .mean),
                Scale(id: "b", title: "B", items: ["i2", "i5", "i8", "i11"], method: .mean),
                Scale(id: "c", title: "C", items: ["i3", "i6", "i9", "i12"], method: .mean),
                Scale(id: "total", title: "Total", items: Fixture.ids(1...12), method: .mean),
            ]
        )
        #expect(definition.validate() == [])
        let values: [Double] = [5, 4, 3, 4, 4, 2, 3, 5, 2, 4, 4, 1]
        let answers = Dictionary(
            uniqueKeysWithValues: zip(Fixture.ids(1...12), values.map { AnswerValue.number(JSONNumber($0)) })
        )
        let scores = definition.score(answers).scores
        #expect(scores["a"]?.value == 4)  // (5 + 4 + 3 + 4) / 4 = 16 / 4
        #expect(scores["b"]?.value == 4.25)  // (4 + 4 + 5 + 4) / 4 = 17 / 4
        #expect(scores["c"]?.value == 2)  // (3 + 2 + 2 + 1) / 4 = 8 / 4
        #expect(scores["total"]?.value == 3.416667)  // (16 + 17 + 8) / 12, rounded to the default 6 decimals
    }

    @Test func fourVisualAnalogueItemsTotalledWithACutoffBelow36() throws {
        let items = (1...4).map { Item(id: "i\($0)", text: "Item \($0)", type: .scale, min: 0, max: 10, step: 0.1) }
        let definition = QuestionnaireDefinition(
            id: "four-vas",
            version: 1,
            title: "Four sliders",
            respondent: .client,
            items: items,
            scales: [
                Scale(
                    id: "total",
                    title: "Total",
                    items: Fixture.ids(1...4),
                    method: .sum,
                    round: 1,
                    cutoff: Cutoff(value: 36, direction: .below)
                )
            ],
            alerts: [Alert(id: "low", scale: "total", below: 36)]
        )
        #expect(definition.validate() == [])
        #expect(definition.reachableRange(of: definition.scales[0]) == 0...40)

        // 9.1 + 8.7 + 9.3 + 8.4 = 35.5: below 36, so flagged and alerted. 0.1 steps are not exact in
        // binary; the step tolerance must still accept 8.7 and 8.4.
        let low: [String: AnswerValue] = ["i1": 9.1, "i2": 8.7, "i3": 9.3, "i4": 8.4]
        #expect(definition.validate(submission(of: definition, low)) == [])
        let lowResult = definition.score(low)
        #expect(lowResult.scores["total"]?.value == 35.5)
        #expect(lowResult.scores["total"]?.cutoffCrossed == true)
        #expect(lowResult.alerts.map(\.id) == ["low"])

        // 9.0 + 9.0 + 9.0 + 9.0 = 36: at the cut-off, not below it.
        let atCutoff = definition.score(["i1": 9, "i2": 9, "i3": 9, "i4": 9])
        #expect(atCutoff.scores["total"]?.cutoffCrossed == false)
        #expect(atCutoff.alerts.isEmpty)
        #expect(!definition.validate(submission(of: definition, ["i1": 9.05, "i2": 9, "i3": 9, "i4": 9])).isEmpty)
    }

    @Test func nineItemSumWithPublishedBandsAndAnItemNineAlert() throws {
        let bands = [
            Band(min: 0, max: 4, label: "minimal"), Band(min: 5, max: 9, label: "mild"),
            Band(min: 10, max: 14, label: "moderate"), Band(min: 15, max: 19, label: "moderately severe"),
            Band(min: 20, max: 27, label: "severe"),
        ]
        let definition = QuestionnaireDefinition(
            id: "nine-items",
            version: 1,
            title: "Nine items",
            respondent: .client,
            items: Fixture.likertItems(9, min: 0, max: 3),
            scales: [
                Scale(
                    id: "total",
                    title: "Total",
                    items: Fixture.ids(1...9),
                    method: .sum,
                    minAnswered: 0.8,
                    round: 0,
                    bands: bands
                )
            ],
            alerts: [Alert(id: "item-9", item: "i9", atLeast: 1)]
        )
        #expect(definition.validate() == [])

        // 1 + 2 + 1 + 0 + 3 + 1 + 2 + 0 + 1 = 11: moderate; item 9 is 1, so the alert fires.
        let values: [Double] = [1, 2, 1, 0, 3, 1, 2, 0, 1]
        let answers = Dictionary(
            uniqueKeysWithValues: zip(Fixture.ids(1...9), values.map { AnswerValue.number(JSONNumber($0)) })
        )
        let result = definition.score(answers)
        #expect(result.scores["total"] == ScaleScore(value: 11, answered: 9, of: 9, prorated: false, band: "moderate"))
        #expect(result.alerts == [FiredAlert(id: "item-9", target: .item("i9"), value: 1)])

        // Items 4 and 8 missing (7 of 9 = 0.78 < 0.8): not scored. Only item 8 missing (8 of 9 = 0.89):
        // (11 − 0) · 9/8 = 12.375 → 12, moderate, prorated.
        var sevenAnswered = answers
        sevenAnswered["i4"] = nil
        sevenAnswered["i8"] = nil
        #expect(definition.score(sevenAnswered).scores["total"]?.value == nil)
        var eightAnswered = answers
        eightAnswered["i8"] = nil
        #expect(
            definition.score(eightAnswered).scores["total"]
                == ScaleScore(value: 12, answered: 8, of: 9, prorated: true, band: "moderate")
        )
    }

    @Test func twelveItemsWithFiveReverseKeyed() throws {
        let reversed: Set<Int> = [2, 4, 7, 9, 12]
        let definition = QuestionnaireDefinition(
            id: "five-reversed",
            version: 1,
            title: "Twelve items, five reversed",
            respondent: .client,
            items: Fixture.likertItems(12, min: 1, max: 5, reversed: reversed),
            scales: [Scale(id: "total", title: "Total", items: Fixture.ids(1...12), method: .sum)]
        )
        #expect(definition.validate() == [])
        #expect(definition.reachableRange(of: definition.scales[0]) == 12...60)

        // Answers 4,2,5,1,3,4,2,4,1,5,3,2. Reversed items become 6 − answer: i2 2→4, i4 1→5, i7 2→4,
        // i9 1→5, i12 2→4 (sum 22). Straight items: 4 + 5 + 3 + 4 + 4 + 5 + 3 = 28. Total 22 + 28 = 50.
        let values: [Double] = [4, 2, 5, 1, 3, 4, 2, 4, 1, 5, 3, 2]
        let answers = Dictionary(
            uniqueKeysWithValues: zip(Fixture.ids(1...12), values.map { AnswerValue.number(JSONNumber($0)) })
        )
        #expect(definition.score(answers).scores["total"]?.value == 50)
    }

    private func submission(of definition: QuestionnaireDefinition, _ answers: [String: AnswerValue])
        -> PostedSubmission
    {
        PostedSubmission(
            questionnaire: definition.id,
            version: nil,
            client: "c1",
            therapist: "t1",
            respondent: .client,
            session: 1,
            date: "2026-01-05",
            answers: PostedSubmission.answers(answers),
            scores: nil,
            supersedes: false
        )
    }
}
