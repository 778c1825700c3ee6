extension QuestionnaireDefinition {
    /// Scores a set of answers: every scale, then every alert (DESIGN.md "Wire format").
    ///
    /// Meant for answers that passed ``validate(_:)``; answers that do not fit their item, answers to
    /// unknown items and `text` answers are ignored rather than trusted, so the result is always defined.
    public func score(_ answers: [String: AnswerValue]) -> ScoringResult {
        // Each answer is looked up and keyed once, however many scales its item belongs to.
        let keyed = keyedScores(answers, for: answers.keys)
        var scores: [String: ScaleScore] = [:]
        scores.reserveCapacity(scales.count)
        for scale in scales where scores[scale.id] == nil {
            scores[scale.id] = score(scale, keyedScores: keyed)
        }
        return ScoringResult(scores: scores, alerts: firedAlerts(scores: scores, answers: answers))
    }

    /// Scores one scale.
    public func score(_ scale: Scale, answers: [String: AnswerValue]) -> ScaleScore {
        score(scale, keyedScores: keyedScores(answers, for: scale.items))
    }

    /// Item id → score after reverse keying, for the answers among `ids` that fit their item.
    private func keyedScores(_ answers: [String: AnswerValue], for ids: some Sequence<String>) -> [String: Double] {
        var keyed: [String: Double] = [:]
        keyed.reserveCapacity(answers.count)
        for id in ids {
            guard let answer = answers[id], let score = item(withID: id)?.keyedScore(for: answer) else { continue }
            keyed[id] = score
        }
        return keyed
    }

    private func score(_ scale: Scale, keyedScores: [String: Double]) -> ScaleScore {
        var tally = ScaleTally()
        for id in scale.items { tally.add(weight: scale.weight(of: id), keyedScore: keyedScores[id]) }
        return Self.scaleScore(scale, from: tally, requiredAnswers: scale.requiredAnswerCount())
    }

    /// A scale's score from its tallied answers: mean or (prorated) sum, rounding, band and cut-off.
    /// The one place these rules live; ``ScoringPlan`` tallies from its arrays and finishes here too.
    static func scaleScore(_ scale: Scale, from tally: ScaleTally, requiredAnswers: Int) -> ScaleScore {
        var result = ScaleScore(value: nil, answered: tally.answered, of: tally.items, prorated: false)
        guard tally.answered >= requiredAnswers, tally.answeredWeight > 0 else { return result }

        var value: Double
        switch scale.method {
        case .mean:
            value = tally.weightedSum / tally.answeredWeight
        case .sum:
            value = tally.weightedSum
            if tally.answered < tally.items {
                // Prorate to the whole scale: Σ w·s · (Σ w of all / Σ w of the answered).
                value *= tally.totalWeight / tally.answeredWeight
                result.prorated = true
            }
        }
        if let decimals = scale.round {
            value = Rounding.halfAwayFromZero(value, decimals: decimals)
        }
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

    private func firedAlerts(scores: [String: ScaleScore], answers: [String: AnswerValue]) -> [FiredAlert] {
        alerts.compactMap { alert in
            guard let target = alert.target, let condition = alert.condition else { return nil }
            let value: Double?
            switch target {
            case .scale(let id):
                // A scale that was not scored (value null) never alerts.
                value = scores[id]?.value
            case .item(let id):
                // Item alerts compare the item's own score, before reverse keying.
                value = answers[id].flatMap { answer in item(withID: id)?.score(for: answer) }
            }
            guard let value, condition.isMet(by: value) else { return nil }
            return FiredAlert(id: alert.id, target: target, value: value)
        }
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

/// One scale's answers added up item by item, weighted; ``QuestionnaireDefinition/scaleScore(_:from:requiredAnswers:)``
/// turns the tally into the score.
struct ScaleTally {
    private(set) var weightedSum = 0.0
    private(set) var answeredWeight = 0.0
    private(set) var totalWeight = 0.0
    private(set) var answered = 0
    private(set) var items = 0

    /// Counts one item of the scale: its weight always, its keyed score when it was answered.
    mutating func add(weight: Double, keyedScore: Double?) {
        items += 1
        totalWeight += weight
        guard let keyedScore else { return }
        answered += 1
        answeredWeight += weight
        weightedSum += weight * keyedScore
    }
}
