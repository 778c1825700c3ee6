import AttuneCore
import AttuneTesting
import Testing

/// The facts computed with the scores must equal the facts a stored row's JSON rebuilds: a supersession or
/// an erasure retracts exactly what the first write applied.
@Suite struct SubmissionFactsTests {
    @Test func liveFactsEqualTheFactsRebuiltFromStoredJSON() throws {
        var generator = SplitMix64(seed: 12)
        var reports = 0
        for definition in BuiltInInstruments.all {
            let plan = ScoringPlan(definition)
            for _ in 0..<200 {
                var answers = ScoringPlanTests.validAnswers(for: definition, using: &generator)
                if definition.items.contains(where: { $0.id == BuiltInInstruments.ruptureFeltItemID }) {
                    answers[BuiltInInstruments.ruptureFeltItemID] = .boolean(Bool.random(using: &generator))
                    answers[BuiltInInstruments.ruptureDiscussedItemID] =
                        ["yes", "a_little", "no", "notApplicable"].randomElement(using: &generator).map(
                            AnswerValue.string
                        )
                }
                let sheet = plan.answerSheet(PostedSubmission.answers(answers))
                let scores = plan.score(sheet)
                let live = plan.facts(scores, sheet: sheet)
                let rebuilt = try #require(
                    SubmissionFacts(
                        scoresJSON: plan.encodeScores(scores),
                        alertsJSON: SubmissionJSON.encodeAlerts(scores.alerts),
                        answersJSON: plan.encodeAnswers(sheet)
                    )
                )
                #expect(live == rebuilt, "\(definition.id) v\(definition.version): \(answers)")
                #expect(live.alertCount == scores.alerts.count)
                #expect(live.scales.map(\.id) == live.scales.map(\.id).sorted())
                for fact in live.scales {
                    #expect(fact.value == scores.result.scores[fact.id]?.value)
                }
                if live.directReport != nil { reports += 1 }
            }
        }
        #expect(reports > 100, "the check-ins' direct reports were read")
    }

    @Test func directReportReadsBothAnswers() throws {
        let plan = ScoringPlan(BuiltInInstruments.relationshipCheckin)
        func report(_ answers: [String: AnswerValue]) -> DirectRuptureReport? {
            let sheet = plan.answerSheet(PostedSubmission.answers(answers))
            return plan.facts(plan.score(sheet), sheet: sheet).directReport
        }
        let felt = BuiltInInstruments.ruptureFeltItemID
        let discussed = BuiltInInstruments.ruptureDiscussedItemID
        #expect(report([:]) == nil)
        #expect(report([felt: false]) == DirectRuptureReport(felt: false))
        #expect(report([felt: true, discussed: "yes"]) == DirectRuptureReport(felt: true, discussed: .yes))
        #expect(report([felt: true, discussed: "a_little"]) == DirectRuptureReport(felt: true, discussed: .aLittle))
        #expect(report([felt: true, discussed: "notApplicable"]) == DirectRuptureReport(felt: true))
    }

    @Test func malformedStoredJSONGivesNoFacts() {
        let empty: [UInt8] = Array("{}".utf8)
        #expect(SubmissionFacts(scoresJSON: Array("[]".utf8), alertsJSON: Array("[]".utf8), answersJSON: empty) == nil)
        #expect(SubmissionFacts(scoresJSON: empty, alertsJSON: empty, answersJSON: empty) == nil)
        #expect(
            SubmissionFacts(scoresJSON: Array(#"{"total":3}"#.utf8), alertsJSON: Array("[]".utf8), answersJSON: empty)
                == nil
        )
    }
}
