import AttuneCore

/// A second, simpler scorer for the tests: dictionaries and the rules of docs/scoring.md written out
/// plainly, to hold ``ScoringPlan`` (the one production scorer) to them on any answers.
enum OracleScorer {
    static func score(_ definition: QuestionnaireDefinition, _ answers: [String: AnswerValue]) -> ScoringResult {
        var scores: [String: ScaleScore] = [:]
        for scale in definition.scales where scores[scale.id] == nil {
            scores[scale.id] = score(scale, of: definition, answers)
        }
        var alerts: [FiredAlert] = []
        for alert in definition.alerts {
            guard let target = alert.target, let condition = alert.condition else { continue }
            let value: Double?
            switch target {
            case .scale(let id): value = scores[id]?.value
            case .item(let id): value = ownScore(id, of: definition, answers)
            }
            if let value, condition.isMet(by: value) {
                alerts.append(FiredAlert(id: alert.id, target: target, value: value))
            }
        }
        let flags: [SubmissionFlag] = isStraightLined(definition, answers) ? [.straightLining] : []
        return ScoringResult(scores: scores, alerts: alerts, flags: flags)
    }

    static func ownScore(_ id: String, of definition: QuestionnaireDefinition, _ answers: [String: AnswerValue])
        -> Double?
    {
        guard let item = definition.item(withID: id), let answer = answers[id] else { return nil }
        return item.score(for: answer)
    }

    static func isNotApplicable(_ id: String, of definition: QuestionnaireDefinition, _ answers: [String: AnswerValue])
        -> Bool
    {
        guard let item = definition.item(withID: id), let answer = answers[id] else { return false }
        return item.allowsNotApplicable && item.isScored && answer == .string("notApplicable")
    }

    static func score(_ scale: Scale, of definition: QuestionnaireDefinition, _ answers: [String: AnswerValue])
        -> ScaleScore
    {
        var answered = 0
        var notApplicable = 0
        var sum = 0.0
        var answeredWeight = 0.0
        var totalWeight = 0.0
        for id in scale.items {
            let weight = scale.weight(of: id)
            totalWeight += weight
            if isNotApplicable(id, of: definition, answers) { notApplicable += 1 }
            guard var score = ownScore(id, of: definition, answers), let item = definition.item(withID: id) else {
                continue
            }
            if item.isReversed, let range = item.scoreRange { score = range.lowerBound + range.upperBound - score }
            answered += 1
            answeredWeight += weight
            sum += weight * score
        }
        var result = ScaleScore(
            value: nil,
            answered: answered,
            of: scale.items.count,
            notApplicable: notApplicable,
            prorated: false
        )
        let applicable = scale.items.count - notApplicable
        if applicable == 0 {
            result.unscored = .allNotApplicable
            return result
        }
        if answered < scale.requiredAnswerCount(applicable: applicable) || answeredWeight <= 0 {
            result.unscored = .tooFewAnswered
            return result
        }
        var value = scale.method == .mean ? sum / answeredWeight : sum
        if scale.method == .sum, answered < scale.items.count {
            value = sum * totalWeight / answeredWeight
            result.prorated = true
        }
        value = Rounding.halfAwayFromZero(value, decimals: scale.round ?? 6)
        if value == 0 { value = 0 }
        guard value.isFinite else { return result }
        result.value = value
        result.band = (scale.bands ?? []).last { value >= $0.min - 1e-9 }?.label
        if let cutoff = scale.cutoff {
            result.cutoffCrossed =
                cutoff.direction == .below ? value < cutoff.value - 1e-9 : value > cutoff.value + 1e-9
        }
        return result
    }

    static func isStraightLined(_ definition: QuestionnaireDefinition, _ answers: [String: AnswerValue]) -> Bool {
        var seen: Set<String> = []
        let likert = definition.items.filter { seen.insert($0.id).inserted }.filter { $0.type == .likert }
        let reversed = likert.filter(\.isReversed).count
        guard likert.count >= 6, reversed > 0, reversed < likert.count else { return false }
        let given = likert.compactMap { item in answers[item.id].flatMap(item.score(for:)).map { ($0, item.isReversed) }
        }
        let reversedGiven = given.filter(\.1).count
        return given.count >= 6 && reversedGiven > 0 && reversedGiven < given.count
            && Set(given.map(\.0)).count == 1
    }
}
