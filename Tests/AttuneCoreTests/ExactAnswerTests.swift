import AttuneCore
import Testing

/// Likert answers are exact, judged on the decimal text as sent; `scale` answers respect `step` within a
/// millionth of a step; `-0` is 0 (docs/scoring.md).
@Suite struct ExactAnswerTests {
    /// A fixture submission body with `l1`'s answer as raw JSON text; `escaped` spells the key `l\u0031`,
    /// which sends the body down the general reader instead of the one-pass scanner.
    static func body(l1: String, v1: String = "7.5", escaped: Bool = false) -> [UInt8] {
        let key = escaped ? #""l\u0031""# : #""l1""#
        return Array(
            (#"{"questionnaire":"fixture","version":1,"client":"c-1","therapist":"t-1","respondent":"client","#
                + #""session":1,"date":"2026-11-20","answers":{"# + key + ":" + l1
                + #","l2":1,"v1":"# + v1 + #","c1":"never","b1":true}}"#).utf8
        )
    }

    /// The problems with the body, and the answers as they would be stored.
    static func check(_ body: [UInt8]) throws -> (problems: [ValidationProblem], stored: String) {
        let posted = try SubmissionJSON.decode(body: body)
        let plan = ScoringPlan(Fixture.definition)
        let sheet = plan.answerSheet(posted.answers)
        return (plan.validate(posted, sheet: sheet), String(decoding: plan.encodeAnswers(sheet), as: UTF8.self))
    }

    @Test(arguments: ["3", "3.0", "3e0", "3E+0", "30e-1", "0.3e1", "3.000000000000000000000000"])
    func integersWrittenAnyWayAreIntegers(text: String) throws {
        for escaped in [false, true] {
            let (problems, stored) = try Self.check(Self.body(l1: text, escaped: escaped))
            #expect(problems == [], "\(text)")
            #expect(stored.hasPrefix(#"{"l1":3,"#))
        }
    }

    @Test(arguments: ["3.0000000001", "2.0000000000000001", "1e-400", "3.5", "2.9999999999999999999", "0.1e1"])
    func nonIntegersAreRefusedEvenWhenTheDoubleIsWhole(text: String) throws {
        for escaped in [false, true] {
            let (problems, _) = try Self.check(Self.body(l1: text, escaped: escaped))
            let expected: [ProblemCode] = text == "0.1e1" ? [] : [.notInteger]
            #expect(problems.map(\.code) == expected, "\(text)")
            if !expected.isEmpty { #expect(problems.map(\.pointer) == ["/answers/l1"]) }
        }
    }

    @Test(arguments: ["-0", "-0.0", "-0e5", "0"])
    func negativeZeroIsZeroAndStoredAsZero(text: String) throws {
        for escaped in [false, true] {
            let (problems, stored) = try Self.check(Self.body(l1: text, escaped: escaped))
            #expect(problems == [])
            #expect(stored.hasPrefix(#"{"l1":0,"#), "\(stored)")
            #expect(!stored.contains("-0"))
        }
    }

    @Test(arguments: [("7.5", true), ("7.5000001", true), ("7.50001", false), ("7.3", false), ("10", true)])
    func scaleAnswersRespectStepWithinAMillionthOfAStep(text: String, isAccepted: Bool) throws {
        let (problems, _) = try Self.check(Self.body(l1: "3", v1: text))
        #expect(problems.map(\.code) == (isAccepted ? [] : [.offStep]), "\(text)")
    }
}
