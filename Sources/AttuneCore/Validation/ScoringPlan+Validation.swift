extension ScoringPlan {
    /// Every problem with a posted submission, exactly as ``QuestionnaireDefinition/validate(_:)`` reports
    /// them for the same submission; `sheet` must be this plan's sheet of `posted.answers`.
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
        guard isAnyMissing else { return problems }
        for (position, item) in definition.items.enumerated()
        where item.isRequired && sheet.slots[resolvedPositions[position]] == nil {
            problems.add(.missingAnswer, at: pointer / item.id, "The item '\(item.id)' needs an answer.")
        }
        return problems
    }

    private func scoreProblems(_ sent: [PostedSubmission.SentScore], computed: Scores?) -> ProblemList {
        let pointer = JSONPointer.root / "scores"
        var problems = ProblemList()
        for score in sent.sorted(by: { $0.scale < $1.scale }) {
            let scaleID = score.scale
            let value = score.value
            let here = pointer / scaleID
            guard definition.scale(withID: scaleID) != nil else {
                problems.add(.unknownScale, at: here, "This questionnaire has no scale '\(scaleID)'.")
                continue
            }
            guard value.isFinite else {
                problems.add(.notFinite, at: here, "A score must be a finite number.")
                continue
            }
            guard let computed else { continue }
            guard let server = computed.score(ofScale: scaleID)?.value else {
                problems.add(
                    .scoreMismatch,
                    at: here,
                    "Scale '\(scaleID)': sent \(format(value)), but too few items were answered to score it."
                )
                continue
            }
            if abs(server - value) > Tolerance.score {
                problems.add(
                    .scoreMismatch,
                    at: here,
                    "Scale '\(scaleID)': sent \(format(value)), computed \(format(server))."
                )
            }
        }
        return problems
    }
}
