import AttuneCore
import AttuneJSON
import Testing

/// Bands, cut-offs and alerts on a single 0–14 item (step 0.5) scored as a one-item sum, so the scale
/// value is exactly the answer.
@Suite struct BandCutoffAlertTests {
    private static let item = Item(id: "x", text: "Item 1", type: .scale, min: 0, max: 14, step: 0.5, reverse: true)

    private static func definition(
        bands: [Band]? = nil,
        cutoff: Cutoff? = nil,
        alerts: [Alert] = [],
        minAnswered: Double? = nil
    ) -> QuestionnaireDefinition {
        Fixture.single(
            items: [item, Item(id: "y", text: "Item 2", type: .likert, min: 0, max: 1, required: false)],
            scale: Scale(id: "s", title: "S", items: ["x"], method: .sum, bands: bands, cutoff: cutoff),
            alerts: alerts
        )
    }

    /// The scale value for an answer: the item is reverse-keyed, so value = 0 + 14 − answer.
    private static func answer(forValue value: Double) -> AnswerValue { .number(JSONNumber(14 - value)) }

    /// Bands as published, 0–4, 5–9, 10–14: (value, band).
    @Test(arguments: [
        (0.0, "a" as String?), (4.0, "a"),  // at the first band's min and max
        (4.5, "a"),  // between 4 and 5: stays in the lower band
        (5.0, "b"), (9.0, "b"), (9.5, "b"),  // 9.5 between 5–9 and 10–14 stays in 5–9
        (10.0, "c"), (14.0, "c"),  // the last band's max
    ])
    func assignsTheLastBandWhoseMinTheValueReaches(value: Double, band: String?) {
        let bands = [
            Band(min: 0, max: 4, label: "a"), Band(min: 5, max: 9, label: "b"), Band(min: 10, max: 14, label: "c"),
        ]
        let definition = Self.definition(bands: bands)
        #expect(definition.validate() == [])
        let score = definition.score(["x": Self.answer(forValue: value)]).scores["s"]
        #expect(score?.value == value)
        #expect(score?.band == band)
    }

    /// (cut-off, value, crossed): the cut-off value itself is never flagged.
    @Test(arguments: [
        (Cutoff(value: 6, direction: .below), 5.5, true), (Cutoff(value: 6, direction: .below), 6.0, false),
        (Cutoff(value: 6, direction: .above), 6.5, true), (Cutoff(value: 6, direction: .above), 6.0, false),
    ])
    func flagsValuesBeyondTheCutoff(cutoff: Cutoff, value: Double, crossed: Bool) {
        let score = Self.definition(cutoff: cutoff).score(["x": Self.answer(forValue: value)]).scores["s"]
        #expect(score?.cutoffCrossed == crossed)
    }

    @Test func leavesCutoffUnsetWithoutACutoff() {
        #expect(Self.definition().score(["x": 3]).scores["s"]?.cutoffCrossed == nil)
    }

    /// (condition, scale value, fires), each kind at, just inside and just outside its threshold.
    @Test(arguments: [
        (AlertCondition.below(6), 5.5, true), (.below(6), 6.0, false),
        (.above(6), 6.5, true), (.above(6), 6.0, false),
        (.atLeast(6), 6.0, true), (.atLeast(6), 5.5, false),
        (.atMost(6), 6.0, true), (.atMost(6), 6.5, false),
    ])
    func firesScaleAlertsOfEachKind(condition: AlertCondition, value: Double, fires: Bool) {
        let alert = Alert(id: "a", target: .scale("s"), condition: condition)
        let result = Self.definition(alerts: [alert]).score(["x": Self.answer(forValue: value)])
        #expect(result.alerts == (fires ? [FiredAlert(id: "a", target: .scale("s"), value: value)] : []))
    }

    @Test func itemAlertsCompareTheScoreBeforeReverseKeying() {
        // Answer 13 counts as 1 inside the scale, but the item alert sees 13.
        let alerts = [
            Alert(id: "item-high", target: .item("x"), condition: .atLeast(12)),
            Alert(id: "scale-low", target: .scale("s"), condition: .atMost(1)),
        ]
        let result = Self.definition(alerts: alerts).score(["x": 13])
        #expect(
            result.alerts == [
                FiredAlert(id: "item-high", target: .item("x"), value: 13),
                FiredAlert(id: "scale-low", target: .scale("s"), value: 1),
            ]
        )
    }

    @Test(arguments: [AlertCondition.below(100), .above(-100), .atLeast(-100), .atMost(100)])
    func nullScaleNeverAlerts(condition: AlertCondition) {
        let result = Self.definition(alerts: [Alert(id: "a", target: .scale("s"), condition: condition)]).score(["y": 1]
        )
        #expect(result.scores["s"]?.value == nil)
        #expect(result.alerts.isEmpty)
    }

    @Test func unansweredItemNeverAlerts() {
        let alert = Alert(id: "a", target: .item("y"), condition: .atMost(1))
        #expect(Self.definition(alerts: [alert]).score(["x": 3]).alerts.isEmpty)
    }
}
