internal import AttuneJSON

/// A submission's answers laid out by item position for one ``ScoringPlan``, each checked against its
/// item and scored once; answers to ids the definition lacks are kept apart for validation to report.
public struct AnswerSheet: Sendable {
    /// One item position's answer, what is wrong with it and its scores.
    struct Slot: Sendable {
        /// The answer's key as posted (it may differ in bytes from the item id yet be equal as a `String`).
        var key: String
        var answer: AnswerValue
        var issue: AnswerIssue?
        /// Whether the answer is `"notApplicable"` to an item that allows it: no score, not missing.
        var isNotApplicable = false
        /// The item's own score (before reverse keying); nil when the answer does not fit or is not scored.
        var ownScore: Double?
        /// The score as it counts inside scales.
        var keyedScore: Double?
    }

    /// By item position; only positions an id resolves to (first occurrences) are ever filled.
    var slots: [Slot?]
    /// Answers whose key names no item, in input order.
    var unknown: [PostedSubmission.Answer] = []

    init(itemCount: Int) {
        // Appended one by one: `Array(repeating:count:)` of this non-trivial element measured ~3k
        // instructions for 24 slots, ten times the loop.
        slots = []
        slots.reserveCapacity(itemCount)
        for _ in 0..<itemCount { slots.append(nil) }
    }
}

extension ScoringPlan {
    /// The sheet for answers in any order (keys unique, as a JSON object's are).
    public func answerSheet(_ answers: [PostedSubmission.Answer]) -> AnswerSheet {
        var sheet = AnswerSheet(itemCount: resolvedPositions.count)
        var expected = 0
        for answer in answers {
            guard let position = position(of: answer.id, expected: expected) else {
                sheet.unknown.append(answer)
                continue
            }
            expected = position + 1
            fill(&sheet, at: position, key: answer.id, answer: answer.value)
        }
        return sheet
    }

    /// The sheet for answers keyed by item id.
    public func answerSheet(_ answers: [String: AnswerValue]) -> AnswerSheet {
        answerSheet(answers.map { PostedSubmission.Answer(id: $0.key, value: $0.value) })
    }

    private func fill(_ sheet: inout AnswerSheet, at position: Int, key: String, answer: AnswerValue) {
        let rule = rules[position]
        let issue: AnswerIssue?
        var own: Double?
        var isNotApplicable = false
        switch (rule.kind, answer) {
        case (_, .string(let text)) where rule.allowsNotApplicable && text == AnswerValue.notApplicable:
            issue = nil
            isNotApplicable = true
        case (.likert, .number(let number)), (.scale, .number(let number)):
            issue = rule.issue(withNumber: number, isScale: rule.kind == .scale)
            own = number.value
        case (.boolean, .boolean(let flag)):
            issue = nil
            own = flag ? 1 : 0
        case (.other, _):
            // Choice options and text lengths: the item itself decides.
            issue = definition.items[position].issue(with: answer)
            if issue == nil { own = definition.items[position].scoreOfFittingAnswer(answer) }
        default:
            issue = answer.isNotApplicable ? .notApplicableNotAllowed : .wrongType
        }
        var keyed: Double?
        if issue != nil {
            own = nil
        } else if let own {
            // Not `own.map(rule.keyed)`: that closure would be allocated for every answer.
            keyed = rule.keyed(own)
        }
        sheet.slots[position] = AnswerSheet.Slot(
            key: key,
            answer: answer,
            issue: issue,
            isNotApplicable: isNotApplicable,
            ownScore: own,
            keyedScore: keyed
        )
    }
}
