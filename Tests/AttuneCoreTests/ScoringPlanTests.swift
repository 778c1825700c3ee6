import AttuneCore
import AttuneJSON
import AttuneTesting
import Testing

/// `ScoringPlan` must score and encode exactly as the plain oracle scorer of the tests, for valid and
/// invalid answers alike, on every built-in instrument and on odd (invalid) definitions.
@Suite struct ScoringPlanTests {
    /// A definition with repeated item and scale ids, a scale naming an unknown item, a zero weight and
    /// malformed alerts: never publishable, but the plan must still agree with the definition.
    static let oddDefinition = QuestionnaireDefinition(
        id: "odd",
        version: 2,
        title: "Odd",
        respondent: .therapist,
        items: [
            Item(id: "a", text: "A", type: .likert, min: 1, max: 5, reverse: true),
            Item(id: "b", text: "B", type: .scale, min: -1, max: 1, step: 0.25),
            Item(id: "a", text: "A again", type: .boolean),
            Item(id: "t", text: "T", type: .text, required: true),
            Item(id: "c", text: "C", type: .choice, options: [ChoiceOption(value: "x", label: "X", score: 7)]),
            Item(id: "n", text: "No range", type: .likert, min: 3, max: 3, reverse: true, required: false),
            Item(id: "e", text: "Event", type: .likert, min: 0, max: 4, allowNotApplicable: true),
            Item(id: "f", text: "Event text", type: .text, allowNotApplicable: true),
        ],
        scales: [
            Scale(id: "s", title: "S", items: ["a", "b", "ghost", "a"], method: .sum, weights: ["b": 0], round: 1),
            Scale(id: "s", title: "S again", items: ["c"], method: .mean),
            Scale(id: "m", title: "M", items: ["c", "n", "b"], method: .mean, minAnswered: 0.3, round: 0),
            Scale(id: "ev", title: "Events", items: ["e", "a", "b"], method: .sum, minAnswered: 0.5),
            Scale(id: "only", title: "Only the event", items: ["e"], method: .mean),
        ],
        alerts: [
            Alert(id: "both", scale: "s", item: "a", below: 1),
            Alert(id: "none", below: 1),
            Alert(id: "two-conditions", scale: "m", below: 1, above: 2),
            Alert(id: "ghost-scale", scale: "ghost", above: 0),
            Alert(id: "ghost-item", item: "ghost", above: 0),
            Alert(id: "item-a", item: "a", atLeast: 1),
            Alert(id: "s-high", scale: "s", atMost: 100),
        ]
    )

    static let definitions = BuiltInInstruments.all + [Fixture.definition, oddDefinition]

    /// Candidate answers of every kind, valid or not for some item type.
    static let candidates: [AnswerValue] = [
        0, 1, 2, 3, 4, 5, 7, 10, -1, 0.25, 0.5, 0.3, 2.5, 7.5, 1e300, -0.0,
        "x", "never", "sometimes", "often", "", "some text", true, false, "notApplicable",
    ]

    /// A random answer set: some items skipped, some answered with any candidate, sometimes an unknown key.
    static func randomAnswers(
        for definition: QuestionnaireDefinition,
        using generator: inout SplitMix64
    ) -> [String: AnswerValue] {
        var answers: [String: AnswerValue] = [:]
        for item in definition.items where Int.random(in: 0..<8, using: &generator) != 0 {
            answers[item.id] = candidates.randomElement(using: &generator)
        }
        if Int.random(in: 0..<6, using: &generator) == 0 {
            answers["not-an-item"] = candidates.randomElement(using: &generator)
        }
        return answers
    }

    /// Valid answers to every scored item, so that scores are computed and compared.
    static func validAnswers(for definition: QuestionnaireDefinition, using generator: inout SplitMix64)
        -> [String: AnswerValue]
    {
        var answers: [String: AnswerValue] = [:]
        for item in definition.items {
            let fitting = candidates.filter { answer in
                if case .string = answer, item.type == .text { return true }
                return item.score(for: answer) != nil
            }
            if let answer = fitting.randomElement(using: &generator) { answers[item.id] = answer }
        }
        return answers
    }

    @Test func scoresAsTheOracleDoes() {
        var generator = SplitMix64(seed: 7)
        for definition in Self.definitions {
            let plan = ScoringPlan(definition)
            for round in 0..<300 {
                let answers =
                    round.isMultiple(of: 3)
                    ? Self.validAnswers(for: definition, using: &generator)
                    : Self.randomAnswers(for: definition, using: &generator)
                let expected = OracleScorer.score(definition, answers)
                let sheet = plan.answerSheet(PostedSubmission.answers(answers))
                let scores = plan.score(sheet)
                #expect(scores.result == expected, "\(definition.id): \(answers)")
                #expect(plan.encodeScores(scores) == SubmissionJSON.encodeScores(expected))
                #expect(SubmissionJSON.encodeAlerts(scores.alerts) == SubmissionJSON.encodeAlerts(expected))
                #expect(SubmissionJSON.encodeFlags(scores.flags) == SubmissionJSON.encodeFlags(expected.flags))
                #expect(
                    plan.encodeAnswers(sheet)
                        == SubmissionJSON.encodeAnswers(answers, order: definition.items.map(\.id))
                )
            }
        }
    }

    @Test func theBenchmarkSubmissionIsValidAndScoredOnce() {
        let definition = BuiltInInstruments.relationshipProfile
        let plan = ScoringPlan(definition)
        let answers = definition.items.enumerated().map { position, item in
            PostedSubmission.Answer(id: item.id, value: .number(JSONNumber(Double(position % 5))))
        }
        let posted = PostedSubmission(
            questionnaire: definition.id,
            version: nil,
            client: "c-1",
            therapist: "t-1",
            respondent: .client,
            session: 1,
            date: "2026-11-20",
            answers: answers.reversed(),
            scores: [PostedSubmission.SentScore(scale: "total", value: 0)],
            supersedes: false
        )
        let sheet = plan.answerSheet(posted.answers)
        let scores = plan.score(sheet)
        #expect(scores.result == OracleScorer.score(definition, posted.answerMap))
        // Answers in reverse order still land on their items; the one wrong sent score is reported.
        #expect(
            plan.validate(posted, sheet: sheet, scores: scores).map(\.pointer) == ["/scores/total"]
        )
    }
}
