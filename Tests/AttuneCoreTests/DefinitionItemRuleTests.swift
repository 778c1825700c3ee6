import AttuneCore
import Testing

/// One row per rule about the definition itself and its items; each row breaks one thing in the fixture.
@Suite struct DefinitionItemRuleTests {
    static let rules: [Rule] = [
        Rule("definition id empty", "/id", .emptyID) { $0.id = "" },
        Rule("definition id with a space", "/id", .invalidID) { $0.id = "my form" },
        Rule("version below 1", "/version", .invalidVersion) { $0.version = 0 },
        Rule("blank title", "/title", .emptyText) { $0.title = "  " },
        Rule("no items", "/items", .noItems) {
            $0.items = []
            $0.scales = []
            $0.alerts = []
        },
        Rule("item id empty", "/items/5/id", .emptyID) { $0.items[5].id = "" },
        Rule("item id starting with a dash", "/items/5/id", .invalidID) { $0.items[5].id = "-note" },
        Rule("item id too long", "/items/5/id", .invalidID) { $0.items[5].id = String(repeating: "n", count: 65) },
        Rule("duplicate item id", "/items/5/id", .duplicateID) { $0.items[5].id = "l1" },
        Rule("blank item text", "/items/0/text", .emptyText) { $0.items[0].text = "" },
        Rule("likert without max", "/items/0/max", .missingBound) { $0.items[0].max = nil },
        Rule("scale without min", "/items/2/min", .missingBound) { $0.items[2].min = nil },
        Rule("min equal to max", "/items/0/max", .invalidRange) { $0.items[0].min = 4 },
        Rule("min above max", "/items/2/max", .invalidRange) { $0.items[2].min = 11 },
        Rule("likert max not an integer", "/items/0/max", .nonIntegerBound) { $0.items[0].max = 4.5 },
        Rule("infinite max", "/items/2/max", .notFinite) { $0.items[2].max = .infinity },
        Rule("step zero", "/items/2/step", .invalidStep) { $0.items[2].step = 0 },
        Rule("step negative", "/items/2/step", .invalidStep) { $0.items[2].step = -0.5 },
        Rule("step not dividing the range", "/items/2/step", .stepMismatch) { $0.items[2].step = 3 },
        Rule("step on a likert item", "/items/0/step", .notApplicable) { $0.items[0].step = 1 },
        Rule("options on a likert item", "/items/0/options", .notApplicable) {
            $0.items[0].options = [ChoiceOption(value: "a", label: "A", score: 0)]
        },
        Rule("likert labels not one per point", "/items/0/labels", .labelCount) { $0.items[0].labels = ["a", "b"] },
        Rule("blank label", "/items/0/labels/1", .emptyText) { $0.items[0].labels?[1] = "" },
        Rule("scale item with one label", "/items/2/labels", .labelCount) { $0.items[2].labels = ["low"] },
        Rule("choice without options", "/items/3/options", .missingOptions) { $0.items[3].options = [] },
        Rule("choice with options missing", "/items/3/options", .missingOptions) { $0.items[3].options = nil },
        Rule("duplicate option value", "/items/3/options/1/value", .duplicateID) {
            $0.items[3].options?[1].value = "never"
        },
        Rule("empty option value", "/items/3/options/0/value", .emptyText) { $0.items[3].options?[0].value = "" },
        Rule("option score not finite", "/items/3/options/0/score", .notFinite) {
            $0.items[3].options?[0].score = .nan
        },
        Rule("min on a choice item", "/items/3/min", .notApplicable) { $0.items[3].min = 0 },
        Rule("boolean with three labels", "/items/4/labels", .labelCount) { $0.items[4].labels = ["a", "b", "c"] },
        Rule("max on a boolean item", "/items/4/max", .notApplicable) { $0.items[4].max = 1 },
        Rule("reverse on a text item", "/items/5/reverse", .notApplicable) { $0.items[5].reverse = true },
        Rule("labels on a text item", "/items/5/labels", .notApplicable) { $0.items[5].labels = ["a"] },
    ]

    @Test(arguments: rules)
    func reportsExactlyTheBrokenRule(_ rule: Rule) {
        let problems = rule.problems()
        #expect(problems.map(\.pointer) == [rule.pointer])
        #expect(problems.map(\.code) == [rule.code])
        #expect(problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test func fixtureIsValid() {
        #expect(Fixture.definition.validate() == [])
    }

    @Test func validatedThrowsEveryProblem() {
        var definition = Fixture.definition
        definition.version = 0
        definition.items[0].text = ""
        #expect(throws: ValidationError.self) { try definition.validated() }
        do {
            _ = try definition.validated()
        } catch {
            #expect(error.problems.map(\.pointer) == ["/version", "/items/0/text"])
        }
    }
}
