import AttuneCore
import AttuneJSON
import Foundation
import Testing

/// Published built-in versions never change: version 1 of each stays byte for byte what it was when it
/// was published (Tests/Fixtures/builtin-v1, captured from the server before version 2 existed), so its
/// ETag and the scores of every submission stored under it stay the same.
@Suite struct BuiltInVersionTests {
    static let ids = ["relationship-checkin", "relationship-profile", "relationship-checkin-therapist"]

    /// The bytes served for version 1 before any later version existed.
    static func publishedVersion1(_ id: String) throws -> [UInt8] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let file = directory.appendingPathComponent("Fixtures/builtin-v1/\(id).json")
        return try [UInt8](Data(contentsOf: file))
    }

    @Test(arguments: ids)
    func version1EncodesToThePublishedBytes(_ id: String) throws {
        let version1 = try #require(BuiltInInstruments.definition(withID: id, version: 1))
        #expect(version1.version == 1)
        let published = try Self.publishedVersion1(id)
        #expect(published.count > 1000)
        #expect(DefinitionJSON.encode(version1) == published)
    }

    @Test(arguments: ids)
    func version2IsTheLatestAndDiffersFromVersion1(_ id: String) throws {
        let latest = try #require(BuiltInInstruments.definition(withID: id))
        #expect(latest.version == 2)
        #expect(BuiltInInstruments.definition(withID: id, version: 2) == latest)
        #expect(BuiltInInstruments.definition(withID: id, version: 3) == nil)
        #expect(DefinitionJSON.encode(latest) != (try Self.publishedVersion1(id)))
        #expect(BuiltInInstruments.latest.filter { $0.id == id } == [latest])
        #expect(BuiltInInstruments.all.filter { $0.id == id }.map(\.version) == [1, 2])
    }

    @Test func version1StillRequiresEveryItemAndScoresAsBefore() throws {
        let checkin = try #require(BuiltInInstruments.definition(withID: "relationship-checkin", version: 1))
        #expect(checkin.items.allSatisfy { $0.required == nil && $0.allowNotApplicable == nil && $0.isRequired })
        // 4, 3, 4, 3, 2, 3, 4, 0: mean 23 / 8 = 2.875 → 2.88 ("mixed", below the cut-off of 3);
        // flexibility at "Not at all" fires its floor alert.
        let answers: [String: AnswerValue] = [
            "secure_base": .number(4), "attunement": .number(3), "trust": .number(4), "acceptance": .number(3),
            "repair": .number(2), "autonomy": .number(3), "cultural_humility": .number(4), "flexibility": .number(0),
        ]
        let result = checkin.score(answers)
        #expect(result.scores.keys.sorted() == ["total"])
        #expect(result.scores["total"]?.value == 2.88)
        #expect(result.scores["total"]?.band == "mixed")
        #expect(result.scores["total"]?.cutoffCrossed == true)
        #expect(result.alerts == [FiredAlert(id: "floor-flexibility", target: .item("flexibility"), value: 0)])
    }

    @Test func version1ProfileStillReversesItsLastEightPositions() throws {
        let profile = try #require(BuiltInInstruments.definition(withID: "relationship-profile", version: 1))
        let reversed = profile.items.indices.filter { profile.items[$0].isReversed }.map { $0 + 1 }
        #expect(reversed == Array(17...24))
        // All "Completely true" (4): the two straight items score 4, the reversed one 0 → mean 8/3 = 2.67.
        let answers = Dictionary(uniqueKeysWithValues: profile.items.map { ($0.id, AnswerValue.number(4)) })
        #expect(profile.score(answers).scores["total"]?.value == 2.67)
        #expect(profile.scale(withID: "total")?.items.count == 24)
    }
}
