import AttuneCore
import AttuneJSON
import Testing

/// Skips, not-applicable answers, `minAnswered` over the applicable items, and the unscored reasons
/// (docs/scoring.md).
@Suite struct SkipAndNotApplicableTests {
    /// Five optional likert items 0–4, `e1` and `e2` allowing "notApplicable", and a mean scale and a sum
    /// scale over all five with `minAnswered` 0.6.
    static let definition = QuestionnaireDefinition(
        id: "events",
        version: 1,
        title: "Events",
        respondent: .client,
        items: (1...5).map { index in
            Item(
                id: index <= 2 ? "e\(index)" : "i\(index)",
                text: "Item \(index)",
                type: .likert,
                min: 0,
                max: 4,
                required: false,
                allowNotApplicable: index <= 2 ? true : nil
            )
        },
        scales: [
            Scale(id: "mean", title: "Mean", items: ["e1", "e2", "i3", "i4", "i5"], method: .mean, minAnswered: 0.6),
            Scale(id: "sum", title: "Sum", items: ["e1", "e2", "i3", "i4", "i5"], method: .sum, minAnswered: 0.6),
        ]
    )

    static func posted(_ answers: [String: AnswerValue]) -> PostedSubmission {
        var posted = Fixture.submission(answers: answers)
        posted.questionnaire = "events"
        return posted
    }

    @Test func theDefinitionIsValid() {
        #expect(Self.definition.validate() == [])
    }

    @Test func aSkipWithinMinAnsweredIsScoredAndProrated() {
        // 4 of 5 answered ≥ ⌈0.6 · 5⌉ = 3.
        let answers: [String: AnswerValue] = ["e1": 4, "e2": 2, "i3": 2, "i4": 0]
        #expect(Self.definition.validate(Self.posted(answers)) == [])
        let scores = Self.definition.score(answers).scores
        #expect(scores["mean"]?.value == 2)
        #expect(scores["sum"]?.value == 10)  // 8 · 5 / 4
        #expect(scores["sum"]?.prorated == true)
        #expect(scores["sum"]?.answered == 4 && scores["sum"]?.of == 5 && scores["sum"]?.unscored == nil)
    }

    @Test func skipsBeyondMinAnsweredLeaveTheScaleUnscoredWithAReasonNotRefused() {
        // 2 of 5 answered < 3: stored, unscored.
        let answers: [String: AnswerValue] = ["i3": 2, "i4": 1]
        #expect(Self.definition.validate(Self.posted(answers)) == [])
        let score = Self.definition.score(answers).scores["mean"]
        #expect(score?.value == nil)
        #expect(score?.unscored == .tooFewAnswered)
        #expect(score?.answered == 2)
    }

    @Test func aSubmissionWithNoScoredAnswerIsRefusedAtTheAnswers() {
        for answers: [String: AnswerValue] in [[:], ["e1": "notApplicable", "e2": "notApplicable"]] {
            let problems = Self.definition.validate(Self.posted(answers))
            #expect(problems.map(\.pointer) == ["/answers"])
            #expect(problems.map(\.code) == [.noScoredAnswer])
        }
    }

    @Test func notApplicableIsNotCountedAsMissing() {
        // Two not applicable, 2 of the 3 applicable answered ≥ ⌈0.6 · 3⌉ = 2: scored. As skips, 2 of 5
        // would be too few.
        let answers: [String: AnswerValue] = ["e1": "notApplicable", "e2": "notApplicable", "i3": 3, "i4": 1]
        #expect(Self.definition.validate(Self.posted(answers)) == [])
        let scores = Self.definition.score(answers).scores
        #expect(scores["mean"]?.value == 2)
        #expect(scores["mean"]?.notApplicable == 2)
        #expect(scores["mean"]?.answered == 2)
        #expect(scores["sum"]?.value == 10)  // 4 · 5 / 2: prorated over the whole scale, like a skip
        #expect(scores["sum"]?.prorated == true)
    }

    @Test func notApplicableBeyondMinAnsweredOfTheApplicableItemsIsUnscored() {
        // Two not applicable, 1 of the 3 applicable answered < 2.
        let answers: [String: AnswerValue] = ["e1": "notApplicable", "e2": "notApplicable", "i3": 3]
        let score = Self.definition.score(answers).scores["mean"]
        #expect(score?.value == nil)
        #expect(score?.unscored == .tooFewAnswered)
        #expect(score?.notApplicable == 2)
    }

    @Test func aScaleWhoseItemsAreAllNotApplicableSaysSo() {
        let definition = QuestionnaireDefinition(
            id: "events",
            version: 1,
            title: "Events",
            respondent: .client,
            items: Self.definition.items,
            scales: [Scale(id: "repair", title: "Repair", items: ["e1", "e2"], method: .mean)]
        )
        #expect(definition.validate() == [])
        let answers: [String: AnswerValue] = ["e1": "notApplicable", "e2": "notApplicable", "i3": 1]
        #expect(definition.validate(Self.posted(answers)) == [])
        let score = definition.score(answers).scores["repair"]
        #expect(score?.value == nil)
        #expect(score?.unscored == .allNotApplicable)
        #expect(score?.notApplicable == 2)
    }

    @Test func notApplicableIsRefusedWhereTheItemDoesNotAllowIt() {
        let problems = Self.definition.validate(Self.posted(["e1": 1, "i3": "notApplicable"]))
        #expect(problems.map(\.pointer) == ["/answers/i3"])
        #expect(problems.map(\.code) == [.notApplicableNotAllowed])
    }

    @Test func notApplicableIsStoredAsGiven() {
        let plan = ScoringPlan(Self.definition)
        let sheet = plan.answerSheet(PostedSubmission.answers(["e1": "notApplicable", "i3": 2, "i4": 2]))
        #expect(String(decoding: plan.encodeAnswers(sheet), as: UTF8.self) == #"{"e1":"notApplicable","i3":2,"i4":2}"#)
    }

    @Test func unansweredItemsThatDoNotSayRequiredStayRequired() {
        var definition = Self.definition
        definition.items[4].required = nil
        let problems = definition.validate(Self.posted(["e1": 1, "e2": 1, "i3": 1, "i4": 1]))
        #expect(problems.map(\.pointer) == ["/answers/i5"])
        #expect(problems.map(\.code) == [.missingAnswer])
    }

    @Test func allowNotApplicableIsReadWrittenAndAbsentWhenNil() throws {
        let bytes = DefinitionJSON.encode(Self.definition)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""required":false,"allowNotApplicable":true}"#))
        #expect(!text.contains(#""id":"i3","text":"Item 3","type":"likert","min":0,"max":4,"required":false,"allow"#))
        #expect(try DefinitionJSON.decode(JSONReader().parse(bytes)) == Self.definition)
        for definition in BuiltInInstruments.all where definition.items.allSatisfy({ $0.allowNotApplicable == nil }) {
            #expect(!String(decoding: DefinitionJSON.encode(definition), as: UTF8.self).contains("allowNotApplicable"))
        }
    }
}
