import AttuneCore
import Testing

/// One row per rule about scales, bands and cut-offs.
@Suite struct DefinitionScaleRuleTests {
    static let rules: [Rule] = [
        Rule("scale id empty", "/scales/1/id", .emptyID) {
            $0.scales[1].id = ""
            $0.alerts.removeLast()
        },
        Rule("duplicate scale id", "/scales/1/id", .duplicateID) {
            $0.scales[1].id = "total"
            $0.alerts.removeLast()
        },
        Rule("blank scale title", "/scales/0/title", .emptyText) { $0.scales[0].title = "" },
        Rule("empty scale", "/scales/0/items", .emptyScale) { $0.scales[0].items = [] },
        Rule("scale naming a missing item", "/scales/0/items/1", .unknownItem) { $0.scales[0].items[1] = "zz" },
        Rule("text item in a scale", "/scales/0/items/4", .textItem) { $0.scales[0].items.append("note") },
        Rule("item twice in a scale", "/scales/0/items/4", .duplicateItem) { $0.scales[0].items.append("l1") },
        Rule("weight for an item not in the scale", "/scales/1/weights/c1", .weightNotInScale) {
            $0.scales[1].weights?["c1"] = 1
        },
        Rule("zero weight", "/scales/1/weights/v1", .invalidWeight) { $0.scales[1].weights?["v1"] = 0 },
        Rule("negative weight", "/scales/1/weights/v1", .invalidWeight) { $0.scales[1].weights?["v1"] = -1 },
        Rule("minAnswered zero", "/scales/1/minAnswered", .invalidMinAnswered) { $0.scales[1].minAnswered = 0 },
        Rule("minAnswered above one", "/scales/1/minAnswered", .invalidMinAnswered) {
            $0.scales[1].minAnswered = 1.5
        },
        Rule("negative round", "/scales/1/round", .invalidRound) { $0.scales[1].round = -1 },
        Rule("reliability of one", "/scales/0/reliability", .invalidReliability) { $0.scales[0].reliability = 1 },
        Rule("reliability of zero", "/scales/0/reliability", .invalidReliability) { $0.scales[0].reliability = 0 },
        Rule("sd of zero", "/scales/0/sd", .invalidSD) { $0.scales[0].sd = 0 },
        Rule("band with min above max", "/scales/0/bands/0", .invalidBand) {
            $0.scales[0].bands?[0] = Band(min: 3, max: 2, label: "low")
        },
        Rule("bands not ascending", "/scales/0/bands/1", .bandsNotAscending) { $0.scales[0].bands?.reverse() },
        Rule("bands sharing an edge", "/scales/0/bands/1", .bandsOverlap) { $0.scales[0].bands?[1].min = 4 },
        Rule("band past the scale's maximum", "/scales/0/bands/1", .bandOutsideRange) {
            $0.scales[0].bands?[1].max = 12
        },
        Rule("band below the scale's minimum", "/scales/0/bands/0", .bandOutsideRange) {
            $0.scales[0].bands?[0].min = -1
        },
        Rule("blank band label", "/scales/0/bands/0/label", .emptyText) { $0.scales[0].bands?[0].label = "" },
        Rule("cutoff outside the range", "/scales/0/cutoff/value", .cutoffOutsideRange) {
            $0.scales[0].cutoff?.value = 12
        },
        Rule("cutoff not finite", "/scales/0/cutoff/value", .notFinite) { $0.scales[0].cutoff?.value = .nan },
    ]

    @Test(arguments: rules)
    func reportsExactlyTheBrokenRule(_ rule: Rule) {
        let problems = rule.problems()
        #expect(problems.map(\.pointer) == [rule.pointer])
        #expect(problems.map(\.code) == [rule.code])
    }

    @Test func reportsEveryProblemAtOnceInDocumentOrder() {
        var definition = Fixture.definition
        definition.items[2].step = 0
        definition.scales[0].items[1] = "zz"
        definition.scales[1].minAnswered = 2
        definition.alerts[1].atMost = 1
        #expect(
            definition.validate().map(\.pointer) == [
                "/items/2/step", "/scales/0/items/1", "/scales/1/minAnswered", "/alerts/1",
            ]
        )
    }

    @Test func bandsMayLeaveGapsBetweenThem() {
        var definition = Fixture.definition
        definition.scales[0].bands = [Band(min: 0, max: 4, label: "a"), Band(min: 8, max: 11, label: "b")]
        #expect(definition.validate() == [])
    }
}
