extension Scale {
    /// The fewest answered items that still give a value when all items apply: ⌈minAnswered · n⌉, at least 1.
    public func requiredAnswerCount() -> Int {
        requiredAnswerCount(applicable: items.count)
    }

    /// The fewest answered items that still give a value when `applicable` of the items were not
    /// answered `"notApplicable"`: ⌈minAnswered · applicable⌉, at least 1.
    ///
    /// The tolerance keeps 0.8 · 10 (= 8.000000000000002 in binary) at 8 rather than 9.
    public func requiredAnswerCount(applicable: Int) -> Int {
        let fraction = Swift.min(Swift.max(requiredFraction, 0), 1)
        let exact = fraction * Double(Swift.max(applicable, 0)) - Tolerance.comparison
        guard exact.isFinite, exact < Double(Int.max) else { return Swift.max(1, applicable) }
        return Swift.max(1, Int(exact.rounded(.up)))
    }
}

extension QuestionnaireDefinition {
    /// The values a scale can take, given its items' ranges, weights, method, prorating, which items
    /// are always answered (required, without "notApplicable"), not-applicable answers and rounding; nil when an item is missing, unscored or has no valid range, a weight is not
    /// positive, or an end is not a finite number.
    ///
    /// Reverse keying maps an item's range onto itself, so it does not change the result. Both methods
    /// are a weighted mean over the answered set S (a sum is W · mean_S once prorated by W / W_S), so the
    /// range is [W·]min..max of the weighted mean over every S that holds the always-answered items and at
    /// least as many items as the fewest
    /// that still score: ``Scale/requiredAnswerCount(applicable:)`` of the items that must apply (those
    /// that do not allow `"notApplicable"`). When items have different ranges, prorating can reach past
    /// Σ w·max: answering only the widest item and prorating scales it up to the whole scale.
    public func reachableRange(of scale: Scale) -> ClosedRange<Double>? {
        // Each item's top and (negated) bottom, so that the lowest mean is minus the highest of negations.
        var highs: [WeightedTerm] = []
        var lows: [WeightedTerm] = []
        var alwaysApplicable = 0
        for id in scale.items {
            let weight = scale.weight(of: id)
            guard let item = item(withID: id), let range = item.scoreRange, weight > 0, weight.isFinite else {
                return nil
            }
            if !item.allowsNotApplicable { alwaysApplicable += 1 }
            // A required item that cannot be "notApplicable" is in every answered set.
            let isAlwaysAnswered = item.isRequired && !item.allowsNotApplicable
            highs.append(WeightedTerm(weight: weight, value: range.upperBound, isForced: isAlwaysAnswered))
            lows.append(WeightedTerm(weight: weight, value: -range.lowerBound, isForced: isAlwaysAnswered))
        }
        guard !highs.isEmpty else { return nil }
        let fewest = scale.requiredAnswerCount(applicable: Swift.max(alwaysApplicable, 1))
        let count = Swift.min(fewest, highs.count)
        let highest = Self.maximumWeightedMean(highs, atLeast: count)
        let lowest = -Self.maximumWeightedMean(lows, atLeast: count)
        let total = highs.reduce(0) { $0 + $1.weight }
        var low = scale.method == .sum ? lowest * total : lowest
        var high = scale.method == .sum ? highest * total : highest
        // Rounding is monotone, so the rounded ends bound the rounded values.
        low = Rounding.halfAwayFromZero(low, decimals: scale.roundingDecimals) + 0
        high = Rounding.halfAwayFromZero(high, decimals: scale.roundingDecimals) + 0
        // Checked, never trapped on: a `Range` from NaN or reversed ends would end the process.
        guard low.isFinite, high.isFinite, low <= high else { return nil }
        return low...high
    }

    /// One item's weight and one end of its range, and whether every answered set includes it.
    struct WeightedTerm {
        var weight: Double
        var value: Double
        var isForced: Bool
    }

    /// max over answered sets S (every forced term, at least k terms) of Σ_S w·v / Σ_S w, by Dinkelbach's
    /// method: for a guess λ pick the set maximising Σ w·(v − λ) (the forced terms, every other positive
    /// term, topped up with the best others to k), take its ratio as the next λ, and stop when λ no longer
    /// rises. Each step strictly raises λ and there are finitely many sets, so it ends; in practice in two
    /// or three steps.
    static func maximumWeightedMean(_ terms: [WeightedTerm], atLeast k: Int) -> Double {
        func ratio(_ chosen: [WeightedTerm]) -> Double {
            let weight = chosen.reduce(0) { $0 + $1.weight }
            return chosen.reduce(0) { $0 + $1.weight * $1.value } / weight
        }
        let forced = terms.filter(\.isForced)
        let free = terms.filter { !$0.isForced }
        var lambda = ratio(terms)
        // Bounded loop: a guard against floating-point cycling, not a limit the method needs.
        for _ in 0..<(terms.count + 8) {
            let ordered = free.sorted { $0.weight * ($0.value - lambda) > $1.weight * ($1.value - lambda) }
            let positive = ordered.count { $0.weight * ($0.value - lambda) > 0 }
            let chosen = forced + ordered.prefix(Swift.max(k - forced.count, positive, 0))
            guard !chosen.isEmpty else { break }
            let next = ratio(chosen)
            guard next > lambda + 1e-12 else { break }
            lambda = next
        }
        return lambda
    }
}
