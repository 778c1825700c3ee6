import AttuneCore
import Testing

/// Sender-computed scores are recomputed and compared (DESIGN.md: refuse a mismatch above 1e-6).
@Suite struct ScoreComparisonTests {
    // Fixture answers: total = l1 3 + l2 reversed (0 + 4 − 1 = 3) + c1 1 + b1 1 = 8;
    // vas = (2·7.5 + 1·3) / 3 = 6.
    @Test func acceptsMatchingScoresAndDifferencesWithinTolerance() {
        let submission = Fixture.submission(scores: ["total": 8, "vas": 6.000_000_5])
        #expect(Fixture.definition.validate(submission) == [])
    }

    @Test func reportsAMismatchWithScaleSentAndComputed() throws {
        let submission = Fixture.submission(scores: ["total": 8.1])
        let problems = Fixture.definition.validate(submission)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.pointer == "/scores/total")
        #expect(problem.code == .scoreMismatch)
        #expect(problem.message.contains("total") && problem.message.contains("8.1") && problem.message.contains("8"))
    }

    @Test func reportsAScoreForAnUnknownScale() {
        let problems = Fixture.definition.validate(Fixture.submission(scores: ["bond": 1]))
        #expect(problems.map(\.pointer) == ["/scores/bond"])
        #expect(problems.map(\.code) == [.unknownScale])
    }

    @Test func reportsAScoreSentForAScaleTooIncompleteToScore() {
        var answers = Fixture.answers
        answers["v1"] = nil
        answers["l1"] = nil
        var definition = Fixture.definition
        definition.items[0].required = false
        definition.items[2].required = false
        let problems = definition.validate(Fixture.submission(answers: answers, scores: ["vas": 5]))
        #expect(problems.map(\.code) == [.scoreMismatch])
    }

    @Test func skipsTheComparisonWhenAnAnswerIsRefused() {
        var answers = Fixture.answers
        answers["l1"] = 9
        let problems = Fixture.definition.validate(Fixture.submission(answers: answers, scores: ["total": 0]))
        #expect(problems.map(\.code) == [.outOfRange])
    }
}
