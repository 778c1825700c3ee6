import AttuneCore
import AttuneJSON
import Testing

/// The `straightLining` flag: every answered likert item of a definition with reverse-keyed items got the
/// same raw answer (docs/scoring.md).
@Suite struct StraightLiningTests {
    static let profile = BuiltInInstruments.relationshipProfile

    static func flags(_ definition: QuestionnaireDefinition, _ answers: [String: AnswerValue]) -> [SubmissionFlag] {
        definition.score(answers).flags
    }

    static func same(_ value: AnswerValue, for definition: QuestionnaireDefinition) -> [String: AnswerValue] {
        Dictionary(uniqueKeysWithValues: definition.items.filter { $0.type == .likert }.map { ($0.id, value) })
    }

    @Test func everyProfileItemWithTheSameRawAnswerIsFlagged() {
        #expect(Self.profile.items.contains { $0.isReversed })
        for value: AnswerValue in [0, 2, 4] {
            #expect(Self.flags(Self.profile, Self.same(value, for: Self.profile)) == [.straightLining])
        }
    }

    @Test func oneDifferentAnswerIsNotStraightLining() {
        var answers = Self.same(3, for: Self.profile)
        answers[Self.profile.items[5].id] = 2
        #expect(Self.flags(Self.profile, answers).isEmpty)
    }

    @Test func skippedItemsAreLeftOutButEnoughMustRemain() {
        var answers = Self.same(3, for: Self.profile)
        for item in Self.profile.items.prefix(3) { answers[item.id] = nil }
        #expect(Self.flags(Self.profile, answers) == [.straightLining])
        let few = Dictionary(uniqueKeysWithValues: Self.profile.items.prefix(5).map { ($0.id, AnswerValue(3)) })
        #expect(Self.flags(Self.profile, few).isEmpty)
    }

    @Test func aDefinitionWithoutReverseKeyedItemsIsNeverFlagged() {
        let checkin = BuiltInInstruments.relationshipCheckin
        let plain = Fixture.single(
            items: Fixture.likertItems(8, min: 0, max: 4),
            scale: Scale(id: "s", title: "S", items: Fixture.ids(1...8), method: .mean)
        )
        #expect(Self.flags(plain, Self.same(2, for: plain)).isEmpty)
        if !checkin.items.contains(where: \.isReversed) {
            #expect(Self.flags(checkin, Self.same(2, for: checkin)).isEmpty)
        }
    }

    @Test func theFlagIsWrittenAsAnArrayOfNames() {
        #expect(
            String(decoding: SubmissionJSON.encodeFlags([.straightLining]), as: UTF8.self) == #"["straightLining"]"#
        )
        #expect(SubmissionJSON.encodeFlags([]) == Array("[]".utf8))
    }
}

extension AnswerValue {
    init(_ value: Int) { self = .number(JSONNumber(value)) }
}
