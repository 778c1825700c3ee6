/// The scale rules of docs/scoring.md: skips, not-applicable answers, `minAnswered`, prorating, rounding,
/// bands and cut-offs; and the straight-lining flag.
extension ScoringPlan {
    /// The fewest answered likert items that can show straight-lining: below it, equal answers are
    /// too likely to be meant.
    public static let straightLiningMinimum = 6

    /// A scale's score from its tallied answers: mean or (prorated) sum, rounding, band and cut-off.
    static func scaleScore(_ scale: Scale, from tally: ScaleTally) -> ScaleScore {
        var result = ScaleScore(
            value: nil,
            answered: tally.answered,
            of: tally.items,
            notApplicable: tally.notApplicable,
            prorated: false
        )
        let applicable = tally.items - tally.notApplicable
        guard applicable > 0 else {
            result.unscored = .allNotApplicable
            return result
        }
        guard tally.answered >= scale.requiredAnswerCount(applicable: applicable), tally.answeredWeight > 0 else {
            result.unscored = .tooFewAnswered
            return result
        }
        var value: Double
        switch scale.method {
        case .mean:
            value = tally.weightedSum / tally.answeredWeight
        case .sum:
            value = tally.weightedSum
            if tally.answered < tally.items {
                // Prorate to the whole scale, skipped and not-applicable items alike:
                // Σ w·s · (Σ w of all / Σ w of the answered).
                value *= tally.totalWeight / tally.answeredWeight
                result.prorated = true
            }
        }
        // `+ 0` turns -0 into 0: a score is never written as `-0`.
        value = Rounding.halfAwayFromZero(value, decimals: scale.roundingDecimals) + 0
        // Unreachable for a validated definition (its numbers are bounded); an invalid one stays unscored.
        guard value.isFinite else { return result }
        result.value = value
        result.band = band(for: value, in: scale.bands ?? [])?.label
        if let cutoff = scale.cutoff {
            result.cutoffCrossed = crosses(value, cutoff)
        }
        return result
    }

    /// The last band whose `min` the value reaches, so a value between two bands stays in the lower one.
    static func band(for value: Double, in bands: [Band]) -> Band? {
        bands.last { value >= $0.min - Tolerance.comparison }
    }

    static func crosses(_ value: Double, _ cutoff: Cutoff) -> Bool {
        switch cutoff.direction {
        case .below: value < cutoff.value - Tolerance.comparison
        case .above: value > cutoff.value + Tolerance.comparison
        }
    }

    /// The likert items that straight-lining is judged on: all of a definition's likert items, when it
    /// has at least ``straightLiningMinimum`` of them and some but not all are reverse-keyed (a profile).
    static func straightLiningItems(of items: [Item], resolved: [Int]) -> [(position: Int, isReversed: Bool)] {
        let likert = items.indices.filter { items[$0].type == .likert && resolved[$0] == $0 }
        let reversed = likert.count { items[$0].isReversed }
        guard likert.count >= straightLiningMinimum, reversed > 0, reversed < likert.count else { return [] }
        return likert.map { ($0, items[$0].isReversed) }
    }

    /// Whether every answered likert item got the same raw answer, with at least
    /// ``straightLiningMinimum`` answered, reverse-keyed and forward items among them: the same raw answer
    /// on both sides of the key is agreement with everything, not an opinion. Skips and not-applicable
    /// answers are left out.
    func isStraightLined(_ sheet: AnswerSheet) -> Bool {
        guard !straightLiningItems.isEmpty else { return false }
        var first: Double?
        var answered = 0
        var reversed = 0
        for (position, isReversed) in straightLiningItems {
            guard let score = sheet.slots[position]?.ownScore else { continue }
            if let first, first != score { return false }
            first = score
            answered += 1
            if isReversed { reversed += 1 }
        }
        return answered >= Self.straightLiningMinimum && reversed > 0 && reversed < answered
    }
}

extension AlertCondition {
    /// Whether a value meets the condition, with ``Tolerance/comparison`` slack on the threshold.
    public func isMet(by value: Double) -> Bool {
        switch self {
        case .below(let threshold): value < threshold - Tolerance.comparison
        case .above(let threshold): value > threshold + Tolerance.comparison
        case .atLeast(let threshold): value >= threshold - Tolerance.comparison
        case .atMost(let threshold): value <= threshold + Tolerance.comparison
        }
    }
}

/// One scale's answers added up item by item, weighted; ``ScoringPlan/scaleScore(_:from:)`` turns the
/// tally into the score.
struct ScaleTally {
    private(set) var weightedSum = 0.0
    private(set) var answeredWeight = 0.0
    private(set) var totalWeight = 0.0
    private(set) var answered = 0
    private(set) var notApplicable = 0
    private(set) var items = 0

    /// Counts one item of the scale: its weight always, its keyed score when it was answered.
    mutating func add(weight: Double, keyedScore: Double?, isNotApplicable: Bool) {
        items += 1
        totalWeight += weight
        if isNotApplicable { notApplicable += 1 }
        guard let keyedScore else { return }
        answered += 1
        answeredWeight += weight
        weightedSum += weight * keyedScore
    }
}
