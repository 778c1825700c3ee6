import AttuneCore
import Testing

/// Bands cover the reachable range, prorating sums need one shared item range, and every number a
/// definition carries is bounded (docs/scoring.md).
@Suite struct DefinitionRangeRuleTests {
    static func problems(_ definition: QuestionnaireDefinition) -> [(String, ProblemCode)] {
        definition.validate().map { ($0.pointer, $0.code) }
    }

    @Test func bandsStartingAboveTheMinimumAreRefused() {
        var definition = Fixture.definition
        definition.scales[0].bands = [Band(min: 1, max: 4, label: "a"), Band(min: 5, max: 11, label: "b")]
        #expect(Self.problems(definition).map(\.0) == ["/scales/0/bands/0/min"])
        #expect(Self.problems(definition).map(\.1) == [.bandsDoNotCoverRange])
    }

    @Test func bandsEndingShortOfTheMaximumAreRefused() {
        var definition = Fixture.definition
        definition.scales[0].bands = [Band(min: 0, max: 4, label: "a"), Band(min: 5, max: 10, label: "b")]
        #expect(Self.problems(definition).map(\.0) == ["/scales/0/bands/1/max"])
        #expect(Self.problems(definition).map(\.1) == [.bandsDoNotCoverRange])
    }

    @Test func overlappingBandsAreRefused() {
        var definition = Fixture.definition
        definition.scales[0].bands = [Band(min: 0, max: 5, label: "a"), Band(min: 5, max: 11, label: "b")]
        #expect(Self.problems(definition).map(\.1) == [.bandsOverlap])
    }

    /// i1 0–4 reverse-keyed with weight 2, i2 0–4: a sum from 0 to 2·4 + 4 = 12.
    static func weighted(bands: [Band]) -> QuestionnaireDefinition {
        Fixture.single(
            items: Fixture.likertItems(2, min: 0, max: 4, reversed: [1]),
            scale: Scale(id: "s", title: "S", items: ["i1", "i2"], method: .sum, weights: ["i1": 2], bands: bands)
        )
    }

    @Test func aWeightedSumWithReverseKeyingIsCoveredFromItsOwnRange() {
        let covering = Self.weighted(bands: [Band(min: 0, max: 5, label: "low"), Band(min: 6, max: 12, label: "high")])
        #expect(covering.validate() == [])
        // i1 answered 0 is keyed 4, weighted 8; with i2 4 the sum is the top of the range.
        #expect(covering.score(["i1": 0, "i2": 4]).scores["s"]?.value == 12)
        #expect(covering.score(["i1": 0, "i2": 4]).scores["s"]?.band == "high")
        let short = Self.weighted(bands: [Band(min: 0, max: 5, label: "low"), Band(min: 6, max: 8, label: "high")])
        #expect(Self.problems(short).map(\.0) == ["/scales/0/bands/1/max"])
    }

    @Test func everyBuiltInsBandsCoverItsScalesRange() throws {
        for definition in BuiltInInstruments.all {
            #expect(definition.validate() == [], "\(definition.id) v\(definition.version)")
            for scale in definition.scales {
                guard let bands = scale.bands, let first = bands.first, let last = bands.last else { continue }
                let range = try #require(definition.reachableRange(of: scale))
                #expect(abs(first.min - range.lowerBound) < 1e-9, "\(definition.id)/\(scale.id)")
                #expect(abs(last.max - range.upperBound) < 1e-9, "\(definition.id)/\(scale.id)")
            }
        }
    }

    /// Items 0–10 and 0–1: with only the first answered, prorating would give 20 on a 0–11 scale.
    static let mixedRanges = [
        Item(id: "a", text: "A", type: .likert, min: 0, max: 10, required: false),
        Item(id: "b", text: "B", type: .likert, min: 0, max: 1, required: false),
    ]

    @Test func aProratingSumOverDifferentRangesIsRefused() {
        let definition = Fixture.single(
            items: Self.mixedRanges,
            scale: Scale(id: "s", title: "S", items: ["a", "b"], method: .sum, minAnswered: 0.5)
        )
        #expect(Self.problems(definition).map(\.0) == ["/scales/0/minAnswered"])
        #expect(Self.problems(definition).map(\.1) == [.prorateMixedRanges])
    }

    @Test func notApplicableMakesASumProrateToo() {
        var items = Self.mixedRanges
        items[1].allowNotApplicable = true
        let definition = Fixture.single(
            items: items,
            scale: Scale(id: "s", title: "S", items: ["a", "b"], method: .sum)
        )
        #expect(Self.problems(definition).map(\.0) == ["/scales/0/items"])
        #expect(Self.problems(definition).map(\.1) == [.prorateMixedRanges])
    }

