import AttuneCore
import Testing

/// A small valid definition using every item type, a weighted scale and an alert of each target, so each
/// validation test can break exactly one thing and expect exactly one problem.
enum Fixture {
    /// Items: 0 `l1` likert 0–4, 1 `l2` likert 0–4 reversed, 2 `v1` scale 0–10 step 0.5, 3 `c1` choice 0/1/2,
    /// 4 `b1` boolean, 5 `note` text. Scales: 0 `total` = sum of l1, l2, c1, b1 (range 0–11);
    /// 1 `vas` = mean of v1 (weight 2) and l1, minAnswered 0.5 (range 0–8: both items are required, so both
    /// are always answered). Alerts: 0 `low-total` below 3, 1 `c1-often` item c1 at least 2, 2 `vas-high` above 7.
    static let definition = QuestionnaireDefinition(
        id: "fixture",
        version: 1,
        title: "Fixture",
        respondent: .client,
        items: [
            Item(id: "l1", text: "Item 1", type: .likert, min: 0, max: 4, labels: ["0", "1", "2", "3", "4"]),
            Item(id: "l2", text: "Item 2", type: .likert, min: 0, max: 4, reverse: true),
            Item(id: "v1", text: "Item 3", type: .scale, min: 0, max: 10, step: 0.5),
            Item(
                id: "c1",
                text: "Item 4",
                type: .choice,
                options: [
                    ChoiceOption(value: "never", label: "Never", score: 0),
                    ChoiceOption(value: "sometimes", label: "Sometimes", score: 1),
                    ChoiceOption(value: "often", label: "Often", score: 2),
                ]
            ),
            Item(id: "b1", text: "Item 5", type: .boolean),
            Item(id: "note", text: "Anything else?", type: .text),
        ],
        scales: [
            Scale(
                id: "total",
                title: "Total",
                items: ["l1", "l2", "c1", "b1"],
                method: .sum,
                bands: [Band(min: 0, max: 4, label: "low"), Band(min: 5, max: 11, label: "high")],
                cutoff: Cutoff(value: 5, direction: .below),
                reliability: 0.8,
                sd: 2
            ),
            Scale(
                id: "vas",
                title: "VAS",
                items: ["v1", "l1"],
                method: .mean,
                weights: ["v1": 2],
                minAnswered: 0.5,
                round: 2,
                bands: [Band(min: 0, max: 4.99, label: "low"), Band(min: 5, max: 8, label: "high")]
            ),
        ],
        alerts: [
            Alert(id: "low-total", scale: "total", below: 3),
            Alert(id: "c1-often", item: "c1", atLeast: 2),
            Alert(id: "vas-high", scale: "vas", above: 7),
        ]
    )

    /// Valid answers to every item of ``definition``.
    static let answers: [String: AnswerValue] = [
        "l1": 3, "l2": 1, "v1": 7.5, "c1": "sometimes", "b1": true, "note": "fine",
    ]

    /// A valid submission of ``definition``, answers and sent scores in key order.
    static func submission(
        answers: [String: AnswerValue] = Fixture.answers,
        scores: [String: Double]? = nil
    ) -> PostedSubmission {
        PostedSubmission(
            questionnaire: "fixture",
            version: 1,
            client: "c-0193",
            therapist: "t-07",
            respondent: .client,
            session: 5,
            date: "2026-11-20",
            answers: PostedSubmission.answers(answers),
            scores: scores.map { sent in
                sent.sorted { $0.key < $1.key }.map { PostedSubmission.SentScore(scale: $0.key, value: $0.value) }
            },
            supersedes: false
        )
    }

    /// A one-scale definition for scoring tables: `count` items of one type, scored by `scale`.
    static func single(
        items: [Item],
        scale: Scale,
        alerts: [Alert] = []
    ) -> QuestionnaireDefinition {
        QuestionnaireDefinition(
            id: "table",
            version: 1,
            title: "Table",
            respondent: .client,
            items: items,
            scales: [scale],
            alerts: alerts
        )
    }

    /// `count` likert items `i1`…`iN` from `min` to `max`; the ids in `reversed` are reverse-keyed.
    static func likertItems(_ count: Int, min: Double, max: Double, reversed: Set<Int> = []) -> [Item] {
        (1...count).map { index in
            Item(
                id: "i\(index)",
                text: "Item \(index)",
                type: .likert,
                min: min,
                max: max,
                reverse: reversed.contains(index) ? true : nil
            )
        }
    }

    /// `i1`…`iN`.
    static func ids(_ range: ClosedRange<Int>) -> [String] { range.map { "i\($0)" } }
}

/// One validation rule: how to break the fixture and the one problem that must result.
struct Rule: Sendable, CustomTestStringConvertible {
    let name: String
    let pointer: String
    let code: ProblemCode
    let breakIt: @Sendable (inout QuestionnaireDefinition) -> Void

    init(
        _ name: String,
        _ pointer: String,
        _ code: ProblemCode,
        _ breakIt: @escaping @Sendable (inout QuestionnaireDefinition) -> Void
    ) {
        self.name = name
        self.pointer = pointer
        self.code = code
        self.breakIt = breakIt
    }

    var testDescription: String { name }

    /// The problems the broken fixture has, as (pointer, code) pairs.
    func problems() -> [ValidationProblem] {
        var definition = Fixture.definition
        breakIt(&definition)
        return definition.validate()
    }
}

extension PostedSubmission {
    /// Answers in key order, so tests read like the wire JSON.
    static func answers(_ answers: [String: AnswerValue]) -> [Answer] {
        answers.sorted { $0.key < $1.key }.map { Answer(id: $0.key, value: $0.value) }
    }

    /// The answers keyed by item id; setting replaces them (in key order).
    var answerMap: [String: AnswerValue] {
        get { Dictionary(answers.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first }) }
        set { answers = Self.answers(newValue) }
    }
}

extension QuestionnaireDefinition {
    /// Scores answers with the one scorer, ``ScoringPlan``.
    func score(_ answers: [String: AnswerValue]) -> ScoringResult {
        let plan = ScoringPlan(self)
        return plan.score(plan.answerSheet(PostedSubmission.answers(answers))).result
    }

    /// Every problem ``ScoringPlan`` finds with a posted submission.
    func validate(_ posted: PostedSubmission) -> [ValidationProblem] {
        let plan = ScoringPlan(self)
        return plan.validate(posted, sheet: plan.answerSheet(posted.answers))
    }
}
