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
}
