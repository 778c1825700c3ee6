internal import AttuneJSON

extension ScoringPlan {
    /// Every problem with a posted submission: its envelope, each answer, missing required answers, no
    /// scored answer at all, and sent `scores` that differ from the server's; `sheet` must be this plan's
    /// sheet of `posted.answers`. Sent scores are compared only when every answer is valid: a mismatch
    /// caused by a refused answer would be noise.
    ///
    /// Sent scores are compared with `score(sheet)`; pass `scores` when the caller has them already.
    public func validate(_ posted: PostedSubmission, sheet: AnswerSheet, scores: Scores? = nil) -> [ValidationProblem] {
        var problems = definition.envelopeProblems(
            questionnaire: posted.questionnaire,
            version: posted.version,
            client: posted.client,
            therapist: posted.therapist,
            respondent: posted.respondent,
            session: posted.session,
            date: posted.date
        )
        let answerProblems = answerProblems(sheet)
        let answersValid = answerProblems.problems.isEmpty
        problems.append(contentsOf: answerProblems)
        if let sent = posted.scores {
            let computed = answersValid ? scores ?? score(sheet) : nil
            problems.append(contentsOf: scoreProblems(sent, computed: computed))
        }
        return problems.problems
    }

    private func answerProblems(_ sheet: AnswerSheet) -> ProblemList {
        let pointer = JSONPointer.root / "answers"
        // Pointers, messages and sorting only for answers that have a problem: valid submissions are the hot path.
        var found: [(itemID: String, code: ProblemCode, message: String)] = []
        for answer in sheet.unknown {
            found.append((answer.id, .unknownItem, "This questionnaire has no item with this id."))
        }
        var isAnyMissing = false
        for (position, slot) in sheet.slots.enumerated() {
            guard let slot else {
                isAnyMissing = true
                continue
            }
            guard let issue = slot.issue else { continue }
            let item = definition.items[position]
            found.append((slot.key, issue.code, definition.message(for: issue, item: item, answer: slot.answer)))
        }
        var problems = ProblemList()
        // Sorted keys, as the definition's validation reports them.
        for problem in found.sorted(by: { $0.itemID < $1.itemID }) {
            problems.add(problem.code, at: pointer / problem.itemID, problem.message)
        }
        if isAnyMissing {
            for (position, item) in definition.items.enumerated()
            where item.isRequired && sheet.slots[resolvedPositions[position]] == nil {
                problems.add(.missingAnswer, at: pointer / item.id, "The item '\(item.id)' needs an answer.")
            }
        }
        // Skips and not-applicable answers are allowed one by one, but a submission must measure something.
        if problems.problems.isEmpty, hasScoredItem, !sheet.slots.contains(where: { $0?.ownScore != nil }) {
            problems.add(
                .noScoredAnswer,
                at: pointer,
                "At least one item with a score must be answered (not skipped, not '\(AnswerValue.notApplicable)')."
            )
        }
        return problems
    }

    private func scoreProblems(_ sent: [PostedSubmission.SentScore], computed: Scores?) -> ProblemList {
        let pointer = JSONPointer.root / "scores"
        var problems = ProblemList()
        for score in sent.sorted(by: { $0.scale < $1.scale }) {
            definition.addSentScoreProblems(
                scale: score.scale,
                value: score.value,
                computed: computed.map { $0.score(ofScale: score.scale) },
                at: pointer / score.scale,
                to: &problems
            )
        }
        return problems
    }
}
