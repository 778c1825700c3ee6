import AttuneCore
import Testing

/// One row per rule about alerts.
@Suite struct DefinitionAlertRuleTests {
    static let rules: [Rule] = [
        Rule("alert id empty", "/alerts/0/id", .emptyID) { $0.alerts[0].id = "" },
        Rule("alert id with a space", "/alerts/0/id", .invalidID) { $0.alerts[0].id = "low total" },
        Rule("duplicate alert id", "/alerts/1/id", .duplicateID) { $0.alerts[1].id = "low-total" },
        Rule("alert watching nothing", "/alerts/0", .alertTarget) { $0.alerts[0].scale = nil },
        Rule("alert watching a scale and an item", "/alerts/0", .alertTarget) { $0.alerts[0].item = "l1" },
        Rule("alert without a threshold", "/alerts/0", .alertCondition) { $0.alerts[0].below = nil },
        Rule("alert with two thresholds", "/alerts/0", .alertCondition) { $0.alerts[0].above = 5 },
        Rule("alert naming a missing scale", "/alerts/0/scale", .unknownScale) { $0.alerts[0].scale = "zz" },
        Rule("alert naming a missing item", "/alerts/1/item", .unknownItem) { $0.alerts[1].item = "zz" },
        Rule("alert on a text item", "/alerts/1/item", .textItem) { $0.alerts[1].item = "note" },
        Rule("scale threshold outside the range", "/alerts/0/below", .thresholdOutsideRange) {
            $0.alerts[0].below = 12
        },
        Rule("item threshold outside the range", "/alerts/1/atLeast", .thresholdOutsideRange) {
            $0.alerts[1].atLeast = 3
        },
        Rule("below the minimum can never fire", "/alerts/0/below", .alertCannotFire) { $0.alerts[0].below = 0 },
        Rule("above the maximum can never fire", "/alerts/2/above", .alertCannotFire) { $0.alerts[2].above = 8 },
        Rule("threshold not finite", "/alerts/0/below", .notFinite) { $0.alerts[0].below = .nan },
    ]

    @Test(arguments: rules)
    func reportsExactlyTheBrokenRule(_ rule: Rule) {
        let problems = rule.problems()
        #expect(problems.map(\.pointer) == [rule.pointer])
        #expect(problems.map(\.code) == [rule.code])
    }

    @Test func alertOnABrokenScaleIsNotReportedTwice() {
        var definition = Fixture.definition
        definition.scales[0].items = []
        definition.alerts[0].below = 99
        #expect(definition.validate().map(\.code) == [.emptyScale])
    }

    @Test func targetAndConditionReadTheValidCase() {
        let alert = Alert(id: "a", item: "c1", atMost: 0)
        #expect(alert.target == .item("c1"))
        #expect(alert.condition == .atMost(0))
        #expect(
            Alert(id: "a", target: .scale("total"), condition: .above(2)) == Alert(id: "a", scale: "total", above: 2)
        )
    }
}
