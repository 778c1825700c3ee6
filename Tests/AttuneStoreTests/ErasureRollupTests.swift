import AttuneCore
import AttuneStore
import AttuneTesting
import Foundation
import Testing

@testable import AttuneSQLite

/// Erasing clients leaves the rollups equal to a full recomputation from the remaining submissions,
/// with no row keyed by an erased client.
@Suite struct ErasureRollupTests {
    @Test(arguments: [7, 8, 9])
    func rollupsEqualARecomputationAfterErasures(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        defer { store.close() }
        let fixture = try SubmissionFixture(store: store)
        var random = SplitMix64(seed: seed)
        var taken: Set<String> = []
        let dates = ["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-14", "2026-03-02"]
        for _ in 0..<120 {
            let client = "c-\(random.next() % 6)"
            let session = Int(random.next() % 12) + 1
            let slot = "\(client)/\(session)"
            let submission = RollupRecomputationTests.submission(
                client: client,
                therapist: random.next() % 3 == 0 ? "t-2" : "t-1",
                session: session,
                date: dates[Int(random.next() % UInt64(dates.count))],
                total: Double(random.next() % 401) / 100,
                bond: random.next() % 5 == 0 ? nil : Double(random.next() % 401) / 100,
                alerts: Int(random.next() % 3),
                supersedes: taken.contains(slot)
            )
            _ = try store.createSubmission(practiceID: fixture.practice.id, submission, actor: fixture.admin)
            taken.insert(slot)
        }
        for client in ["c-1", "c-4"] {
            let erased = try store.eraseClient(practiceID: fixture.practice.id, clientID: client, actor: fixture.admin)
            #expect(erased.submissions > 0)
            #expect(erased.walCheckpointed)
        }
        let stored = try RollupRecomputationTests.storedRows(at: path)[fixture.practice.id] ?? [:]
        let expected = try RollupRecomputationTests.recomputed(at: path)[fixture.practice.id] ?? [:]
        #expect(!stored.isEmpty)
        #expect(RollupRecomputationTests.differences(stored, expected) == [])
        let keyedByErased = stored.keys.filter { key in
            switch key {
            case .clientMonth(_, _, _, _, let client), .client(_, _, let client): ["c-1", "c-4"].contains(client)
            case .day, .month: false
            }
        }
        #expect(keyedByErased.isEmpty)
    }
}
