import AttuneCore
import Testing

/// The reachable range of a scale bounds its bands, cut-off and alert thresholds.
@Suite struct ReachableRangeTests {
    private func range(_ items: [Item], _ scale: Scale) -> ClosedRange<Double>? {
        Fixture.single(items: items, scale: scale).reachableRange(of: scale)
    }

    // Optional, so that any of them may be the one left out.
    private let wide = Item(id: "w", text: "Wide", type: .scale, min: 0, max: 10, required: false)
    private let narrow = Item(id: "n", text: "Narrow", type: .likert, min: 0, max: 1, required: false)

    @Test func sumOfCompleteItemsIsTheSumOfTheirRanges() {
        let scale = Scale(id: "s", title: "S", items: ["w", "n"], method: .sum, weights: ["w": 2])
        #expect(range([wide, narrow], scale) == 0...21)  // 2·10 + 1
    }

    @Test func proratingCanReachPastTheCompleteMaximum() {
        // Only the wide item answered (1 of 2 ≥ 0.5): 10 · (2 / 1) = 20 > 10 + 1.
        let scale = Scale(id: "s", title: "S", items: ["w", "n"], method: .sum, minAnswered: 0.5)
        #expect(range([wide, narrow], scale) == 0...20)
    }

    @Test func meanWithOneItemAllowedSpansTheWidestItem() {
        let scale = Scale(id: "s", title: "S", items: ["w", "n"], method: .mean, minAnswered: 0.5)
        #expect(range([wide, narrow], scale) == 0...10)
        let complete = Scale(id: "s", title: "S", items: ["w", "n"], method: .mean)
        #expect(range([wide, narrow], complete) == 0...5.5)  // (10 + 1) / 2
    }

    @Test func lowerEndUsesTheSameSearch() {
        // Items 5–10 and 0–1; only the narrow one answered may be scored: min = 0 · 2 = 0, not 5.
        let high = Item(id: "h", text: "High", type: .scale, min: 5, max: 10, required: false)
        let scale = Scale(id: "s", title: "S", items: ["h", "n"], method: .sum, minAnswered: 0.5)
        #expect(range([high, narrow], scale) == 0...20)
    }

    @Test func subsetSearchPicksTheBestWeightedSubset() {
        // Four items, at least 2 answered. Maxima 10 (w 1), 8 (w 3), 1 (w 1), 1 (w 1).
        // Best subset {10, 8}: (10 + 24) / 4 = 8.5; adding a 1 only lowers it. Sum: 8.5 · W(6) = 51.
        let items = [
            Item(id: "a", text: "A", type: .scale, min: 0, max: 10, required: false),
            Item(id: "b", text: "B", type: .scale, min: 0, max: 8, required: false),
            Item(id: "c", text: "C", type: .likert, min: 0, max: 1, required: false),
            Item(id: "d", text: "D", type: .likert, min: 0, max: 1, required: false),
        ]
        let scale = Scale(
            id: "s",
            title: "S",
            items: ["a", "b", "c", "d"],
            method: .sum,
            weights: ["b": 3],
            minAnswered: 0.5
        )
        #expect(range(items, scale) == 0...51)
    }

    @Test func roundingAppliesToTheEnds() {
        let items = Fixture.likertItems(3, min: 0, max: 2)
        // 0.333 · 2 + 2 + 2 = 4.666 → 4.7.
        let scale = Scale(
            id: "s",
            title: "S",
            items: Fixture.ids(1...3),
            method: .sum,
            weights: ["i1": 0.333],
            round: 1
        )
        #expect(range(items, scale) == 0...4.7)
    }

    @Test func requiredItemsAreInEveryAnsweredSet() {
        // The narrow item is required, so the wide one alone never scores: at most (10 + 1) / 2.
        var required = narrow
        required.required = true
        let scale = Scale(id: "s", title: "S", items: ["w", "n"], method: .mean, minAnswered: 0.5)
        #expect(range([wide, required], scale) == 0...5.5)
        // Unless it may be answered "notApplicable": then the wide one may stand alone.
        required.allowNotApplicable = true
        #expect(range([wide, required], scale) == 0...10)
    }

    @Test func notApplicableItemsLowerTheFewestAnswered() {
        // Three optional items, minAnswered 1: with two not applicable one answer scores alone.
        var items = Fixture.likertItems(3, min: 0, max: 4).map { item in
            var item = item
            item.required = false
            return item
        }
        items[0] = Item(id: "i1", text: "I", type: .likert, min: 0, max: 10, required: false)
        let scale = Scale(id: "s", title: "S", items: Fixture.ids(1...3), method: .mean)
        #expect(range(items, scale) == 0...6)  // (10 + 4 + 4) / 3
        items[1].allowNotApplicable = true
        items[2].allowNotApplicable = true
        #expect(range(items, scale) == 0...10)
    }

    @Test func brokenItemsGiveNoRange() {
        let scale = Scale(id: "s", title: "S", items: ["w", "missing"], method: .sum)
        #expect(range([wide], scale) == nil)
    }
}
