import AttuneCore
import Foundation
import Testing

/// Codable produces and reads the wire JSON of DESIGN.md "Wire format".
@Suite struct WireFormatTests {
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func encodesAScaleScoreAsInDesign() throws {
        let score = ScaleScore(value: 2.75, answered: 8, of: 8, prorated: false, band: "good")
        #expect(try json(score) == #"{"answered":8,"band":"good","of":8,"prorated":false,"value":2.75}"#)
    }

    @Test func encodesAnUnscoredScaleWithAnExplicitNull() throws {
        let score = ScaleScore(value: nil, answered: 2, of: 8, prorated: false)
        #expect(try json(score) == #"{"answered":2,"of":8,"prorated":false,"value":null}"#)
    }

    @Test func encodesFiredAlertsWithScaleOrItem() throws {
        #expect(
            try json(FiredAlert(id: "low-total", target: .scale("total"), value: 2.75))
                == #"{"id":"low-total","scale":"total","value":2.75}"#
        )
        #expect(
            try json(FiredAlert(id: "flag", target: .item("c1"), value: 1)) == #"{"id":"flag","item":"c1","value":1}"#
        )
    }

    @Test func decodesTheDesignSubmission() throws {
        let body = #"""
            {"questionnaire": "relationship-checkin", "version": 1,
             "client": "c-0193", "therapist": "t-07", "respondent": "client",
             "session": 5, "date": "2026-11-20",
             "answers": {"secure_base": 3, "vas1": 7.5, "c1": "never", "b1": true},
             "scores": {"total": 2.75}}
            """#
        let submission = try JSONDecoder().decode(Submission.self, from: Data(body.utf8))
        #expect(submission.answers == ["secure_base": 3, "vas1": 7.5, "c1": "never", "b1": true])
        #expect(submission.scores == ["total": 2.75])
        #expect(submission.respondent == .client && submission.session == 5)
    }

    @Test func decodesTheDesignDefinitionShape() throws {
        let body = #"""
            {"id": "relationship-checkin", "version": 1, "title": "T", "respondent": "client",
             "items": [
               {"id": "secure_base", "text": "T", "type": "likert", "min": 0, "max": 4, "reverse": false, "required": true},
               {"id": "c1", "text": "T", "type": "choice", "options": [{"value": "never", "label": "L", "score": 0}]},
               {"id": "note", "text": "T", "type": "text", "required": false}],
             "scales": [{"id": "total", "title": "T", "items": ["secure_base", "c1"], "method": "mean",
               "weights": {"secure_base": 1}, "minAnswered": 0.5, "bands": [{"min": 0, "max": 1.5, "label": "concern"}],
               "cutoff": {"value": 1, "direction": "below"}, "reliability": 0.9, "sd": 0.6}],
             "alerts": [{"id": "low-total", "scale": "total", "below": 1}, {"id": "item-flag", "item": "c1", "atLeast": 0}]}
            """#
        let definition = try JSONDecoder().decode(QuestionnaireDefinition.self, from: Data(body.utf8))
        #expect(definition.validate() == [])
        #expect(definition.alerts[1].condition == .atLeast(0))
        #expect(definition.items[2].isRequired == false)
    }

    @Test func builtInsSurviveAnEncodeDecodeRoundTrip() throws {
        for definition in BuiltInInstruments.all {
            let data = try JSONEncoder().encode(definition)
            #expect(try JSONDecoder().decode(QuestionnaireDefinition.self, from: data) == definition)
        }
    }

    @Test func answerValuesKeepTheirJSONType() throws {
        let answers: [String: AnswerValue] = ["n": 1, "s": "1", "b": true]
        #expect(try json(answers) == #"{"b":true,"n":1,"s":"1"}"#)
    }
}
