internal import AttuneJSON

/// The wording of submission problems: the envelope, answers that do not fit and sent scores.
extension QuestionnaireDefinition {
    /// The problems with a submission's fields other than its answers and scores.
    func envelopeProblems(
        questionnaire: String,
        version: Int?,
        client: String,
        therapist: String,
        respondent: Respondent,
        session: Int,
        date: String
    ) -> ProblemList {
        var problems = ProblemList()
        let root = JSONPointer.root
        if questionnaire != id {
            problems.add(.questionnaireMismatch, at: root / "questionnaire", "This is not the questionnaire '\(id)'.")
        }
        if let version, version != self.version {
            problems.add(
                .versionMismatch,
                at: root / "version",
                "The answers were checked against version \(self.version)."
            )
        }
        // The id rule's messages never echo the id itself: client ids stay out of problem bodies and logs.
        Identifier.check(client, what: "client id", at: root / "client", into: &problems)
        Identifier.check(therapist, what: "therapist id", at: root / "therapist", into: &problems)
        if respondent != self.respondent {
            problems.add(
                .respondentMismatch,
                at: root / "respondent",
                "This questionnaire is answered by the \(self.respondent.rawValue), not the \(respondent.rawValue)."
            )
        }
        if session < 1 {
            problems.add(.invalidSession, at: root / "session", "The session number must be 1 or more.")
        }
        if CalendarDate(date) == nil {
            problems.add(.invalidDate, at: root / "date", "The date must be a real calendar date written YYYY-MM-DD.")
        }
        return problems
    }

    /// Says what was expected; never repeats the answer itself (STYLE.md §3).
    func message(for issue: AnswerIssue, item: Item, answer: AnswerValue) -> String {
        let range = item.scoreRange.map { "\(format($0.lowerBound)) to \(format($0.upperBound))" } ?? "its range"
        switch issue {
        case .wrongType:
            return "The item '\(item.id)' takes a \(item.expectedAnswerType), not a \(answer.typeName)."
        case .notFinite:
            return "The answer to '\(item.id)' must be a finite number."
        case .outOfRange:
            return "The answer to '\(item.id)' must be from \(range)."
        case .notInteger:
            return "The answer to '\(item.id)' must be a whole number from \(range)."
        case .offStep:
            let step = item.step.map(format) ?? "?"
            return "The answer to '\(item.id)' must be \(range) in steps of \(step)."
        case .unknownOption:
            let values = (item.options ?? []).map { "'\($0.value)'" }.joined(separator: ", ")
            return "The answer to '\(item.id)' must be one of \(values)."
        case .textTooLong:
            return "The answer to '\(item.id)' may be at most \(Item.maxTextLength) characters long."
        case .notApplicableNotAllowed:
            return "The item '\(item.id)' does not allow the answer '\(AnswerValue.notApplicable)'."
        }
    }

    /// What is wrong with one score the sender computed: an unknown scale, a value that is not finite,
    /// or one other than the server's. `computed` is nil when there is nothing to compare with (the
    /// answers themselves have problems), and `.some(nil)` when the server's scale has no score.
    func addSentScoreProblems(
        scale scaleID: String,
        value: Double,
        computed: ScaleScore??,
        at here: JSONPointer,
        to problems: inout ProblemList
    ) {
        guard scale(withID: scaleID) != nil else {
            problems.add(.unknownScale, at: here, "This questionnaire has no scale '\(scaleID)'.")
            return
        }
        guard value.isFinite else {
            problems.add(.notFinite, at: here, "A score must be a finite number.")
            return
        }
        guard let computed else { return }
        guard let server = computed?.value else {
            let why =
                computed?.unscored == .allNotApplicable
                ? "every item was answered '\(AnswerValue.notApplicable)'" : "too few items were answered"
            problems.add(
                .scoreMismatch,
                at: here,
                "Scale '\(scaleID)': sent \(format(value)), but \(why) to score it."
            )
            return
        }
        if abs(server - value) > Tolerance.score {
            problems.add(
                .scoreMismatch,
                at: here,
                "Scale '\(scaleID)': sent \(format(value)), computed \(format(server))."
            )
        }
    }
}

extension AnswerIssue {
    var code: ProblemCode {
        switch self {
        case .wrongType: .wrongType
        case .notFinite: .notFinite
        case .outOfRange: .outOfRange
        case .notInteger: .notInteger
        case .offStep: .offStep
        case .unknownOption: .unknownOption
        case .textTooLong: .textTooLong
        case .notApplicableNotAllowed: .notApplicableNotAllowed
        }
    }
}
