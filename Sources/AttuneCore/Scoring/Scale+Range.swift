extension Scale {
    /// The fewest answered items that still give a value: ⌈minAnswered · n⌉, at least 1.
    ///
    /// The tolerance keeps 0.8 · 10 (= 8.000000000000002 in binary) at 8 rather than 9.
    public func requiredAnswerCount() -> Int {
        let fraction = Swift.min(Swift.max(requiredFraction, 0), 1)
        let exact = fraction * Double(items.count) - Tolerance.comparison
        return Swift.max(1, Int(exact.rounded(.up)))
    }
}

extension QuestionnaireDefinition {
    /// The values a scale can take, given its items' ranges, weights, method, prorating and rounding;
    /// nil when an item is missing, unscored or has no valid range, or a weight is not positive.
    ///
    /// Reverse keying maps an item's range onto itself, so it does not change the result. Both methods
    /// are a weighted mean over the answered set S (a sum is W · mean_S once prorated by W / W_S), so the
    /// range is [W·]min..max of the weighted mean over every S with at least ``Scale/requiredAnswerCount()``
    /// items. When items have different ranges, prorating can reach past Σ w·max: answering only the
    /// widest item and prorating scales it up to the whole scale.
    public func reachableRange(of scale: Scale) -> ClosedRange<Double>? {
        var terms: [(weight: Double, low: Double, high: Double)] = []
        for id in scale.items {
            let weight = scale.weight(of: id)
            guard let range = item(withID: id)?.scoreRange, weight > 0, weight.isFinite else { return nil }
            terms.append((weight, range.lowerBound, range.upperBound))
        }
        guard !terms.isEmpty else { return nil }
        let count = Swift.min(scale.requiredAnswerCount(), terms.count)
        let highest = Self.maximumWeightedMean(terms.map { ($0.weight, $0.high) }, atLeast: count)
        let lowest = -Self.maximumWeightedMean(terms.map { ($0.weight, -$0.low) }, atLeast: count)
        let total = terms.reduce(0) { $0 + $1.weight }
        var range = scale.method == .sum ? (lowest * total)...(highest * total) : lowest...highest
        if let decimals = scale.round {
            // Rounding is monotone, so the rounded ends bound the rounded values.
            range =
                Rounding.halfAwayFromZero(
                    range.lowerBound,
                    decimals: decimals
                )...Rounding.halfAwayFromZero(
                    range.upperBound,
                    decimals: decimals
                )
        }
        return range
    }

    /// max over subsets S with |S| ≥ k of Σ_S w·v / Σ_S w, by Dinkelbach's method: for a guess λ pick the
    /// subset maximising Σ w·(v − λ) (every positive term, topped up with the best others to k), take its
    /// ratio as the next λ, and stop when λ no longer rises. Each step strictly raises λ and there are
    /// finitely many subsets, so it ends; in practice in two or three steps.
    static func maximumWeightedMean(_ terms: [(weight: Double, value: Double)], atLeast k: Int) -> Double {
        func ratio(_ chosen: ArraySlice<(weight: Double, value: Double)>) -> Double {
            let weight = chosen.reduce(0) { $0 + $1.weight }
            return chosen.reduce(0) { $0 + $1.weight * $1.value } / weight
        }
        var lambda = ratio(terms[...])
        // Bounded loop: a guard against floating-point cycling, not a limit the method needs.
        for _ in 0..<(terms.count + 8) {
            let ordered = terms.sorted { $0.weight * ($0.value - lambda) > $1.weight * ($1.value - lambda) }
            let positive = ordered.count { $0.weight * ($0.value - lambda) > 0 }
            let next = ratio(ordered.prefix(Swift.max(k, positive)))
            guard next > lambda + 1e-12 else { break }
            lambda = next
        }
        return lambda
    }
}
