import AttuneCore
import AttuneJSON
import Testing

/// Answer and envelope checks against the fixture definition; each row changes one thing.
@Suite struct SubmissionValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let pointer: String
        let code: ProblemCode
        let change: @Sendable (inout PostedSubmission) -> Void
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown item", pointer: "/answers/x", code: .unknownItem) { $0.answerMap["x"] = 1 },
        Case(name: "pointer escapes ~ and /", pointer: "/answers/a~1b~0c", code: .unknownItem) {
            $0.answerMap["a/b~c"] = 1
        },
        Case(name: "string for a likert item", pointer: "/answers/l1", code: .wrongType) { $0.answerMap["l1"] = "3" },
        Case(name: "number for a boolean item", pointer: "/answers/b1", code: .wrongType) { $0.answerMap["b1"] = 1 },
        Case(name: "boolean for a choice item", pointer: "/answers/c1", code: .wrongType) { $0.answerMap["c1"] = true },
        Case(name: "number for a text item", pointer: "/answers/note", code: .wrongType) { $0.answerMap["note"] = 2 },
        Case(name: "likert above max", pointer: "/answers/l1", code: .outOfRange) { $0.answerMap["l1"] = 5 },
        Case(name: "scale below min", pointer: "/answers/v1", code: .outOfRange) { $0.answerMap["v1"] = -0.5 },
        Case(name: "likert not an integer", pointer: "/answers/l1", code: .notInteger) { $0.answerMap["l1"] = 2.5 },
        Case(name: "scale off its 0.5 step", pointer: "/answers/v1", code: .offStep) { $0.answerMap["v1"] = 7.3 },
        Case(name: "infinite number", pointer: "/answers/v1", code: .notFinite) {
            $0.answerMap["v1"] = .number(JSONNumber(.infinity))
        },
        Case(name: "choice value not an option", pointer: "/answers/c1", code: .unknownOption) {
            $0.answerMap["c1"] = "always"
        },
        Case(name: "text over the limit", pointer: "/answers/note", code: .textTooLong) {
            $0.answerMap["note"] = .string(String(repeating: "é", count: Item.maxTextLength + 1))
        },
        Case(name: "required answer missing", pointer: "/answers/l1", code: .missingAnswer) {
            $0.answerMap["l1"] = nil
        },
        Case(name: "session zero", pointer: "/session", code: .invalidSession) { $0.session = 0 },
        Case(name: "respondent mismatch", pointer: "/respondent", code: .respondentMismatch) {
            $0.respondent = .therapist
        },
        Case(name: "other questionnaire", pointer: "/questionnaire", code: .questionnaireMismatch) {
            $0.questionnaire = "other"
        },
        Case(name: "other version", pointer: "/version", code: .versionMismatch) { $0.version = 2 },
        Case(name: "empty client id", pointer: "/client", code: .emptyID) { $0.client = "" },
        Case(name: "therapist id with a slash", pointer: "/therapist", code: .invalidID) { $0.therapist = "t/07" },
        Case(name: "impossible date", pointer: "/date", code: .invalidDate) { $0.date = "2026-02-29" },
    ]

    @Test(arguments: cases)
    func reportsExactlyTheBrokenRule(_ testCase: Case) {
        var submission = Fixture.submission()
        testCase.change(&submission)
        let problems = Fixture.definition.validate(submission)
        #expect(problems.map(\.pointer) == [testCase.pointer])
        #expect(problems.map(\.code) == [testCase.code])
    }

    @Test func acceptsAValidSubmissionWithoutVersionOrOptionalText() {
        var submission = Fixture.submission()
        submission.version = nil
        submission.answerMap["note"] = nil
        #expect(Fixture.definition.validate(submission) == [])
    }

    @Test func acceptsTextOfExactlyTheLimit() {
        let text = AnswerValue.string(String(repeating: "é", count: Item.maxTextLength))
        #expect(
            Fixture.definition.validate(Fixture.submission(answers: Fixture.answers.merging(["note": text]) { $1 }))
                == []
        )
    }

    @Test func reportsEveryProblemAtOnceWithAnswersInKeyOrder() {
        var submission = Fixture.submission()
        submission.session = -1
        submission.answerMap["v1"] = 11
        submission.answerMap["c1"] = nil
        submission.answerMap["b1"] = "yes"
        #expect(
            Fixture.definition.validate(submission).map(\.pointer) == [
                "/session", "/answers/b1", "/answers/v1", "/answers/c1",
            ]
        )
    }

    @Test func messagesNeverRepeatAnswersOrClientIDs() {
        var submission = Fixture.submission()
        submission.client = "secret name"
        submission.answerMap["c1"] = "my-private-words"
        submission.answerMap["l1"] = 77
        let messages = Fixture.definition.validate(submission).map(\.message).joined(separator: " ")
        #expect(!messages.contains("secret"))
        #expect(!messages.contains("private"))
        #expect(!messages.contains("77"))
    }

    @Test(arguments: [
        ("2024-02-29", true), ("2026-02-28", true), ("2000-02-29", true), ("1900-02-29", false),
        ("2026-04-31", false), ("2026-13-01", false), ("2026-00-10", false), ("2026-1-01", false),
        ("20260101", false), ("2026-01-01T00:00:00Z", false), ("0000-01-01", false), ("２０２６-01-01", false),
    ])
    func acceptsOnlyRealCalendarDates(text: String, isValid: Bool) {
        #expect((CalendarDate(text) != nil) == isValid)
        if isValid { #expect(CalendarDate(text)?.description == text) }
    }
}
