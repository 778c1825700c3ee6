import AttuneCore
import AttuneJSON
import Testing

@Suite struct BuiltInInstrumentTests {
    private let qualities = RelationshipQuality.allCases.map(\.rawValue)

    @Test(arguments: BuiltInInstruments.all.map(\.id))
    func passesItsOwnValidation(id: String) throws {
        let definition = try #require(BuiltInInstruments.definition(withID: id))
        #expect(definition.validate() == [])
    }

    @Test func haveDistinctIDsAndItemTexts() {
        #expect(Set(BuiltInInstruments.all.map(\.id)).count == 3)
        let texts = BuiltInInstruments.all.flatMap { $0.items.map(\.text) }
        #expect(Set(texts).count == texts.count)
    }

    @Test func checkinAsksOneQuestionPerQuality() {
        let checkin = BuiltInInstruments.relationshipCheckin
        #expect(checkin.respondent == .client)
        #expect(checkin.items.map(\.id) == qualities)
        #expect(checkin.scales.map(\.id) == ["total"])
        #expect(Set(checkin.alerts.map(\.id)).isSuperset(of: ["low-total", "floor-repair"]))
    }

    @Test func therapistFormMirrorsTheCheckinItemByItem() {
        let client = BuiltInInstruments.relationshipCheckin
        let therapist = BuiltInInstruments.relationshipCheckinTherapist
        #expect(therapist.respondent == .therapist)
        #expect(therapist.items.map(\.id) == client.items.map(\.id))
        #expect(therapist.items.map(\.labels) == client.items.map(\.labels))
        #expect(therapist.scales == client.scales)
        #expect(therapist.alerts == client.alerts)
    }

    @Test func profileHasThreeItemsPerQualityWithOneReversed() {
        let profile = BuiltInInstruments.relationshipProfile
        #expect(profile.items.count == 24)
        #expect(profile.scales.map(\.id) == qualities + ["total"])
        for quality in qualities {
            let subscale = profile.scale(withID: quality)
            #expect(subscale?.items.count == 3)
            let reversed = (subscale?.items ?? []).filter { profile.item(withID: $0)?.isReversed == true }
            #expect(reversed.count == 1, "\(quality) needs a reverse-keyed item")
        }
        #expect(Set(profile.scale(withID: "total")?.items ?? []) == Set(profile.items.map(\.id)))
    }

    @Test func scoresATypicalCheckin() {
        // 4, 3, 4, 3, 2, 3, 4, 0: mean 23 / 8 = 2.875 → 2.88 ("mixed", below the cut-off of 3);
        // flexibility at "Not at all" fires its floor alert.
        let values: [Double] = [4, 3, 4, 3, 2, 3, 4, 0]
        let answers = Dictionary(
            uniqueKeysWithValues: zip(qualities, values.map { AnswerValue.number(JSONNumber($0)) })
        )
        let result = BuiltInInstruments.relationshipCheckin.score(answers)
        #expect(
            result.scores["total"]
                == ScaleScore(value: 2.88, answered: 8, of: 8, prorated: false, band: "mixed", cutoffCrossed: true)
        )
        #expect(result.alerts == [FiredAlert(id: "floor-flexibility", target: .item("flexibility"), value: 0)])
    }

    @Test func profileReverseKeysTheThirdStatement() {
        // All "Completely true" (4): the two straight items score 4, the reversed one 0 → mean 8/3 = 2.67.
        let profile = BuiltInInstruments.relationshipProfile
        let answers = Dictionary(uniqueKeysWithValues: profile.items.map { ($0.id, AnswerValue.number(4)) })
        let scores = profile.score(answers).scores
        #expect(scores["trust"]?.value == 2.67)
        #expect(scores["total"]?.value == 2.67)
    }
}