    @Test func aMeanOrAFullSumOverDifferentRangesIsAccepted() {
        let mean = Fixture.single(
            items: Self.mixedRanges,
            scale: Scale(id: "s", title: "S", items: ["a", "b"], method: .mean, minAnswered: 0.5)
        )
        #expect(mean.validate() == [])
        let sum = Fixture.single(
            items: Self.mixedRanges,
            scale: Scale(id: "s", title: "S", items: ["a", "b"], method: .sum)
        )
        #expect(sum.validate() == [])
    }

    @Test func hugeWeightsAreRefusedWithPointersNotTrappedOn() {
        let definition = Fixture.single(
            items: [
                Item(id: "a", text: "A", type: .likert, min: 0, max: 4),
                Item(id: "b", text: "B", type: .likert, min: 0, max: 4),
            ],
            scale: Scale(id: "s", title: "S", items: ["a", "b"], method: .mean, weights: ["a": 1e308, "b": 1e308])
        )
        #expect(Self.problems(definition).map(\.0) == ["/scales/0/weights/a", "/scales/0/weights/b"])
        #expect(Self.problems(definition).map(\.1) == [.numberOutOfBounds, .numberOutOfBounds])
        // Neither the range nor scoring traps on the unvalidated definition.
        #expect(definition.reachableRange(of: definition.scales[0]) == nil)
        #expect(definition.score(["a": 1, "b": 2]).scores["s"]?.value == nil)
    }

    @Test func hugeItemRangesAreRefused() {
        let definition = Fixture.single(
            items: (1...2).map { Item(id: "i\($0)", text: "I", type: .scale, min: -1e308, max: 1e308) },
            scale: Scale(id: "s", title: "S", items: ["i1", "i2"], method: .sum)
        )
        #expect(
            Self.problems(definition).map(\.0) == ["/items/0/min", "/items/0/max", "/items/1/min", "/items/1/max"]
        )
        #expect(Set(Self.problems(definition).map(\.1)) == [.numberOutOfBounds])
    }

    @Test(
        arguments: [
            (
                "weight at the bound",
                { @Sendable (d: inout QuestionnaireDefinition) in d.scales[0].weights = ["l1": 1e6] }, nil
            ),
            (
                "weight past the bound",
                { @Sendable (d: inout QuestionnaireDefinition) in d.scales[0].weights = ["l1": 1.5e6] },
                "/scales/0/weights/l1"
            ),
            (
                "item max past the bound", { @Sendable (d: inout QuestionnaireDefinition) in d.items[2].max = 2e9 },
                "/items/2/max"
            ),
            (
                "step past the bound", { @Sendable (d: inout QuestionnaireDefinition) in d.items[2].step = 2e9 },
                "/items/2/step"
            ),
            (
                "option score past the bound",
                { @Sendable (d: inout QuestionnaireDefinition) in d.items[3].options?[0].score = -2e9 },
                "/items/3/options/0/score"
            ),
            (
                "band edge past the bound",
                { @Sendable (d: inout QuestionnaireDefinition) in d.scales[0].bands?[1].max = 1e10 },
                "/scales/0/bands/1/max"
            ),
            (
                "cut-off past the bound",
                { @Sendable (d: inout QuestionnaireDefinition) in d.scales[0].cutoff?.value = 1e10 },
                "/scales/0/cutoff/value"
            ),
            (
                "sd past the bound", { @Sendable (d: inout QuestionnaireDefinition) in d.scales[0].sd = 1e10 },
                "/scales/0/sd"
            ),
            (
                "threshold past the bound",
                { @Sendable (d: inout QuestionnaireDefinition) in d.alerts[0].below = -1e10 },
                "/alerts/0/below"
            ),
        ] as [(String, @Sendable (inout QuestionnaireDefinition) -> Void, String?)]
    )
    func everyNumberIsBounded(name: String, change: @Sendable (inout QuestionnaireDefinition) -> Void, pointer: String?)
    {
        var definition = Fixture.definition
        change(&definition)
        let found = Self.problems(definition)
        if let pointer {
            #expect(found.first?.0 == pointer, "\(name)")
            #expect(found.first?.1 == .numberOutOfBounds, "\(name)")
        } else {
            #expect(!found.contains { $0.1 == .numberOutOfBounds }, "\(name)")
        }
    }

    @Test func aNotApplicableOptionValueIsReserved() {
        var definition = Fixture.definition
        definition.items[3].allowNotApplicable = true
        definition.items[3].options?[0].value = "notApplicable"
        #expect(Self.problems(definition).map(\.0) == ["/items/3/options/0/value"])
        #expect(Self.problems(definition).map(\.1) == [.reservedOptionValue])
    }
}
